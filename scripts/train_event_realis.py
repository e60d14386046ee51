#!/usr/bin/env python3
"""Train the learned event filter (``resources/event_realis_model.json``).

    PYTHONPATH=src python scripts/train_event_realis.py                 # features, CV, write
    PYTHONPATH=src python scripts/train_event_realis.py --cache F.jsonl # reuse computed features
    PYTHONPATH=src python scripts/train_event_realis.py --dry-run       # report only

Needs scikit-learn (the ``dev`` extra); claimwire applies the weights in pure Python
(:mod:`claimwire.components.events.specific`).

Data recipe (``../shared/eval``): the relevant articles of half ``a`` of ``conflict_news``
(:mod:`claimwire.bench.split`, by article id) run through claimwire's pipeline with the
filter off, so the features see every event of the rules. The unit is one event; it is a
positive when it is the first of the article's events (in document order) whose trigger,
sentence or merged mentions cover a gold event not covered yet (a specific event the
article reports), a negative otherwise (a kind of event, a habit, an effort or a plan, a
tally, a statement read as an event, or an incident told again). Half ``b`` is never read
here: it is scored by ``claimwire bench conflict-news --half b`` only.

The features are those of :func:`claimwire.components.events.specific.features`; the
lexical ones (the trigger's lemma, its clause verb and the word governing that verb) are
kept only when seen in at least :data:`MIN_COUNT` training events. The model is a
logistic regression; its regularization and the threshold under which an event is
dropped are the ones that maximise the cross-validated event F1 of ``bench
conflict-news`` (typed matching, as the bench scores it): :data:`FOLDS` folds grouped by
article, each article's events filtered by a model that never saw it. The script prints
the rules alone and with the filter, per fold-out article set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
MODEL_PATH = Path(__file__).resolve().parents[1] / "src/claimwire/resources/event_realis_model.json"
MIN_COUNT = 3
FOLDS = 5
SEED = 16
REPEATS = 3
"""Shuffles of the folds averaged (one split of 40 articles is noisy)."""
REGULARIZATIONS = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
"""Probabilities under which an event is dropped (0.0: the rules alone)."""
LEXICAL_PREFIXES = ("t:", "v:", "gov:")


@dataclass
class Unit:
    """One event of the rules: its article, features, label and what the bench matches on."""

    group: str
    label: int
    type: str
    spans: list[list[int]]
    values: dict[str, float]


@dataclass
class Article:
    """The gold events of one article (what the bench matches our events against)."""

    group: str
    gold: list[dict[str, Any]] = field(default_factory=list)


def _pipeline() -> Any:
    """claimwire's pipeline with the filter off (every event of the rules)."""
    from claimwire.components import keys
    from claimwire.nlp.pipeline import build_pipeline, load_model

    return build_pipeline(load_model(), {keys.EVENTS_FACTORY: {"specific_events": False}})


def _covers(spans: list[list[int]], item: dict[str, Any]) -> bool:
    return any(start < item["end"] and item["start"] < end for start, end in spans)


def _spans(event: Any) -> list[list[int]]:
    found = [[event.start, event.end], [event.evidence_start, event.evidence_end]]
    return found + [list(span) for span in event.mentions]


def conflict_units(nlp: Any) -> tuple[list[Unit], list[Article]]:
    """Every event of the rules on half ``a``'s relevant articles, labelled."""
    from claimwire.bench.conflict_news import load_articles
    from claimwire.bench.split import select
    from claimwire.components import keys
    from claimwire.components.events import hits_of
    from claimwire.components.events.specific import features

    loaded = select(load_articles(EVAL / "conflict_news"), lambda a: a.id, "a")  # type: ignore[arg-type]
    loaded = [a for a in loaded if a.gold.get("relevant", True)]
    docs = []
    for article in loaded:
        doc = nlp.make_doc(article.text)
        doc.user_data[keys.PUBLISHED] = article.published
        docs.append(doc)
    units: list[Unit] = []
    articles: list[Article] = []
    for article, doc in zip(loaded, nlp.pipe(docs), strict=True):
        group = f"cn:{article.id}"
        gold = list(article.gold.get("events", []))
        articles.append(Article(group, gold))
        events = hits_of(doc)
        positive: set[int] = set()
        for item in gold:
            spans = (_spans(event) for event in events)
            index = next(
                (i for i, s in enumerate(spans) if i not in positive and _covers(s, item)), None
            )
            if index is not None:
                positive.add(index)
        starts = [sent.start_char for sent in doc.sents]
        for k, event in enumerate(events):
            sentence = sum(1 for s in starts if s <= event.evidence_start) - 1
            units.append(
                Unit(
                    group,
                    int(k in positive),
                    event.type,
                    _spans(event),
                    features(doc, event, events[:k], max(sentence, 0)),
                )
            )
    return units, articles


def load_units(cache: Path | None) -> tuple[list[Unit], list[Article]]:
    """The labelled events and the gold, from ``cache`` when it exists."""
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return [Unit(**u) for u in data["units"]], [Article(**a) for a in data["articles"]]
    units, articles = conflict_units(_pipeline())
    if cache is not None:
        data = {"units": [u.__dict__ for u in units], "articles": [a.__dict__ for a in articles]}
        cache.write_text(json.dumps(data), encoding="utf-8")
    return units, articles


