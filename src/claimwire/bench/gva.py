"""``claimwire bench gva``: killed and injured figures against official incident counts.

The set is a folder of JSON-lines files (``../shared/eval/gva_counts``): US shooting news,
each article with the Gun Violence Archive's count of people killed and injured in its
incident (``gold.killed``, ``gold.injured``) and whether the article states that count
(``verifiable.killed``, ``verifiable.injured``). For each measure, over the articles that
state a count of at least 1:

- ``<measure>_found``: some figure of that measure has the count as its value (or bound);
- ``<measure>_largest``: the largest figure of that measure that is not background equals
  the count (what a user who keeps one number per article gets).

``<measure>_zero`` is the share of articles stating a count of 0 ("no one was hurt") with no
figure of that measure above 0. ``--half a|b`` scores one half, by incident (an incident's
articles stay together).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputNotFoundError
from ..input.sources import ArticleInput
from ..models import Figure, Result
from .corpus import gold_records
from .metrics import Measure, Report
from .split import Half, select

MEASURES = ("killed", "injured")


@dataclass(frozen=True)
class Article:
    """One article with its incident's counts."""

    id: str
    incident: str
    text: str
    published: str | None
    counts: dict[str, int | None]
    stated: dict[str, bool]


def load_articles(folder: Path) -> list[Article]:
    """Every article of every ``*.jsonl`` file in ``folder``.

    Raises:
        InputNotFoundError: The folder is missing or holds no article with counts.
    """
    articles = [
        Article(
            id=str(record["id"]),
            incident=str(record.get("incident_id") or record["id"]),
            text=record["text"],
            published=record.get("published"),
            counts={m: record["gold"].get(m) for m in MEASURES},
            stated={m: bool(record.get("verifiable", {}).get(m)) for m in MEASURES},
        )
        for record in gold_records(folder)
    ]
    if not articles:
        raise InputNotFoundError(f"no *.jsonl articles with counts in {folder}")
    return articles


def run(data: Path | None, *, limit: int | None = None, half: Half | None = None) -> Report:
    """Extract every article and measure how often its figures give the official counts.

    Args:
        data: The set folder.
        limit: Score only the first ``limit`` articles (of the half).
        half: Score only half ``a`` or ``b``, by incident.

    Returns:
        The report: rates as measures, with the articles behind each miss.
    """
    from ..nlp.extract import extract_many

    if data is None:
        raise InputNotFoundError("no gva_counts folder given")
    started = time.perf_counter()
    articles = select(load_articles(data), lambda article: article.incident, half)[:limit]
    report = Report(task="gva", data=str(data), documents=len(articles))
    if half:
        report.extra["half"] = half
    tallies: dict[str, list[bool]] = {}
    inputs = (
        ArticleInput(source=a.id, text=a.text, published=a.published, id=a.id) for a in articles
    )
    # The whole pipeline on every article: this bench scores the extractors (the negatives
    # have gold too); the relevance gate is scored by `claimwire bench gate`.
    for article, result in zip(articles, extract_many(inputs, full=True), strict=True):
        if not isinstance(result, Result):
            report.miss("failures", f"{article.id}: {result}")
            continue
        for measure in MEASURES:
            _score(article, result, measure, tallies, report)
    for name, values in tallies.items():
        report.measures[name] = Measure(sum(values) / len(values), f"of {len(values)} articles")
    report.seconds = time.perf_counter() - started
    return report


def _numbers(figure: Figure) -> set[float]:
    return {value for value in (figure.value, figure.lower, figure.upper) if value is not None}


def _largest(figures: list[Figure]) -> float | None:
    values = [max(_numbers(figure)) for figure in figures if _numbers(figure)]
    return max(values) if values else None


def _score(
    article: Article,
    result: Result,
    measure: str,
    tallies: dict[str, list[bool]],
    report: Report,
) -> None:
    count = article.counts[measure]
    if count is None or not article.stated[measure]:
        return
    figures = [figure for figure in result.figures if figure.measure == measure]
    current = [figure for figure in figures if figure.status != "background"]
    shown = ", ".join(sorted({f"{figure.span.text}" for figure in figures})) or "none"
    if count == 0:
        zero = not any((_largest([figure]) or 0) > 0 for figure in current)
        tallies.setdefault(f"{measure}_zero", []).append(zero)
        if not zero:
            report.miss(f"{measure}_zero", f"{article.id}: count 0, figures {shown}")
        return
    found = any(float(count) in _numbers(figure) for figure in figures)
    tallies.setdefault(f"{measure}_found", []).append(found)
    if not found:
        report.miss(f"{measure}_found", f"{article.id}: count {count}, figures {shown}", keep=200)
    largest = _largest(current) == float(count)
    tallies.setdefault(f"{measure}_largest", []).append(largest)
    if not largest:
        report.miss(
            f"{measure}_largest",
            f"{article.id}: count {count}, largest {_largest(current)}",
            keep=200,
        )
