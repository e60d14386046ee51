#!/usr/bin/env python3
"""Train the relevance gate's model (the ``model`` of ``resources/gate.json``).

    PYTHONPATH=src python scripts/train_gate.py            # cross-validate, write the model
    PYTHONPATH=src python scripts/train_gate.py --dry-run  # report only
    PYTHONPATH=src python scripts/train_gate.py --dry-run --words  # with word features

Needs scikit-learn (the ``dev`` extra); claimwire applies the weights in pure Python
(:mod:`claimwire.nlp.gate`). The features are the gate's own (cue-word counts on the plain
text, :func:`claimwire.nlp.gate.features`), so training needs no spaCy.

Data recipe (``../shared/eval``). The gate must let through whatever can hold political
violence, protest or conflict figures, so its positives are broader than the relevance
model's:

- positives: ``conflict_news`` relevant articles of half ``a`` only (half ``b`` is never
  trained on), ``muc4`` messages with a relevant template, ``india_police_events``
  articles with a labelled sentence, ``wikievents`` documents with a ``Conflict.*`` event,
  the ``ggt_quotes`` protest reports, and ``gva_counts`` shooting news (their casualty
  figures are worth the full pipeline);
- negatives: ``conflict_news`` negatives of half ``a``, the other ``ggt_quotes`` articles,
  ``polnear``.

Texts under the gate's ``SHORT_WORDS`` always pass and are left out. The model is a
logistic regression with balanced class weights over the standardized cue-word features
and, with ``--words``, one binary feature per vocabulary word (present in the text or not;
tried and not shipped: docs/scale.md says why). The vocabulary is chosen on the training
texts only (per fold in cross-validation): lower-case words of at least three letters found
in :data:`MIN_DOCUMENTS` texts or more, and in at least two texts of each of
:data:`MIN_SOURCES` sources or more, and written in lower case in at least as many texts as
capitalized (texts mostly in capitals aside), so that a word one set alone uses and the
names of its places, people and days get no weight. Its regularization and threshold are
chosen on 5-fold out-of-fold scores (folds by document): the threshold is the highest one
that keeps the recall of every positive source at :data:`TARGET_RECALL` or more, and the
regularization the one that then rejects most negatives. The report gives the out-of-fold
recall per positive source and rejection per negative source, then leave-one-source-out
(trained without a source, threshold from the others' out-of-fold scores: the estimate for
a stream of an unseen kind), the heaviest word weights, and the share of the words of
``claimwire bench speed --mix 0.8``'s stream the gate would pass out of fold; ``claimwire
bench gate`` measures the shipped model in sample.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GATE_PATH = ROOT / "src/claimwire/resources/gate.json"
FOLDS = 5
SEED = 21
TARGET_RECALL = 0.995
REGULARIZATIONS = (0.1, 0.3, 1.0, 3.0)
MIN_DOCUMENTS = 5
"""A vocabulary word is in at least this many training texts..."""
MIN_SOURCES = 3
"""...and in at least two texts of each of this many sources."""
STREAM = {"limit": 100, "mix": 0.8}
"""The stream of ``claimwire bench speed --mix 0.8 --limit 100`` (for the passed-word share)."""

sys.path.insert(0, str(Path(__file__).resolve().parent))


def examples() -> list[tuple[str, str, bool]]:
    """(source, text, relevant) of every training text of the recipe."""
    import train_relevance as recipe

    from claimwire.bench.gate_sets import gate_sets
    from claimwire.nlp.gate import SHORT_WORDS, WORD

    found: list[tuple[str, str, bool]] = []
    for gate_set in gate_sets(half="a"):
        if gate_set.name in {"case2021_task2", "seed"}:
            continue
        for item in gate_set.texts:
            relevant = gate_set.kind == "conflict"
            if gate_set.name == "ggt_quotes":
                relevant = item.id in recipe.GGT_PROTESTS
            found.append((gate_set.name, item.text, relevant))
    found.extend((e.source, e.text, True) for e in recipe.wikievents_conflict())
    found.extend(("gva_counts", e.text, True) for e in recipe.gva())
    return [e for e in found if len(WORD.findall(e[1])) >= SHORT_WORDS]


class Data:
    """The training texts' labels, sources, cue features and distinct words."""

    def __init__(self, found: list[tuple[str, str, bool]], *, with_words: bool) -> None:
        import numpy as np

        from claimwire.nlp.gate import count_cues, features, vocabulary_words

        self.with_words = with_words
        self.sources = np.array([source for source, _, _ in found])
        self.y = np.array([label for _, _, label in found])
        self.texts = [text for _, text, _ in found]
        rows = [features(*count_cues(text)) for text in self.texts]
        self.names = sorted(rows[0])
        self.cues = np.array([[row[name] for name in self.names] for row in rows])
        self.words = [vocabulary_words(text) for text in self.texts]
        self.cased = [cased_words(text) for text in self.texts]