# --------------------------------------------------------------------------- scoring


def bench_scores(units: list[Unit], articles: list[Article], kept: list[bool]) -> dict[str, float]:
    """Event precision, recall and F1 as ``bench conflict-news`` scores them (typed)."""
    tp = fp = fn = 0
    by_group: dict[str, list[Unit]] = {}
    for unit, keep in zip(units, kept, strict=True):
        if keep:
            by_group.setdefault(unit.group, []).append(unit)
    for article in articles:
        events = by_group.get(article.group, [])
        used: set[int] = set()
        for item in article.gold:
            index = next(
                (
                    i
                    for i, event in enumerate(events)
                    if i not in used
                    and event.type == item["event_type"]
                    and _covers(event.spans, item)
                ),
                None,
            )
            if index is None:
                fn += 1
            else:
                tp += 1
                used.add(index)
        fp += len(events) - len(used)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _mean(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}


# --------------------------------------------------------------------------- model


def vocabulary(units: list[Unit]) -> list[str]:
    """Features kept: every structural one, lexical ones seen in ``MIN_COUNT`` units."""
    counts = Counter(name for unit in units for name in unit.values)
    return sorted(
        name
        for name, count in counts.items()
        if not name.startswith(LEXICAL_PREFIXES) or count >= MIN_COUNT
    )


def matrix(units: list[Unit], names: list[str]) -> Any:
    """The units' feature matrix over ``names``."""
    import numpy as np

    index = {name: k for k, name in enumerate(names)}
    rows = np.zeros((len(units), len(names)))
    for r, unit in enumerate(units):
        for name, value in unit.values.items():
            if name in index:
                rows[r, index[name]] = value
    return rows


def fit(units: list[Unit], c: float) -> tuple[Any, list[str]]:
    """A logistic regression on ``units``."""
    from sklearn.linear_model import LogisticRegression

    names = vocabulary(units)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(matrix(units, names), [u.label for u in units])
    return model, names


def out_of_fold(units: list[Unit], c: float, seed: int = SEED) -> list[float]:
    """Each unit's probability from a model trained on the folds without its article."""
    from sklearn.model_selection import GroupKFold

    probs = [0.0] * len(units)
    groups = [u.group for u in units]
    folds = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    for train, test in folds.split(units, groups=groups):
        model, names = fit([units[i] for i in train], c)
        predicted = model.predict_proba(matrix([units[i] for i in test], names))[:, 1]
        for i, p in zip(test, predicted, strict=True):
            probs[i] = float(p)
    return probs


def main() -> int:
    """Compute features, cross-validate, and write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="features file to write or reuse")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = parser.parse_args()
    units, articles = load_units(args.cache)
    labels = Counter(u.label for u in units)
    print(f"{len(units)} events of {len(articles)} articles: {labels[1]} specific, {labels[0]} not")
    rules = bench_scores(units, articles, [True] * len(units))
    print(f"rules alone: {json.dumps({k: round(v, 3) for k, v in rules.items()})}")
    best: tuple[float, float, float, dict[str, float]] | None = None
    for c in REGULARIZATIONS:
        runs = [out_of_fold(units, c, SEED + r) for r in range(REPEATS)]
        for threshold in THRESHOLDS:
            scores = _mean(
                [bench_scores(units, articles, [p >= threshold for p in probs]) for probs in runs]
            )
            print(
                f"  C={c:<5} threshold={threshold:<5} F1 {scores['f1']:.3f} "
                f"P {scores['precision']:.3f} R {scores['recall']:.3f}"
            )
            if best is None or scores["f1"] > best[2] + 1e-9:
                best = (c, threshold, scores["f1"], scores)
    assert best is not None
    c, threshold, _f1, scores = best
    rounded = {k: round(v, 3) for k, v in scores.items()}
    print(f"chosen: C={c} threshold={threshold}: {json.dumps(rounded)}")
    model, names = fit(units, c)
    weights = [round(float(w), 4) for w in model.coef_[0]]
    top = sorted(zip(weights, names, strict=True))
    print("most against:", top[:12])
    print("most for:", top[-12:])
    if args.dry_run:
        return 0
    data = {
        "description": (
            "Binary logistic regression of the events component's learned filter, written "
            "by scripts/train_event_realis.py (see its data recipe). p = sigmoid(bias + "
            "sum(value * weights[feature])): the probability that an event is a specific "
            "one the article reports; events under threshold are dropped."
        ),
        "version": "1",
        "features": names,
        "weights": weights,
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "training": {"conflict_news_a_specific": labels[1], "conflict_news_a_other": labels[0]},
        "regularization": c,
        "cross_validation": {
            "folds": FOLDS,
            "grouped_by": "article",
            "rules_alone": {k: round(v, 4) for k, v in rules.items()},
            "with_filter": {k: round(v, 4) for k, v in scores.items()},
        },
    }
    MODEL_PATH.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
