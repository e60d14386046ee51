"""The corpus settings (``resources/corpus.json``), loaded once and checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True)
class CorpusSettings:
    """Word lists and thresholds of the corpus store (see the resource's description)."""

    version: int
    folding: tuple[tuple[str, str], ...]
    titles: frozenset[str]
    name_similarity: dict[str, float]
    cluster_window_days: int
    approx_tolerance: float
    inferred_date_tolerance: float
    denial_hedges: frozenset[str]
    series_measures: frozenset[str]


REQUIRED = (
    "version",
    "description",
    "folding",
    "titles",
    "name_similarity",
    "cluster_window_days",
    "approx_tolerance",
    "inferred_date_tolerance",
    "denial_hedges",
    "series_measures",
)


def parse_settings(data: dict[str, Any]) -> CorpusSettings:
    """Check and type the content of ``corpus.json``.

    Raises:
        ValueError: A key is missing or has the wrong shape.
    """
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise ValueError(f"corpus.json lacks {', '.join(missing)}")
    folding = tuple((str(pair[0]), str(pair[1])) for pair in data["folding"])
    if any(not source for source, _ in folding):
        raise ValueError("corpus.json: a folding rule has an empty left side")
    similarity = {str(key): float(value) for key, value in data["name_similarity"].items()}
    if set(similarity) != {"person", "person_last_name", "other", "place"}:
        raise ValueError(
            "corpus.json: name_similarity needs person, person_last_name, other, place"
        )
    return CorpusSettings(
        version=int(data["version"]),
        folding=folding,
        titles=frozenset(str(title).lower() for title in data["titles"]),
        name_similarity=similarity,
        cluster_window_days=int(data["cluster_window_days"]),
        approx_tolerance=float(data["approx_tolerance"]),
        inferred_date_tolerance=float(data["inferred_date_tolerance"]),
        denial_hedges=frozenset(data["denial_hedges"]),
        series_measures=frozenset(data["series_measures"]),
    )


@cache
def settings() -> CorpusSettings:
    """The settings shipped in ``claimwire/resources/corpus.json``."""
    text = files("claimwire").joinpath("resources", "corpus.json").read_text(encoding="utf-8")
    return parse_settings(json.loads(text))
