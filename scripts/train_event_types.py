#!/usr/bin/env python3
"""Train the learned event-type model (``resources/event_type_model.json``).

    PYTHONPATH=src python scripts/train_event_types.py                 # features, CV, write
    PYTHONPATH=src python scripts/train_event_types.py --cache F.jsonl # reuse computed features
    PYTHONPATH=src python scripts/train_event_types.py --dry-run       # report only

Needs scikit-learn (the ``dev`` extra); claimwire applies the weights in pure Python
(:mod:`claimwire.components.events.learned`).

Data recipe (``../shared/eval``; every text runs through claimwire's pipeline with the
learned typing off, so the features see the rules' own choice):

- ``case2021_task2``: snippets of half ``a`` (:mod:`claimwire.bench.split`, by snippet
  id); the unit is the whole snippet, its label the CASE label mapped back to claimwire's
  sub-type (``mappings.case2021_task2`` of ``event_types.json``), the rules' choice the one
  of :func:`classify_doc`. Half ``b`` is never trained on and is reported as held out.
- ``conflict_news``: the gold events of half ``a``'s relevant articles that one of our
  events covers (as ``bench conflict-news`` matches them); the unit is that event's
  sentences and triggers, its label the gold ``sub_event_type``, the rules' choice our
  event's sub-type. Half ``b`` is reported as held out.

Left out for now (their labels do not map onto ACLED's sub-types one to one): MUC-4
incident types, IndiaPoliceEvents sentence labels, WikiEvents KAIROS types.

Features (:func:`claimwire.components.events.learned.features`): lemmas of the unit's
sentences, entity labels, trigger lemmas with their dependency, the words the parse
attaches to a trigger, the rules' candidate sub-types and their choice. Only features
seen in at least :data:`MIN_COUNT` training units are kept (the weights name frequent
words, not texts). The model is a multinomial logistic regression; its regularization is
the one of the best cross-validated CASE macro-F1: :data:`FOLDS` folds grouped by
document (a snippet, an article).

Who decides the type, per use (a snippet: CASE; an event: conflict_news), is chosen on
the same out-of-fold probabilities (:func:`choose`): the rules alone, the model alone
(the rules' type is one of its features), the model above a probability threshold, among
the rules' candidates or anywhere, and the rules keeping the sub-types on which they were
more precise than the model. The simplest way within :data:`MIN_GAIN` of the best score
is shipped. The script prints every way's scores and per-type F1, cross-validated on the
training halves and on the held-out halves (read, never chosen on).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
MODEL_PATH = Path(__file__).resolve().parents[1] / "src/claimwire/resources/event_type_model.json"
MIN_COUNT = 3
FOLDS = 5
SEED = 16
REGULARIZATIONS = (1.0, 3.0, 10.0, 30.0, 100.0)
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
"""Probabilities tried for the model to override the rules (0.0 and not among the rules'
candidates: the model alone; 1.01: never, the rules alone)."""
MIN_GAIN = 0.01
"""Cross-validated score by which a more complex way of combining the rules and the model
must beat a simpler one to be chosen (about three snippets of CASE's training half)."""
MIN_PREDICTED = 3
"""Predictions of a sub-type (by the rules and by the model) needed to compare their
precision on it."""
RULE_PREFIXES = ("r:", "rule:")


@dataclass
class Unit:
    """One training or held-out unit: its features, gold and the rules' answer."""

    source: str
    group: str
    label: str
    chosen: str | None
    candidates: list[str]
    values: dict[str, float]


def _pipeline() -> Any:
    """claimwire's pipeline with the learned typing off (the rules alone)."""
    from claimwire.components import keys
    from claimwire.nlp.pipeline import build_pipeline, load_model

    return build_pipeline(load_model(), {keys.EVENTS_FACTORY: {"learned_types": False}})


def case_units(nlp: Any, half: str) -> Iterator[Unit]:
    """CASE 2021 Task 2 snippets of one half as units."""
    from claimwire.bench.events import load_snippets
    from claimwire.bench.split import select
    from claimwire.components.events import classify_doc, ontology, typed_mentions
    from claimwire.components.events.learned import features

    labels = ontology().mappings["case2021_task2"]["labels"]
    back = {case: ours for ours, case in labels.items()}
    snippets = select(load_snippets(EVAL / "case2021_task2"), lambda s: s.id, half)  # type: ignore[arg-type]
    for snippet, doc in zip(snippets, nlp.pipe(s.text for s in snippets), strict=True):
        typed = typed_mentions(doc)
        chosen, scores = classify_doc(doc, learned=False)
        yield Unit(
            f"case2021_{half}",
            f"case:{snippet.id}",
            back[snippet.label],
            chosen,
            sorted(scores),
            features(doc, doc.sents, typed, chosen),
        )


def conflict_units(nlp: Any, half: str) -> Iterator[Unit]:
    """The gold events of one half of conflict_news that one of our events covers."""
    from claimwire.bench.conflict_news import load_articles
    from claimwire.bench.split import select
    from claimwire.components import keys
    from claimwire.components.events import hits_of, typed_mentions
    from claimwire.components.events.learned import features

    articles = select(load_articles(EVAL / "conflict_news"), lambda a: a.id, half)  # type: ignore[arg-type]
    articles = [a for a in articles if a.gold.get("relevant", True) and a.gold.get("events")]
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc.user_data[keys.PUBLISHED] = article.published
        docs.append(doc)
    subtypes = {_norm(key): key for key in _subtypes()}
    for article, doc in zip(articles, nlp.pipe(docs), strict=True):
        sents = list(doc.sents)
        typed = {(m.start, m.end): m for m in typed_mentions(doc, sents)}
        events = hits_of(doc)
        used: set[int] = set()
        for item in article.gold["events"]:
            label = subtypes.get(_norm(item.get("sub_event_type")))
            index = next(
                (i for i, event in enumerate(events) if i not in used and _covers(event, item)),
                None,
            )
            if index is None or label is None:
                continue
            used.add(index)
            event = events[index]
            mentions = [typed[span] for span in event.mentions if span in typed]
            unit = sorted(
                {
                    k
                    for k, s in enumerate(sents)
                    for m in mentions
                    if s.start_char <= m.start < s.end_char
                }
            )
            yield Unit(
                f"conflict_news_{half}",
                f"cn:{article.id}",
                label,
                event.subtype,
                sorted({event.subtype, *(m.subtype for m in mentions)}),
                features(doc, [sents[k] for k in unit], mentions, event.subtype),
            )


def _subtypes() -> list[str]:
    from claimwire.components.events import ontology

    return list(ontology().subtypes)


def _norm(label: str | None) -> str:
    import re

    return re.sub(r"[^a-z]+", "_", (label or "").lower()).strip("_")


def _covers(event: Any, item: dict[str, Any]) -> bool:
    spans = [(event.start, event.end), (event.evidence_start, event.evidence_end), *event.mentions]
    return any(start < item["end"] and item["start"] < end for start, end in spans)


def load_units(cache: Path | None) -> list[Unit]:
    """Every unit (training halves and held-out halves), from ``cache`` when it exists."""
    if cache is not None and cache.exists():
        rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
        return [Unit(**row) for row in rows]
    nlp = _pipeline()
    units: list[Unit] = []
    for half in ("a", "b"):
        units.extend(case_units(nlp, half))
        units.extend(conflict_units(nlp, half))
        print(f"  half {half}: {len(units)} units so far", file=sys.stderr)
    if cache is not None:
        cache.write_text("".join(json.dumps(u.__dict__) + "\n" for u in units), encoding="utf-8")
    return units


# --------------------------------------------------------------------------- scoring

CASE_SOURCES = ("case2021_a", "case2021_b")


def case_macro(units: list[Unit], predicted: list[str | None]) -> dict[str, float]:
    """Macro-F1 over the CASE labels (as ``bench events``: a label never seen nor
    predicted is left out), over the 25 ACLED labels and over all, and the accuracy."""
    from claimwire.bench.events import ACLED_LABELS, case_label, macro_f1
    from claimwire.bench.metrics import Score

    per: dict[str, Score] = {}
    right = 0
    for unit, guess in zip(units, predicted, strict=True):
        gold, ours = case_label(unit.label), case_label(guess)
        per.setdefault(gold, Score())
        if gold == ours:
            per[gold].tp += 1
            right += 1
        else:
            per[gold].fn += 1
            per.setdefault(ours, Score()).fp += 1
    return {
        "macro_f1_acled25": round(macro_f1(per, sorted(ACLED_LABELS)), 4),
        "macro_f1_all30": round(macro_f1(per, sorted(per)), 4),
        "accuracy": round(right / len(units), 4) if units else 0.0,
    }


def per_type_f1(units: list[Unit], predicted: list[str | None]) -> dict[str, float]:
    """F1 per gold sub-type."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for unit, guess in zip(units, predicted, strict=True):
        if unit.label == guess:
            tp[unit.label] += 1
        else:
            fn[unit.label] += 1
            fp[str(guess)] += 1
    return {
        label: round(2 * tp[label] / (2 * tp[label] + fp[label] + fn[label]), 3)
        for label in sorted({u.label for u in units})
    }


def event_scores(units: list[Unit], predicted: list[str | None]) -> dict[str, float]:
    """Event type (family) and sub-type right, as ``bench conflict-news`` counts them."""
    from claimwire.components.events import family

    n = len(units) or 1
    family_right = sum(
        g is not None and family(g) == family(u.label)  # type: ignore[arg-type]
        for u, g in zip(units, predicted, strict=True)
    )
    sub_right = sum(u.label == g for u, g in zip(units, predicted, strict=True))
    return {"type": round(family_right / n, 4), "subtype": round(sub_right / n, 4), "n": len(units)}


# --------------------------------------------------------------------------- model


def vocabulary(units: list[Unit], *, with_rules: bool = True) -> list[str]:
    """Features of at least ``MIN_COUNT`` units (rule features only when ``with_rules``)."""
    counts: Counter[str] = Counter(name for u in units for name in u.values)
    return sorted(
        name
        for name, count in counts.items()
        if count >= MIN_COUNT and (with_rules or not name.startswith(RULE_PREFIXES))
    )


def matrix(units: list[Unit], names: list[str]) -> Any:
    """The sparse feature matrix of ``units`` over ``names``."""
    from scipy.sparse import csr_matrix

    column = {name: k for k, name in enumerate(names)}
    rows, cols, vals = [], [], []
    for r, unit in enumerate(units):
        for name, value in unit.values.items():
            if name in column:
                rows.append(r)
                cols.append(column[name])
                vals.append(value)
    return csr_matrix((vals, (rows, cols)), shape=(len(units), len(names)))


def fit(units: list[Unit], c: float, *, with_rules: bool = True) -> tuple[Any, list[str]]:
    """A logistic regression fitted on ``units``, and its feature names."""
    from sklearn.linear_model import LogisticRegression

    names = vocabulary(units, with_rules=with_rules)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix(units, names), [u.label for u in units])
    return model, names


def combined(
    unit: Unit,
    probs: dict[str, float],
    threshold: float,
    *,
    among: bool,
    keep: frozenset[str] = frozenset(),
) -> str | None:
    """The rules' choice, or the model's when it reaches ``threshold``, unless the rules'
    choice is one of ``keep`` (see learned.combine)."""
    if unit.chosen in keep:
        return unit.chosen
    pool = {k: p for k, p in probs.items() if not among or k in unit.candidates}
    if not pool:
        return unit.chosen
    best = max(pool, key=lambda k: pool[k])
    if best == unit.chosen or pool[best] < threshold:
        return unit.chosen
    return best


def rules_more_precise(units: list[Unit], oof: list[dict[str, float]]) -> frozenset[str]:
    """The sub-types whose rules' choice was at least as precise as the model's choice of
    them, out of fold (each predicted at least ``MIN_PREDICTED`` times by both)."""
    keep = set()
    for label in {u.chosen for u in units if u.chosen}:
        rules = [u.label == label for u in units if u.chosen == label]
        model = [u.label == label for u, p in zip(units, oof, strict=True) if _argmax(p) == label]
        if len(rules) < MIN_PREDICTED:
            continue
        if len(model) < MIN_PREDICTED or sum(rules) / len(rules) >= sum(model) / len(model):
            keep.add(label)
    return frozenset(keep)


def out_of_fold(units: list[Unit], c: float, *, with_rules: bool = True) -> list[dict[str, float]]:
    """Each unit's class probabilities from a model trained without its fold."""
    from sklearn.model_selection import GroupKFold

    groups = [u.group for u in units]
    found: list[dict[str, float]] = [{} for _ in units]
    for train, test in GroupKFold(n_splits=FOLDS).split(units, groups=groups):
        model, names = fit([units[i] for i in train], c, with_rules=with_rules)
        probs = model.predict_proba(matrix([units[i] for i in test], names))
        for row, i in enumerate(test):
            found[i] = {str(k): float(p) for k, p in zip(model.classes_, probs[row], strict=True)}
    return found


def _argmax(probs: dict[str, float]) -> str:
    return max(probs, key=lambda k: probs[k])


USES = {
    "snippet": (("case2021_a",), lambda us, ps: case_macro(us, ps)["macro_f1_all30"]),
    "event": (("conflict_news_a",), lambda us, ps: event_scores(us, ps)["type"]),
}
"""Each use of the model: its training source and the cross-validated score it is chosen by."""


def choose(units: list[Unit], oof: list[dict[str, float]]) -> dict[str, dict[str, Any]]:
    """The way the rules and the model decide, per use, by the cross-validated score: a
    threshold (0 and not among the candidates: the model alone; 1.01: never, the rules
    alone), whether the model chooses among the rules' candidates, and whether the rules
    keep the sub-types they were more precise on (:func:`rules_more_precise`, over every
    training unit). The simplest way within ``MIN_GAIN`` of the best score is chosen
    (the rules alone, then the model among the rules' candidates from the highest
    threshold down, then anywhere, then with kept types): a way that wins by less than a
    few units of a small set has not shown that it generalises."""
    chosen: dict[str, dict[str, Any]] = {}
    precise = rules_more_precise(units, oof)
    for use, (sources, metric) in USES.items():
        index = [i for i, u in enumerate(units) if u.source in sources]
        subset = [units[i] for i in index]
        tried: list[tuple[float, float, bool, frozenset[str]]] = []
        for keep in (frozenset(), precise):
            for among in (True, False):
                for threshold in reversed(THRESHOLDS):
                    predicted = [
                        combined(units[i], oof[i], threshold, among=among, keep=keep) for i in index
                    ]
                    tried.append((metric(subset, predicted), threshold, among, keep))
        top = max(score for score, *_ in tried)
        score, threshold, among, keep = next(t for t in tried if t[0] >= top - MIN_GAIN)
        chosen[use] = {
            "min_probability": threshold,
            "among_candidates": among,
            "rules_keep": sorted(keep),
            "cv": score,
            "best_cv": top,
        }
    return chosen


def decide(unit: Unit, probs: dict[str, float], uses: dict[str, dict[str, Any]]) -> str | None:
    """A unit's sub-type by its use's chosen way (:func:`choose`)."""
    use = uses["snippet" if unit.source.startswith("case") else "event"]
    return combined(
        unit,
        probs,
        use["min_probability"],
        among=use["among_candidates"],
        keep=frozenset(use["rules_keep"]),
    )


def strategies(uses: dict[str, dict[str, Any]], precise: frozenset[str]) -> dict[str, Any]:
    """The ways compared in the printed table: unit, probabilities -> sub-type."""
    return {
        "rules alone": lambda u, p: u.chosen,
        "model alone": lambda u, p: _argmax(p),
        "model among rules' cands": lambda u, p: combined(u, p, 0.0, among=True),
        "rules keep precise types": lambda u, p: combined(u, p, 0.0, among=False, keep=precise),
        "chosen combination": lambda u, p: decide(u, p, uses),
    }


def per_type_table(
    title: str, units: list[Unit], probs: list[dict[str, float]], ways: dict[str, Any]
) -> None:
    """Print the F1 of each gold sub-type under each way, per source."""
    for source in dict.fromkeys(u.source for u in units):
        index = [i for i, u in enumerate(units) if u.source == source]
        subset = [units[i] for i in index]
        columns = {
            name: per_type_f1(subset, [way(units[i], probs[i]) for i in index])
            for name, way in ways.items()
        }
        print(f"  per type, {title}, {source} (n={len(subset)}): " + " / ".join(columns))
        for label in sorted({u.label for u in subset}):
            support = sum(u.label == label for u in subset)
            cells = " ".join(f"{columns[name][label]:.3f}" for name in columns)
            print(f"    {label:38} {support:4} {cells}")


def report(title: str, units: list[Unit], predicted: list[str | None]) -> dict[str, Any]:
    """Print and return the scores of ``predicted`` per source."""
    found: dict[str, Any] = {}
    for source in dict.fromkeys(u.source for u in units):
        index = [i for i, u in enumerate(units) if u.source == source]
        subset, guesses = [units[i] for i in index], [predicted[i] for i in index]
        if source.startswith("case"):
            found[source] = case_macro(subset, guesses)
        else:
            found[source] = event_scores(subset, guesses)
        print(f"  {title:28} {source:16} {found[source]}")
    return found


def main() -> int:
    """Compute units, cross-validate, fit on the training halves, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="JSON-lines file of computed units")
    parser.add_argument("--dry-run", action="store_true", help="do not write the model")
    args = parser.parse_args()

    units = load_units(args.cache)
    train = [u for u in units if u.source.endswith("_a")]
    held = [u for u in units if u.source.endswith("_b")]
    print(f"training units: {Counter(u.source for u in train)}; held out: {len(held)}")

    best_c, best_score, best_oof = REGULARIZATIONS[0], -1.0, None
    for c in REGULARIZATIONS:
        oof = out_of_fold(train, c)
        predicted = [_argmax(p) for p in oof]
        case = [i for i, u in enumerate(train) if u.source.startswith("case")]
        score = case_macro([train[i] for i in case], [predicted[i] for i in case])["macro_f1_all30"]
        print(f"  C={c}: model alone, CASE cross-validated macro-F1 {score}")
        if score > best_score:
            best_c, best_score, best_oof = c, score, oof
    assert best_oof is not None
    text_oof = out_of_fold(train, best_c, with_rules=False)
    uses = choose(train, best_oof)
    precise = rules_more_precise(train, best_oof)
    print(f"C={best_c}; rules more precise on {sorted(precise)}")
    print(f"chosen per use: {uses}")
    ways = strategies(uses, precise)

    print(f"cross-validated ({FOLDS} folds grouped by document), training halves:")
    cv = {
        "model_text_only": report(
            "model alone (no rule feats)", train, [_argmax(p) for p in text_oof]
        )
    }
    for name, way in ways.items():
        cv[name.replace(" ", "_").replace("'", "")] = report(
            name, train, [way(u, p) for u, p in zip(train, best_oof, strict=True)]
        )
    per_type_table("cross-validated", train, best_oof, ways)

    model, names = fit(train, best_c)
    if held:
        probs = model.predict_proba(matrix(held, names))
        held_probs = [
            {str(k): float(p) for k, p in zip(model.classes_, row, strict=True)} for row in probs
        ]
        print("held out (half b, never trained on nor chosen on):")
        for name, way in ways.items():
            report(name, held, [way(u, p) for u, p in zip(held, held_probs, strict=True)])
        per_type_table("held out", held, held_probs, ways)
    weights = model.coef_.T  # one row per feature
    keep = [k for k in range(len(names)) if any(abs(w) >= 1e-4 for w in weights[k])]
    payload = {
        "description": (
            "Multinomial logistic regression of the events component's learned typing, "
            "written by scripts/train_event_types.py (see its data recipe). logit[k] = "
            "bias[k] + sum(value * weights[feature][k]); softmax; the model's sub-type "
            "replaces the rules' when its probability reaches combination[use]."
            "min_probability (and is among the rules' candidates when among_candidates), "
            "unless the rules' sub-type is one of combination[use].rules_keep."
        ),
        "version": "1",
        "classes": [str(k) for k in model.classes_],
        "features": [names[k] for k in keep],
        "weights": [[round(float(w), 4) for w in weights[k]] for k in keep],
        "bias": [round(float(b), 4) for b in model.intercept_],
        "combination": {
            use: {
                "min_probability": v["min_probability"],
                "among_candidates": v["among_candidates"],
                "rules_keep": v["rules_keep"],
            }
            for use, v in uses.items()
        },
        "training": dict(sorted(Counter(u.source for u in train).items())),
        "regularization": best_c,
        "cross_validation": {"folds": FOLDS, "grouped_by": "document", **cv},
    }
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
