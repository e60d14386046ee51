#!/usr/bin/env python3
"""Train a cheaper entity recognizer for en_core_web_sm 3.8.0 by distillation.

en_core_web_sm's NER has its own embedding and 4-layer CNN (width 96), which costs more
than the shared ``tok2vec`` that the tagger and parser listen to. The recognizer trained
here listens to that shared, frozen ``tok2vec`` instead (``spacy.Tok2VecListener.v1``), so
the tagger and parser are untouched and only the transition model (hidden width 64, as in
the original) is learned. ``--own-tok2vec WIDTH,DEPTH`` trains a small embedding of its
own instead.

Data recipe (silver, no gold): the texts of these development sets under the eval root
(default ``../shared/eval``, or ``$CLAIMWIRE_EVAL``), found by pattern through
``scripts/extract_all.py``'s readers: gva_counts, ggt_quotes, polnear, muc4,
india_police_events, wikievents, case2021_task2, and conflict_news **half a only** (by
document id, :mod:`claimwire.bench.split`; half b is never read). Each distinct text is cut
into pieces of at most ``--max-chars`` characters at paragraph breaks, and labelled by the
original model's NER (``doc.ents``): the new recognizer learns to agree with it. One piece
in ``--holdout`` (default 10), chosen by a hash of its text, is held out and only used to
measure agreement (precision, recall and F1 per label against the original NER).

    PYTHONPATH=src nice -n 10 python scripts/train_ner.py silver /tmp/ner-silver
    PYTHONPATH=src nice -n 10 python scripts/train_ner.py train /tmp/ner-silver /tmp/ner-out
    PYTHONPATH=src python scripts/train_ner.py agree /tmp/ner-silver /tmp/ner-out/ner

``train`` writes the best component (by held-out F1) to ``OUT/ner`` with
``nlp.get_pipe("ner").to_disk``; claimwire ships it under
``src/claimwire/resources/ner_listener/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_all import texts_of

from claimwire.bench.conflict_news import load_articles
from claimwire.bench.split import select
from claimwire.nlp.pipeline import load_model

SETS = (
    "gva_counts",
    "ggt_quotes",
    "polnear",
    "muc4",
    "india_police_events",
    "wikievents",
    "case2021_task2",
)
"""Development sets read whole (conflict_news is read apart: half a only)."""

LABELS_SHOWN = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "DATE", "CARDINAL")


def _pieces(text: str, max_chars: int) -> Iterator[str]:
    """``text`` in pieces of at most about ``max_chars`` characters, cut at blank lines."""
    piece = ""
    for paragraph in text.split("\n\n"):
        if piece and len(piece) + len(paragraph) > max_chars:
            yield piece
            piece = ""
        piece = f"{piece}\n\n{paragraph}" if piece else paragraph
        while len(piece) > 2 * max_chars:
            cut = piece.rfind("\n", 0, max_chars)
            cut = cut if cut > 0 else piece.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            yield piece[:cut]
            piece = piece[cut:].lstrip()
    if piece.strip():
        yield piece


def gather(eval_root: Path, max_chars: int) -> list[tuple[str, str]]:
    """(set name, text piece) for every distinct text of the recipe's sets."""
    seen: set[str] = set()
    found: list[tuple[str, str]] = []

    def add(name: str, text: str) -> None:
        text = text.strip()
        if len(text) < 40 or text in seen:
            return
        seen.add(text)
        found.extend((name, piece) for piece in _pieces(text, max_chars))

    for name in SETS:
        for record in texts_of(eval_root / name):
            add(name, record["text"])
    for article in select(load_articles(eval_root / "conflict_news"), lambda a: a.id, "a"):
        add("conflict_news_a", article.text)
    return found


def is_held_out(text: str, holdout: int) -> bool:
    """Whether a piece is held out: one in ``holdout``, by a hash of its text."""
    return hashlib.sha256(text.encode("utf-8")).digest()[0] % holdout == 0


