#!/usr/bin/env python3
"""Train the relevance model (``resources/relevance_model.json``) from the development sets.

    PYTHONPATH=src python scripts/train_relevance.py                 # features, CV, write
    PYTHONPATH=src python scripts/train_relevance.py --cache F.jsonl # reuse computed features
    PYTHONPATH=src python scripts/train_relevance.py --dry-run       # report only

Needs scikit-learn (the ``dev`` extra); claimwire itself applies the weights in pure
Python (:mod:`claimwire.components.relevance.model`).

Data recipe (``../shared/eval``; every document is run through claimwire's pipeline up to
the events component, and its features computed by
:func:`claimwire.components.relevance.extract_features`):

- ``conflict_news``: half ``a`` only, labelled by its gold ``relevant``; half ``b`` is
  never trained on and is reported as held out.
- ``case2021_task2``: snippets of the 25 ACLED sub-types are positives (the short-text
  positives: one sentence about a bombing must stay relevant); ``NATURAL_DISASTER`` and
  ``MAN_MADE_DISASTER`` are negatives; diplomacy, responsibility claims and organised crime
  are left out (neither clearly in nor out of ACLED's scope).
- ``muc4``: messages with a relevant template (terrorist incidents) are positives; the
  "irrelevant" messages are not used as negatives, since MUC-4 calls battles between armed
  forces irrelevant, which ACLED codes.
- ``wikievents``: documents with a ``Conflict.*`` event are positives; the others (disease
  outbreaks, elections, technology) are left out.
- ``ggt_quotes``: Canadian general news, negatives, except the articles about protests
  listed in :data:`GGT_PROTESTS` (read by hand; protest is in scope).
- ``polnear``: 2016 US election news, negatives.
- ``gva_counts``: US shootings from the Gun Violence Archive, negatives: ordinary crime,
  domestic and accidental shootings, which ACLED does not code as political violence.

Long texts are cut at :data:`MAX_CHARS` characters (the conflict-news texts are page
beginnings of about 2,000 characters). Sources are capped at :data:`CAP` documents, taken
evenly through the source. The model is a logistic regression over standardized features
with balanced class weights; the reported scores are 5-fold cross-validated, folds by
document (each document is one example), with the component's rule applied (no conflict
evidence, no relevance); the regularization and the decision threshold are the ones that
maximize the cross-validated F1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
MODEL_PATH = Path(__file__).resolve().parents[1] / "src/claimwire/resources/relevance_model.json"
MAX_CHARS = 5000
CAP = 250
FOLDS = 5
SEED = 16
REGULARIZATIONS = (0.03, 0.1, 0.3, 1.0)
"""Inverse regularization strengths (scikit-learn's ``C``) tried; the best cross-validated
F1 wins."""
CASE_NEGATIVE = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})
CASE_LEFT_OUT = frozenset({"DIPLO", "ATTRIB", "ORG_CRIME"})
GGT_PROTESTS = frozenset({"5c1f328f1e67d78e279c7d31", "5c344a9f1e67d78e27d34d0a"})
"""GenderGapTracker articles that report protests (rallies and convoys; a protest meeting)."""


@dataclass(frozen=True)
class Example:
    """One training document: its source, id, text and label (True: relevant)."""

    source: str
    id: str
    text: str
    relevant: bool


def _even(items: list[Example], cap: int) -> list[Example]:
    if len(items) <= cap:
        return items
    step = len(items) / cap
    return [items[int(k * step)] for k in range(cap)]


def conflict_news(half: str) -> list[Example]:
    """The articles of one half of conflict_news."""
    from claimwire.bench.conflict_news import load_articles
    from claimwire.bench.split import select

    articles = select(load_articles(EVAL / "conflict_news"), lambda a: a.id, half)  # type: ignore[arg-type]
    return [
        Example(f"conflict_news_{half}", a.id, a.text, bool(a.gold.get("relevant", True)))
        for a in articles
    ]


def case_snippets() -> list[Example]:
    """CASE 2021 Task 2 snippets: ACLED sub-types in, disasters out."""
    from claimwire.bench.events import load_snippets

    found = []
    for snippet in load_snippets(EVAL / "case2021_task2"):
        if snippet.label in CASE_LEFT_OUT:
            continue
        relevant = snippet.label not in CASE_NEGATIVE
        found.append(Example("case2021", snippet.id, snippet.text, relevant))
    return found


def muc_relevant() -> list[Example]:
    """MUC-4 messages with a relevant template, true-cased."""
    from claimwire.bench.figures import truecase
    from claimwire.bench.muc import read_messages, text_files
    from claimwire.bench.muc_events import read_gold

    folder = EVAL / "muc4"
    gold = read_gold(folder)
    found = [
        Example("muc4", m.id, truecase(m.text[m.body_start :])[:MAX_CHARS], True)
        for m in read_messages(text_files(folder))
        if gold.get(m.id) is not None and gold[m.id].types
    ]
    return _even(found, CAP)


def wikievents_conflict() -> list[Example]:
    """WikiEvents documents with a Conflict event."""
    found = []
    for path in sorted((EVAL / "wikievents").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "tokens" not in record or "event_mentions" not in record:
                continue
            types = {m.get("event_type", "") for m in record["event_mentions"]}
            if any(t.startswith("Conflict.") for t in types):
                text = str(record.get("text") or " ".join(record["tokens"]))[:MAX_CHARS]
                found.append(Example("wikievents", record["doc_id"], text, True))
    return found


def ggt() -> list[Example]:
    """GenderGapTracker articles: negatives but for the protest reports."""
    path = next((EVAL / "ggt_quotes").glob("*.jsonl"))
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = str(record.get("text") or "")[:MAX_CHARS]
        if text.strip():
            found.append(
                Example("ggt_quotes", str(record["id"]), text, record["id"] in GGT_PROTESTS)
            )
    return found


def polnear() -> list[Example]:
    """PolNeAR articles (US election news), negatives."""
    paths = sorted((EVAL / "polnear").glob("*/text/*.txt"))
    found = [
        Example("polnear", p.stem, p.read_text(encoding="utf-8")[:MAX_CHARS], False) for p in paths
    ]
    return _even(found, CAP)


def gva() -> list[Example]:
    """GVA shooting news, negatives (ordinary crime)."""
    from claimwire.bench.gva import load_articles

    found = [
        Example("gva_counts", a.id, a.text[:MAX_CHARS], False)
        for a in load_articles(EVAL / "gva_counts")
        if a.text.strip()
    ]
    return _even(found, CAP)


def training_examples() -> list[Example]:
    """Every training document of the recipe."""
    return [
        *conflict_news("a"),
        *case_snippets(),
        *muc_relevant(),
        *wikievents_conflict(),
        *ggt(),
        *polnear(),
        *gva(),
    ]


def compute_features(examples: list[Example]) -> Iterator[dict[str, object]]:
    """Run the pipeline (without the relevance component) and yield each document's features."""
    from claimwire.components import keys
    from claimwire.components.relevance import extract_features
    from claimwire.nlp.pipeline import get_nlp

    nlp = get_nlp()
    with nlp.select_pipes(disable=[keys.RELEVANCE_FACTORY]):
        docs = nlp.pipe((e.text for e in examples), batch_size=16)
        for example, doc in zip(examples, docs, strict=True):
            values = extract_features(doc).values
            yield {
                "source": example.source,
                "id": example.id,
                "relevant": example.relevant,
                "values": values,
            }


def load_rows(examples: list[Example], cache: Path | None) -> list[dict[str, object]]:
    """The feature rows: those of ``cache`` (when given) reused, the others computed.

    The cache holds features, so it is only valid for the code and lexicon that made it:
    delete it after changing either.
    """
    rows: dict[tuple[object, object], dict[str, object]] = {}
    if cache is not None and cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[(row["source"], row["id"])] = row
    missing = [e for e in examples if (e.source, e.id) not in rows]
    with cache.open("a", encoding="utf-8") if cache is not None else open(os.devnull, "w") as out:
        for number, row in enumerate(compute_features(missing), start=1):
            rows[(row["source"], row["id"])] = row
            out.write(json.dumps(row) + "\n")
            if number % 100 == 0:
                print(f"  {number}/{len(missing)} documents", file=sys.stderr)
    return [rows[(e.source, e.id)] for e in examples]


def _scores(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
    }


def _matrix(rows: list[dict[str, object]], names: tuple[str, ...]) -> tuple[Any, list[bool]]:
    """The feature matrix (rates derived from the counts) and the evidence gate per row."""
    import numpy as np

    from claimwire.components.relevance import with_rates
    from claimwire.components.relevance.model import has_conflict_evidence

    values = [with_rates(dict(r["values"])) for r in rows]  # type: ignore[call-overload]
    matrix = np.array([[float(v.get(n, 0.0)) for n in names] for v in values])
    return matrix, [has_conflict_evidence(v) for v in values]


def main() -> int:
    """Compute features, cross-validate, fit on everything, write the model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.preprocessing import StandardScaler

    from claimwire.components.relevance import feature_names

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="JSON-lines file of computed features")
    parser.add_argument("--dry-run", action="store_true", help="do not write the model")
    args = parser.parse_args()

    examples = training_examples()
    held_out = conflict_news("b")
    rows = load_rows(examples + held_out, args.cache)
    names = feature_names()
    train, test = rows[: len(examples)], rows[len(examples) :]
    x, gate = _matrix(train, names)
    y = np.array([bool(r["relevant"]) for r in train])
    sources = [str(r["source"]) for r in train]

    def fit(xs: Any, ys: Any, c: float) -> tuple[StandardScaler, LogisticRegression]:
        scaler = StandardScaler().fit(xs)
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        return scaler, model.fit(scaler.transform(xs), ys)

    def decisions(scores: Any, threshold: float) -> list[bool]:
        return [bool(s >= threshold) and g for s, g in zip(scores, gate, strict=True)]

    folds = list(StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(x, y))
    thresholds = [round(float(t), 3) for t in np.linspace(0.2, 0.8, 61)]
    best: tuple[float, float, float, Any] = (-1.0, 0.0, 0.0, None)
    for c in REGULARIZATIONS:
        oof = np.zeros(len(y))
        for train_index, test_index in folds:
            scaler, model = fit(x[train_index], y[train_index], c)
            oof[test_index] = model.predict_proba(scaler.transform(x[test_index]))[:, 1]
        for t in thresholds:
            f1 = _scores(list(y), decisions(oof, t))["f1"]
            if f1 > best[0]:
                best = (f1, c, t, oof)
        print(f"  C={c}: best cross-validated F1 so far {best[0]} (C={best[1]}, t={best[2]})")
    _, regularization, threshold, oof = best
    predicted_all = decisions(oof, threshold)
    cv = _scores(list(y), predicted_all)
    print(
        f"cross-validated ({FOLDS} folds by document), C={regularization}, threshold {threshold}:"
    )
    print(f"  all {cv}")
    for source in dict.fromkeys(sources):
        index = [i for i, s in enumerate(sources) if s == source]
        gold = [bool(y[i]) for i in index]
        predicted = [predicted_all[i] for i in index]
        wrong = [str(train[i]["id"]) for i in index if predicted_all[i] != y[i]]
        print(
            f"  {source:16} n={len(index):4} pos={sum(gold):4} "
            f"predicted pos={sum(predicted):4} wrong={len(wrong)} {_scores(gold, predicted)}"
        )
        if source.startswith("conflict_news"):
            print(f"    wrong: {wrong}")

    scaler, model = fit(x, y, regularization)
    if test:
        xt, gate_t = _matrix(test, names)
        yt = [bool(r["relevant"]) for r in test]
        scores_t = model.predict_proba(scaler.transform(xt))[:, 1]
        pt = [bool(s >= threshold) and g for s, g in zip(scores_t, gate_t, strict=True)]
        print(f"conflict_news half b (held out, n={len(yt)}): {_scores(yt, pt)}")
    weights = model.coef_[0]
    for name, weight in sorted(zip(names, weights, strict=True), key=lambda p: -abs(p[1]))[:25]:
        print(f"  {weight:+.3f} {name}")
    training = Counter(
        f"{s}:{'relevant' if r else 'other'}" for s, r in zip(sources, y, strict=True)
    )
    payload = {
        "description": (
            "Logistic regression of claimwire_relevance_v1, written by "
            "scripts/train_relevance.py (see its data recipe). score = sigmoid(bias + "
            "sum(weights * (value - mean) / scale)); relevant when score >= threshold and "
            "the article has some conflict evidence (model.CONFLICT_EVIDENCE)."
        ),
        "version": "1",
        "features": list(names),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) if v > 0 else 1.0 for v in scaler.scale_],
        "weights": [round(float(v), 6) for v in weights],
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "training": dict(sorted(training.items())),
        "regularization": regularization,
        "cross_validation": {"folds": FOLDS, **cv, "documents": len(y)},
    }
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
