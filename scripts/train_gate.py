#!/usr/bin/env python3
"""Train the relevance gate's model (the ``model`` of ``resources/gate.json``).

    PYTHONPATH=src python scripts/train_gate.py            # cross-validate, write the model
    PYTHONPATH=src python scripts/train_gate.py --dry-run  # report only

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
logistic regression over standardized features with balanced class weights. Its
threshold is chosen on 5-fold out-of-fold scores (folds by document): the highest one that
keeps the recall of every positive source at :data:`TARGET_RECALL` or more. The report
gives the out-of-fold recall per positive source and rejection per negative source: the
honest estimate; ``claimwire bench gate`` measures the shipped model in sample.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GATE_PATH = ROOT / "src/claimwire/resources/gate.json"
FOLDS = 5
SEED = 21
TARGET_RECALL = 0.995
REGULARIZATIONS = (0.1, 0.3, 1.0, 3.0)

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


def matrix(texts: list[str]) -> tuple[Any, list[str]]:
    """The feature matrix of ``texts`` and the feature names."""
    import numpy as np

    from claimwire.nlp.gate import count_cues, features

    rows = [features(*count_cues(text)) for text in texts]
    names = sorted(rows[0])
    return np.array([[row[name] for name in names] for row in rows]), names


def out_of_fold(x: Any, y: Any, c: float) -> Any:
    """Out-of-fold probabilities of a model with inverse regularization ``c``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    scores = np.zeros(len(y))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        model = make_pipeline(
            StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        )
        model.fit(x[train], y[train])
        scores[test] = model.predict_proba(x[test])[:, 1]
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


def main() -> int:
    """Train, report and (unless --dry-run) write the model into gate.json."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report only")
    args = parser.parse_args()
    data = examples()
    sources = [source for source, _, _ in data]
    y = np.array([label for _, _, label in data])
    x, names = matrix([text for _, text, _ in data])
    chosen = None
    for c in REGULARIZATIONS:
        scores = out_of_fold(x, y, c)
        threshold = threshold_for(scores, y, sources)
        rejected = float(np.mean(scores[~y] < threshold))
        print(
            f"C={c}: threshold {threshold:.4f}, out-of-fold rejection of negatives {rejected:.3f}"
        )
        if chosen is None or rejected > chosen[2]:
            chosen = (c, threshold, rejected, scores)
    assert chosen is not None
    c, threshold, _, scores = chosen
    print(f"chosen C={c}, threshold {threshold:.4f}; out-of-fold:")
    for key, line in report(scores, y, sources, threshold).items():
        print(f"  {key:<32} {line}")
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(scaler.transform(x), y)
    if args.dry_run:
        return 0
    gate = json.loads(GATE_PATH.read_text(encoding="utf-8"))
    gate["model"] = {
        "features": names,
        "means": [round(float(v), 6) for v in scaler.mean_],
        "scales": [round(float(v), 6) for v in scaler.scale_],
        "weights": [round(float(v), 6) for v in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold, 6),
    }
    GATE_PATH.write_text(json.dumps(gate, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GATE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