def make_silver(out: Path, eval_root: Path, max_chars: int, holdout: int) -> None:
    """Label every piece with the original NER; write train.spacy and heldout.spacy."""
    nlp = load_model()
    pieces = gather(eval_root, max_chars)
    print(f"{len(pieces)} pieces: {dict(Counter(name for name, _ in pieces))}", flush=True)
    train, held = DocBin(), DocBin()
    started = time.process_time()
    texts = [text for _, text in pieces]
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for doc in nlp.pipe(texts, batch_size=64):
            silver = Doc(
                doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]
            )
            silver.ents = [silver.char_span(e.start_char, e.end_char, e.label_) for e in doc.ents]
            (held if is_held_out(doc.text, holdout) else train).add(silver)
    out.mkdir(parents=True, exist_ok=True)
    train.to_disk(out / "train.spacy")
    held.to_disk(out / "heldout.spacy")
    words = sum(len(text.split()) for text in texts)
    print(
        f"train {len(train)} pieces, held out {len(held)}; {words} words; "
        f"{time.process_time() - started:.0f} CPU s",
        flush=True,
    )


def ner_config(own_tok2vec: tuple[int, int] | None) -> dict[str, Any]:
    """The config of the student's ``ner`` component (shipped as ``config.json``)."""
    tok2vec: dict[str, Any]
    if own_tok2vec is None:
        tok2vec = {
            "@architectures": "spacy.Tok2VecListener.v1",
            "width": 96,
            "upstream": "tok2vec",
        }
    else:
        width, depth = own_tok2vec
        tok2vec = {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [5000, 1000, 2500, 2500],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "depth": depth,
                "window_size": 1,
                "maxout_pieces": 3,
            },
        }
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": tok2vec,
    }
    return {"model": model}


def student(own_tok2vec: tuple[int, int] | None) -> Language:
    """en_core_web_sm with its NER replaced by an untrained one."""
    nlp = load_model()
    nlp.remove_pipe("ner")
    nlp.add_pipe("ner", config=ner_config(own_tok2vec))
    return nlp


def _examples(nlp: Language, path: Path) -> list[Example]:
    docs = DocBin().from_disk(path).get_docs(nlp.vocab)
    return [Example(nlp.make_doc(doc.text), doc) for doc in docs]