def cased_words(text: str) -> tuple[set[str], set[str]]:
    """The words ``text`` writes in lower case, and those it writes capitalized (lower-cased).

    A text mostly in capitals (a wire of the 1980s) tells nothing and gives two empty sets.
    """
    from claimwire.nlp.gate import VOCABULARY_WORD

    letters = [char for char in text if char.isalpha()]
    if sum(char.isupper() for char in letters) * 2 > len(letters):
        return set(), set()
    found = VOCABULARY_WORD.findall(text)
    lower = {word for word in found if word.islower()}
    capitalized = {word.lower() for word in found if word[0].isupper() and word[1:].islower()}
    return lower, capitalized


class Fitted:
    """A model fitted on some of the texts: scaler, vocabulary and regression."""

    def __init__(self, data: Data, rows: Any, c: float) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        self.data = data
        self.vocabulary = vocabulary(data, rows) if data.with_words else []
        self.scaler = StandardScaler().fit(data.cues[rows])
        self.model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        self.model.fit(self.design(rows), data.y[rows])

    def design(self, rows: Any) -> Any:
        """The standardized cue features and the binary word features of ``rows``."""
        from scipy import sparse

        if not self.vocabulary:  # the cue features alone, as the shipped model was fitted
            return self.scaler.transform(self.data.cues[rows])
        index = {word: j for j, word in enumerate(self.vocabulary)}
        cells = [
            (r, index[word])
            for r, row in enumerate(rows)
            for word in self.data.words[row]
            if word in index
        ]
        words = sparse.csr_matrix(
            ([1.0] * len(cells), ([r for r, _ in cells], [j for _, j in cells])),
            shape=(len(rows), len(self.vocabulary)),
        )
        cues = sparse.csr_matrix(self.scaler.transform(self.data.cues[rows]))
        return sparse.hstack([cues, words]).tocsr()

    def predict(self, rows: Any) -> Any:
        """The probabilities of relevance of ``rows``."""
        return self.model.predict_proba(self.design(rows))[:, 1]


def vocabulary(data: Data, rows: Any) -> list[str]:
    """The words of ``rows`` common enough, and in enough sources, to get a weight."""
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    lower: Counter[str] = Counter()
    capitalized: Counter[str] = Counter()
    for row in rows:
        for word in data.words[row]:
            by_source[word][data.sources[row]] += 1
        lower.update(data.cased[row][0])
        capitalized.update(data.cased[row][1])
    return sorted(
        word
        for word, counts in by_source.items()
        if sum(counts.values()) >= MIN_DOCUMENTS
        and sum(1 for count in counts.values() if count >= 2) >= MIN_SOURCES
        and lower[word] >= capitalized[word]  # a name (Donald, York, Monday) gets no weight
    )


def out_of_fold(data: Data, rows: Any, c: float) -> Any:
    """Out-of-fold probabilities of ``rows`` with inverse regularization ``c``."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros(len(rows))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(rows, data.y[rows]):
        scores[test] = Fitted(data, rows[train], c).predict(rows[test])
    return scores


def threshold_for(scores: Any, y: Any, sources: list[str]) -> float:
    """The highest threshold keeping every positive source's recall at the target."""
    best = 1.0
    for source in {s for s, label in zip(sources, y, strict=True) if label}:
        positives = sorted(
            score
            for score, s, label in zip(scores, sources, y, strict=True)
            if label and s == source
        )
        allowed = int(len(positives) * (1 - TARGET_RECALL))
        best = min(best, positives[allowed] - 1e-9)
    return max(best, 0.0)


def report(scores: Any, y: Any, sources: list[str], threshold: float) -> dict[str, str]:
    """Recall per positive source and rejection per negative source at ``threshold``."""
    counts: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])
    for score, source, label in zip(scores, sources, y, strict=True):
        entry = counts[(source, bool(label))]
        entry[0] += int(score >= threshold)
        entry[1] += 1
    lines = {}
    for (source, label), (passed, total) in sorted(counts.items()):
        if label:
            lines[f"{source} (relevant)"] = f"recall {passed / total:.3f} ({passed}/{total})"
        else:
            rejected = total - passed
            lines[f"{source} (off-topic)"] = f"rejected {rejected / total:.3f} ({rejected}/{total})"
    return lines


def leave_one_source_out(data: Data, c: float) -> dict[str, str]:
    """Each source's recall or rejection by a model trained without it.

    The threshold comes from the other sources' out-of-fold scores, as for the shipped
    model: what a user's stream of a kind never trained on would see.
    """
    import numpy as np

    lines = {}
    for source in sorted(set(data.sources)):
        rest = np.flatnonzero(data.sources != source)
        if len(rest) == len(data.y) or data.y[rest].all() or not data.y[rest].any():
            continue
        threshold = threshold_for(
            out_of_fold(data, rest, c), data.y[rest], list(data.sources[rest])
        )
        held = np.flatnonzero(data.sources == source)
        passed = Fitted(data, rest, c).predict(held) >= threshold
        for label, name in ((True, "recall"), (False, "rejected")):
            chosen = passed[data.y[held] == label]
            if len(chosen):
                share = chosen.mean() if label else 1 - chosen.mean()
                count = int(chosen.sum()) if label else int(len(chosen) - chosen.sum())
                lines[f"{source} ({'relevant' if label else 'off-topic'})"] = (
                    f"{name} {share:.3f} ({count}/{len(chosen)})"
                )
    return lines


