"""``claimwire bench seed``: our output on the seed article(s) against the expected file.

The seed folder holds pairs ``NAME.txt`` + ``NAME.expected.json`` (an analyst's list of
figures, claims, events, places and people; see ``../shared/seed``). The mapping from our
records to the expected items lives here, not in the extractors:

- ``numbers``: every expected figure is a number on its line with its value (or lower
  bound for vague ones); our non-ordinal, non-money numbers are matched to them by
  (line, value). Numbers of ``optional_figures`` are neither required nor spurious.

- ``figures``, ``figures.measure``, ``figures.category``, ``figures.side``: expected
  figures matched by line and value, then checked for what happened, what is counted and
  whose it is (``bench/figures.py``); optional figures are neither required nor spurious.
- ``dates``: every distinct date the expected figures and events carry must be resolved
  by some date mention; resolved days, weeks or months no expected fact carries are
  spurious (``bench/dates.py``).
- ``places``: expected places found with their canonical name, country and coordinates
  (within 25 km), metonyms as actors (``bench/places.py``).
- ``events``, ``event_type``, ``event_place``, ``event_date``, ``event_status``: expected
  events matched by type family, place, date and status, no spurious event
  (``bench/events.py``).
- ``claims`` and ``claim_contradictions``: expected claims matched by line, claimant and
  form; expected ``contradicts`` pairs found as contradictions (``bench/claims.py``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..errors import InputNotFoundError
from ..models import Result
from .claims import hits_from_result, score_seed_claims
from .dates import score_seed_dates
from .events import score_seed_events, seed_events_from_result
from .figures import score_seed_figures
from .metrics import Report, Score
from .places import score_seed_places


@dataclass(frozen=True)
class SeedCase:
    """One seed article with its expected file."""

    name: str
    text: str
    expected: dict[str, Any]


def default_seed_dir() -> Path:
    """The seed folder: ``../shared/seed`` from the working directory."""
    return Path.cwd().parent / "shared" / "seed"


def load_cases(folder: Path) -> list[SeedCase]:
    """Every ``NAME.txt`` with a ``NAME.expected.json`` beside it.

    Raises:
        InputNotFoundError: The folder is missing or has no such pair.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such seed folder: {folder}")
    cases = []
    for expected_path in sorted(folder.glob("*.expected.json")):
        text_path = expected_path.with_name(
            expected_path.name.removesuffix(".expected.json") + ".txt"
        )
        if text_path.is_file():
            cases.append(
                SeedCase(
                    name=text_path.stem,
                    text=text_path.read_text(encoding="utf-8"),
                    expected=json.loads(expected_path.read_text(encoding="utf-8")),
                )
            )
    if not cases:
        raise InputNotFoundError(f"no NAME.txt + NAME.expected.json pairs in {folder}")
    return cases


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``text`` at character ``offset``."""
    return text.count("\n", 0, offset) + 1


def expected_value(item: dict[str, Any]) -> float | None:
    """The number an expected figure is written with: its value, else its lower bound."""
    value = item.get("value")
    return float(value) if value is not None else item.get("lower_bound")


def score_numbers(result: Result, expected: dict[str, Any], report: Report) -> Score:
    """Score the number mentions of ``result`` against the expected figures (by line, value)."""
    score = Score()
    text = result.document.text
    wanted = [(item["line"], expected_value(item), item["id"]) for item in expected["figures"]]
    optional = {
        (item["line"], expected_value(item)) for item in expected.get("optional_figures", [])
    }
    found = [
        (
            line_of(text, number.span.start),
            number.value if number.value is not None else number.lower,
            number,
        )
        for number in result.numbers
        if not number.ordinal and number.unit != "money"
    ]
    unmatched = list(found)
    for line, value, figure_id in wanted:
        match = next((entry for entry in unmatched if entry[:2] == (line, value)), None)
        if match is None:
            score.fn += 1
            report.miss("numbers", f"missed {figure_id}: {value:g} on line {line}")
        else:
            score.tp += 1
            unmatched.remove(match)
    for line, value, number in unmatched:
        if (line, value) in optional:
            continue
        score.fp += 1
        report.miss("numbers", f"spurious: {number.span.text!r} on line {line}")
    return score


def place_hits(result: Result) -> list[SimpleNamespace]:
    """The places of a result in the shape ``score_seed_places`` reads (a PlaceHit's)."""
    return [
        SimpleNamespace(**{**place.model_dump(), "text": place.span.text, "kind": place.place_kind})
        for place in result.places
    ]


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Extract each seed article and score every section that exists.

    Args:
        data: The seed folder; default ``../shared/seed``.
        limit: Score only the first ``limit`` articles.

    Returns:
        The report, one section per kind of output.
    """
    from ..nlp.extract import extract

    folder = data or default_seed_dir()
    cases = load_cases(folder)[:limit]
    report = Report(task="seed", data=str(folder), documents=len(cases))
    started = time.perf_counter()
    for case in cases:
        published = case.expected.get("document", {}).get("published")
        result = extract(case.text, published=published)
        report.section("numbers").add(score_numbers(result, case.expected, report))
        score_seed_figures(
            case.expected.get("figures", []),
            result.figures,
            result.document.text,
            optional_figures=case.expected.get("optional_figures"),
            report=report,
        )
        report.section("dates").add(score_seed_dates(case.expected, result.dates))
        places_score, places_misses = score_seed_places(
            case.expected.get("places", []), place_hits(result)
        )
        report.section("places").add(places_score)
        for miss in places_misses:
            report.miss("places", miss)
        score_seed_events(
            case.expected.get("events", []), seed_events_from_result(result), report=report
        )
        score_seed_claims(
            case.expected.get("claims", []),
            hits_from_result(result),
            result.document.text,
            report=report,
        )
    report.seconds = time.perf_counter() - started
    return report