def agreement(nlp: Language, examples: list[Example]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per label of ``nlp``'s entities against the silver ones."""
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    docs = nlp.pipe((eg.predicted.text for eg in examples), batch_size=64)
    for doc, example in zip(docs, examples, strict=True):
        mine = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        theirs = {(e.start_char, e.end_char, e.label_) for e in example.reference.ents}
        for label in ("ALL", *{e[2] for e in mine | theirs}):
            keep = (lambda e: True) if label == "ALL" else (lambda e, lab=label: e[2] == lab)
            a = {e for e in mine if keep(e)}
            b = {e for e in theirs if keep(e)}
            tp[label] += len(a & b)
            predicted[label] += len(a)
            gold[label] += len(b)
    scores = {}
    for label in sorted(gold | predicted, key=lambda lab: -gold[lab]):
        p = tp[label] / predicted[label] if predicted[label] else 0.0
        r = tp[label] / gold[label] if gold[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[label] = {"p": p, "r": r, "f": f, "n": gold[label]}
    return scores


def _print_scores(scores: dict[str, dict[str, float]]) -> None:
    for label, s in scores.items():
        if label == "ALL" or label in LABELS_SHOWN or s["n"] >= 100:
            print(f"  {label:12} P {s['p']:.3f} R {s['r']:.3f} F {s['f']:.3f} (n={s['n']:.0f})")


def train(
    silver: Path,
    out: Path,
    *,
    minutes: float,
    own_tok2vec: tuple[int, int] | None,
    batch_words: int = 1000,
    eval_words: int = 400_000,
    eval_pieces: int = 150,
    resume: Path | None = None,
) -> None:
    """Train the student's NER on the silver pieces for ``minutes`` of wall time.

    Every ``eval_words`` words, the averaged weights are scored on the first
    ``eval_pieces`` held-out pieces; the best are kept in ``OUT/ner``.
    """
    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = student(own_tok2vec)
    train_examples = _examples(nlp, silver / "train.spacy")
    held = _examples(nlp, silver / "heldout.spacy")
    ner = nlp.get_pipe("ner")
    frozen = [name for name in nlp.pipe_names if name not in ("tok2vec", "ner")]
    annotates = ["tok2vec"] if own_tok2vec is None else []
    sample = held[:eval_pieces]
    with nlp.select_pipes(disable=frozen):
        ner.initialize(lambda: train_examples[:2000], nlp=nlp)
        if resume is not None:
            ner.from_disk(resume, exclude=["vocab"])
        optimizer = nlp.create_optimizer()
        best = -1.0
        deadline = time.monotonic() + minutes * 60
        words = checked = 0
        losses: dict[str, float] = {}
        started = time.process_time()
        while time.monotonic() < deadline:
            random.shuffle(train_examples)
            for batch in minibatch_by_words(train_examples, size=batch_words):
                nlp.update(
                    batch,
                    sgd=optimizer,
                    drop=0.1,
                    losses=losses,
                    exclude=["tok2vec"] if annotates else [],
                    annotates=annotates,
                )
                words += sum(len(eg.reference) for eg in batch)
                last = time.monotonic() > deadline
                if words - checked < eval_words and not last:
                    continue
                checked = words
                with ner.model.use_params(optimizer.averages):
                    scores = agreement(nlp, sample)
                    f = scores["ALL"]["f"]
                    print(
                        f"{words} words: loss {losses.get('ner', 0):.0f}, held-out sample F "
                        f"{f:.4f}, {time.process_time() - started:.0f} CPU s",
                        flush=True,
                    )
                    losses = {}
                    if f > best:
                        best = f
                        out.mkdir(parents=True, exist_ok=True)
                        ner.to_disk(out / "ner", exclude=["vocab"])
                        config = json.dumps(ner_config(own_tok2vec), indent=1)
                        (out / "ner" / "config.json").write_text(config + "\n")
                        (out / "scores.json").write_text(json.dumps(scores, indent=1) + "\n")
                if last:
                    break
    print(f"best held-out F {best:.4f}")


def agree(silver: Path, component: Path, own_tok2vec: tuple[int, int] | None) -> None:
    """Print the agreement of a trained NER with the original on the held-out pieces."""
    nlp = student(own_tok2vec)
    nlp.get_pipe("ner").from_disk(component)
    held = _examples(nlp, silver / "heldout.spacy")
    disabled = [n for n in nlp.pipe_names if n not in ("tok2vec", "ner")]
    with nlp.select_pipes(disable=disabled):
        _print_scores(agreement(nlp, held))


def _shape(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    width, depth = value.split(",")
    return int(width), int(depth)


def main() -> int:
    """Parse the arguments and run one step."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    silver_parser = steps.add_parser(
        "silver", help="label the recipe's texts with the original NER"
    )
    silver_parser.add_argument("out", type=Path)
    silver_parser.add_argument(
        "--eval", type=Path, default=Path(os.environ.get("CLAIMWIRE_EVAL", "../shared/eval"))
    )
    silver_parser.add_argument("--max-chars", type=int, default=3000)
    silver_parser.add_argument("--holdout", type=int, default=10)
    train_parser = steps.add_parser("train", help="train the student NER")
    train_parser.add_argument("silver", type=Path)
    train_parser.add_argument("out", type=Path)
    train_parser.add_argument("--minutes", type=float, default=30.0)
    train_parser.add_argument("--own-tok2vec", help="WIDTH,DEPTH of an own embedding")
    train_parser.add_argument("--resume", type=Path, help="a trained component to go on from")
    agree_parser = steps.add_parser("agree", help="held-out agreement of a trained NER")
    agree_parser.add_argument("silver", type=Path)
    agree_parser.add_argument("component", type=Path)
    agree_parser.add_argument("--own-tok2vec", help="WIDTH,DEPTH of an own embedding")
    args = parser.parse_args()
    if args.step == "silver":
        make_silver(args.out, args.eval, args.max_chars, args.holdout)
    elif args.step == "train":
        train(
            args.silver,
            args.out,
            minutes=args.minutes,
            own_tok2vec=_shape(args.own_tok2vec),
            resume=args.resume,
        )
    else:
        agree(args.silver, args.component, _shape(args.own_tok2vec))
    return 0


if __name__ == "__main__":
    sys.exit(main())