def stream_share(data: Data, scores: Any, fitted: Fitted, threshold: float) -> str:
    """The share of the speed stream's words the gate passes, scored out of fold.

    A stream text that is a training text gets its out-of-fold score; the others
    (conflict_news half b) the model's. The gate's rules for short texts and for texts
    without evidence apply as in :func:`claimwire.nlp.gate.gate`.
    """
    from claimwire.bench import default_eval_root
    from claimwire.bench.speed import mixed_stream
    from claimwire.nlp.gate import (
        SHORT_WORDS,
        count_cues,
        features,
        gate_lexicon,
        vocabulary_words,
    )

    by_text = dict(zip(data.texts, scores, strict=True))
    evidence_groups = gate_lexicon().evidence_groups
    passed_words = all_words = passed = 0
    stream = mixed_stream(default_eval_root(), **STREAM)  # type: ignore[arg-type]
    for text in stream:
        words, cues = count_cues(text)
        if text in by_text:
            probability = by_text[text]
        else:
            # Not trained on: the fitted model's weights, applied as the gate applies them.
            values = features(words, cues)
            row = [values[name] for name in data.names]
            present = vocabulary_words(text)
            design = fitted.scaler.transform([row])[0]
            total = float(fitted.model.intercept_[0])
            coefficients = fitted.model.coef_[0]
            total += float(sum(design * coefficients[: len(row)]))
            total += sum(
                float(coefficients[len(row) + j])
                for j, word in enumerate(fitted.vocabulary)
                if word in present
            )
            probability = 1 / (1 + math.exp(-total))
        evidence = bool(evidence_groups & cues.keys())
        ok = words < SHORT_WORDS or (evidence and probability >= threshold)
        all_words += words
        passed_words += words * ok
        passed += ok
    return (
        f"passes {passed} of {len(stream)} articles, "
        f"{passed_words / all_words:.1%} of the stream's {all_words:,} words"
    )


def main() -> int:
    """Train, report and (unless --dry-run) write the model into gate.json."""
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report only")
    parser.add_argument("--words", action="store_true", help="add the word features")
    args = parser.parse_args()
    data = Data(examples(), with_words=args.words)
    rows = np.arange(len(data.y))
    chosen = None
    for c in REGULARIZATIONS:
        scores = out_of_fold(data, rows, c)
        threshold = threshold_for(scores, data.y, list(data.sources))
        rejected = float(np.mean(scores[~data.y] < threshold))
        print(
            f"C={c}: threshold {threshold:.4f}, out-of-fold rejection of negatives {rejected:.3f}"
        )
        if chosen is None or rejected > chosen[2]:
            chosen = (c, threshold, rejected, scores)
    assert chosen is not None
    c, threshold, _, scores = chosen
    print(f"chosen C={c}, threshold {threshold:.4f}; out-of-fold:")
    for key, line in report(scores, data.y, list(data.sources), threshold).items():
        print(f"  {key:<38} {line}")
    print("leave one source out (trained without it):")
    for key, line in leave_one_source_out(data, c).items():
        print(f"  {key:<38} {line}")
    fitted = Fitted(data, rows, c)
    coefficients = fitted.model.coef_[0]
    cue_count = len(data.names)
    words = {
        word: round(float(weight), 4)
        for word, weight in zip(fitted.vocabulary, coefficients[cue_count:], strict=True)
        if round(float(weight), 4)
    }
    ranked = sorted(words.items(), key=lambda item: item[1])
    if words:
        print(f"vocabulary: {len(fitted.vocabulary)} words")
        print("  most off-topic:", ", ".join(f"{w} {v:+.2f}" for w, v in ranked[:30]))
        print("  most relevant: ", ", ".join(f"{w} {v:+.2f}" for w, v in ranked[::-1][:30]))
    print("speed stream, out of fold:", stream_share(data, scores, fitted, threshold))
    if args.dry_run:
        return 0
    gate = json.loads(GATE_PATH.read_text(encoding="utf-8"))
    gate["model"] = {
        "features": data.names,
        "means": [round(float(v), 6) for v in fitted.scaler.mean_],
        "scales": [round(float(v), 6) for v in fitted.scaler.scale_],
        "weights": [round(float(v), 6) for v in coefficients[:cue_count]],
        **({"words": dict(sorted(words.items()))} if words else {}),
        "bias": round(float(fitted.model.intercept_[0]), 6),
        "threshold": round(threshold, 6),
    }
    GATE_PATH.write_text(json.dumps(gate, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GATE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
