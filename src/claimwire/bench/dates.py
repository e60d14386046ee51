"""``claimwire bench dates``: incident dates of MUC-4 messages, and the dates of the seed.

The measure (MUC-4, ``../shared/eval/muc4``; texts ``raw/CORPORA/*/*`` not starting with
``key-``, keys ``raw/CORPORA/*/key-*``, read as latin-1):

- Every message is run through spaCy + ``claimwire_dates_v1`` with its dateline date
  (``SAN SALVADOR, 3 JAN 90 --``) as the publication date. Expressions inside the dateline
  itself are ignored.
- The message's **incident date** is the first day-precise date (a single day, role point
  or period start) of the body that lies before the dateline date and at most 60 days
  before it (the task definition calls an incident "recent" within two months; dates of
  the dateline day itself are mostly the report's own "said today"); when the body has
  none, the dateline date (the key's own default, "form 3" of the task definition).
  On the first 400 dev messages this choice beats "the first date of the body" by 0.06
  F1 and the dateline alone by 0.11 (both are kept as baselines in ``report.extra``).
- Each relevant template (slot 1 not ``*``) whose DATE slot is filled is one gold item.
  It is correct when the predicted day lies in one of the key's alternatives: a day
  (``30 DEC 89``), a range (``26 DEC 89 - 30 DEC 89``), or on-or-before (``- 30 DEC 89``).
  As in the MUC scorer, a wrong date counts both as a false positive and a false
  negative, so precision equals recall unless no date is predicted.
- Sections: ``incident_date`` (all gold items); ``incident_date_specific`` (keys with no
  on-or-before alternative, which the dateline alone rarely satisfies);
  ``expressions`` (mentions: for every specific key, is there any day-precise expression
  in the message, outside the dateline, that lies in the key; a false positive is a
  message's day-precise expression that lies in none of its keys). The dateline-only
  baseline of the first two sections is in ``report.extra``.

The seed's dates are scored by :func:`score_seed_dates`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..components import keys
from ..components.dates import DateHit, month_end
from ..components.dates import hits_of as dates_of
from ..errors import InputNotFoundError
from .metrics import Report, Score
from .muc import (
    MONTHS,
    Message,
    calendar_date,
    is_relevant,
    key_files,
    read_messages,
    read_templates,
    text_files,
)
from .split import Half, select

__all__ = ["Message", "key_files", "read_messages", "text_files"]

KEY_DATE = re.compile(
    r"(?P<day>\d{1,2})\s+(?P<month>[A-Z]{3})[A-Z]*(?:\s+(?P<yy>\d\d))?"
    r"|(?P<month2>[A-Z]{3})[A-Z]*\s+(?P<day2>\d{1,2})",
    re.IGNORECASE,
)
EARLIEST = dt.date(1, 1, 1)


@dataclass
class KeyDates:
    """The DATE slots of a message's relevant templates: alternatives (first, last) each."""

    templates: list[list[tuple[dt.date, dt.date]]] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_keys(paths: Iterable[Path], datelines: dict[str, dt.date | None]) -> dict[str, KeyDates]:
    """Relevant templates' DATE alternatives by message id (first token of slot 0)."""
    keys: dict[str, KeyDates] = {}
    for message_id, template in read_templates(paths):
        if not is_relevant(template):
            continue
        anchor = datelines.get(message_id)
        alternatives = parse_key_date(" / ".join(template.get(2, [])), anchor)
        entry = keys.setdefault(message_id, KeyDates())
        if alternatives:
            entry.templates.append(alternatives)
    return keys


def parse_key_date(value: str, anchor: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """Alternatives of a DATE slot as (first, last) days; open starts become year 1."""
    found: list[tuple[dt.date, dt.date]] = []
    for raw in value.split("/"):
        alternative = raw.strip().strip("?").strip().strip("()").strip()
        if alternative in ("", "-", "*"):
            continue
        parts = [p.strip() for p in re.split(r"\s+-\s*|^-\s*", alternative)]
        parsed = [_key_day(part, anchor) for part in parts if part]
        days = [day for day in parsed if day is not None]
        if not days or len(days) != len(parsed):
            continue
        found.append((EARLIEST if alternative.startswith("-") else days[0], days[-1]))
    return found


def _key_day(text: str, anchor: dt.date | None) -> dt.date | None:
    match = KEY_DATE.fullmatch(text.strip())
    if match is None:
        return None
    month = MONTHS.get((match.group("month") or match.group("month2") or "").upper()[:3])
    day = int(match.group("day") or match.group("day2"))
    if month is None:
        return None
    if match.group("yy"):
        return calendar_date(1900 + int(match.group("yy")), month, day)
    if anchor is None:
        return None
    this_year = calendar_date(anchor.year, month, day)
    if this_year is not None and this_year <= anchor:
        return this_year
    return calendar_date(anchor.year - 1, month, day)


# --------------------------------------------------------------------------- scoring


def day_hits(hits: list[DateHit], body_start: int) -> list[dt.date]:
    """Days of the single-day, point or period-start hits of the body, in text order."""
    return [
        hit.start_date
        for hit in hits
        if hit.start >= body_start
        and hit.start_date is not None
        and hit.start_date == hit.end_date
        and hit.role in ("point", "period_start")
    ]


RECENT_DAYS = 60
"""How far before the dateline an incident date may lie (MUC-4: "recent" = two months)."""


def incident_date(hits: list[DateHit], message: Message) -> dt.date | None:
    """The predicted incident date: first recent day before the dateline, else the dateline."""
    published = message.published
    if published is None:
        days = day_hits(hits, message.body_start)
        return days[0] if days else None
    earliest = published - dt.timedelta(days=RECENT_DAYS)
    for day in day_hits(hits, message.body_start):
        if earliest <= day < published:
            return day
    return published


def first_day(hits: list[DateHit], message: Message) -> dt.date | None:
    """Baseline: the first day-precise date of the body, else the dateline."""
    days = day_hits(hits, message.body_start)
    return days[0] if days else message.published


def in_key(day: dt.date | None, alternatives: list[tuple[dt.date, dt.date]]) -> bool:
    """Whether ``day`` lies in one of the key's alternatives."""
    return day is not None and any(first <= day <= last for first, last in alternatives)


def is_specific(alternatives: list[tuple[dt.date, dt.date]]) -> bool:
    """A key without an on-or-before alternative."""
    return all(first != EARLIEST for first, _ in alternatives)


def score_template(
    score: Score, day: dt.date | None, alternatives: list[tuple[dt.date, dt.date]]
) -> bool:
    """Count one gold item: tp when right; fp + fn when wrong; fn when nothing predicted."""
    if in_key(day, alternatives):
        score.tp += 1
        return True
    score.fn += 1
    if day is not None:
        score.fp += 1
    return False


def _load_nlp() -> Language:
    from ..nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe(keys.DATES_FACTORY)
    return nlp


def run(data: Path | None, *, limit: int | None = None, half: Half | None = None) -> Report:
    """Score incident dates on a MUC-4 folder (see the module docstring).

    Args:
        data: The set folder (``../shared/eval/muc4`` or one laid out the same way).
        limit: Score only the first ``limit`` messages with relevant dated templates
            (in file and message order; of the half when one is given).
        half: Score only half ``a`` or ``b`` of the messages (:mod:`.split`, by message id).

    Returns:
        The report with sections ``incident_date``, ``incident_date_specific`` and
        ``expressions``.

    Raises:
        InputNotFoundError: The folder has no MUC text or key files.
    """
    started = time.perf_counter()
    folder = Path(data) if data is not None else Path("../shared/eval/muc4")
    texts, keys_paths = text_files(folder), key_files(folder)
    if not texts or not keys_paths:
        raise InputNotFoundError(
            f"no MUC-4 texts and keys under {folder}/raw/CORPORA/*/ (texts not starting with "
            "'key-', keys 'key-*'); pass the muc4 set folder"
        )
    messages = list(read_messages(texts))
    keys = read_keys(keys_paths, {m.id: m.published for m in messages})
    scored = select(
        (m for m in messages if keys.get(m.id) and keys[m.id].templates), lambda m: m.id, half
    )
    if limit is not None:
        scored = scored[:limit]
    report = Report(task="dates", data=str(folder))
    if half:
        report.extra["half"] = half
    nlp = _load_nlp()
    docs = (_doc(nlp, m) for m in scored)
    baseline = {"incident_date": Score(), "incident_date_specific": Score()}
    first = {"incident_date": Score(), "incident_date_specific": Score()}
    for message, doc in zip(scored, nlp.pipe(docs, batch_size=32), strict=True):
        hits = dates_of(doc)
        _score_message(
            report, {"dateline": baseline, "first": first}, message, hits, keys[message.id]
        )
    report.documents = len(scored)
    report.extra["baseline_dateline_only"] = {k: round(v.f1, 4) for k, v in baseline.items()}
    report.extra["baseline_first_date_of_body"] = {k: round(v.f1, 4) for k, v in first.items()}
    report.extra["messages_without_dateline_date"] = sum(1 for m in scored if m.published is None)
    report.seconds = time.perf_counter() - started
    return report


def _doc(nlp: Language, message: Message) -> Doc:
    doc = nlp.make_doc(message.text)
    doc.user_data[keys.PUBLISHED] = message.published
    return doc


def _score_message(
    report: Report,
    baselines: dict[str, dict[str, Score]],
    message: Message,
    hits: list[DateHit],
    key: KeyDates,
) -> None:
    predicted = incident_date(hits, message)
    others = {"dateline": message.published, "first": first_day(hits, message)}
    days = day_hits(hits, message.body_start)
    for alternatives in key.templates:
        sections = ["incident_date"] + (
            ["incident_date_specific"] if is_specific(alternatives) else []
        )
        for name in sections:
            if not score_template(report.section(name), predicted, alternatives):
                report.miss(name, f"{message.id}: predicted {predicted}, key {_show(alternatives)}")
            for baseline, day in others.items():
                score_template(baselines[baseline][name], day, alternatives)
        if is_specific(alternatives):
            expressions = report.section("expressions")
            if any(in_key(day, alternatives) for day in days):
                expressions.tp += 1
            else:
                expressions.fn += 1
                report.miss("expressions", f"{message.id}: no expression in {_show(alternatives)}")
    for day in days:
        if not any(in_key(day, alternatives) for alternatives in key.templates):
            report.section("expressions").fp += 1


def _show(alternatives: list[tuple[dt.date, dt.date]]) -> str:
    return " / ".join(
        f"<= {last}" if first == EARLIEST else (f"{first}" if first == last else f"{first}..{last}")
        for first, last in alternatives
    )


# --------------------------------------------------------------------------- seed


def expected_dates(expected: dict[str, Any]) -> set[tuple[dt.date, dt.date]]:
    """Distinct dates of an expected file's figures and events, as (first, last) days.

    Values are ``YYYY-MM-DD`` (a day) or ``YYYY-MM`` (a month) in the fields ``date``,
    ``as_of``, ``since`` and ``cumulative_since``.
    """
    found: set[tuple[dt.date, dt.date]] = set()
    items = [*expected.get("figures", []), *expected.get("optional_figures", [])]
    items += expected.get("events", [])
    for item in items:
        for name in ("date", "as_of", "since", "cumulative_since"):
            value = item.get(name)
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d(-\d\d)?", value):
                found.add(_interval(value))
    return found


def _interval(value: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    return dt.date(parts[0], parts[1], 1), month_end(parts[0], parts[1])


def score_seed_dates(expected: dict[str, Any], hits: Iterable[Any]) -> Score:
    """Score our dates of a seed article against the dates its expected file mentions.

    Every distinct date of the expected figures and events must be the interval of at
    least one hit (tp, else fn). A false positive is a distinct day, week or month
    interval we resolved (as a point or period, not an as-of date) that no expected fact
    carries, or a historical period (decade, century) placed in the publication year.

    Args:
        expected: The parsed ``*.expected.json``.
        hits: Our dates on the article: :class:`DateHit` (``doc._.claimwire_dates``) or
            ``claimwire.models.DateMention`` records (``start``/``end`` dates; an as-of
            ``role`` is honoured when the record has one).

    Returns:
        The counts.
    """
    gold = expected_dates(expected)
    published_text = expected.get("document", {}).get("published")
    published = dt.date.fromisoformat(published_text) if published_text else None
    resolved = [item for item in map(_dated, hits) if item is not None]
    ours = {interval for interval, _, role in resolved if role != "as_of"}
    score = Score(tp=len(gold & ours), fn=len(gold - ours))
    spurious = {
        interval
        for interval, granularity, role in resolved
        if granularity in ("day", "week", "month") and role != "as_of"
    } - gold
    historical = [
        interval
        for interval, granularity, _ in resolved
        if granularity in ("decade", "century")
        and published is not None
        and interval[0] <= published <= interval[1]
    ]
    score.fp = len(spurious) + len(historical)
    return score


def _dated(hit: Any) -> tuple[tuple[dt.date, dt.date], str, str] | None:
    """((first, last), granularity, role) of a hit or DateMention; None when unresolved."""
    first = getattr(hit, "start_date", None) or getattr(hit, "start", None)
    last = getattr(hit, "end_date", None) or getattr(hit, "end", None)
    if not isinstance(first, dt.date) or not isinstance(last, dt.date):
        return None
    return (first, last), str(hit.granularity), str(getattr(hit, "role", "point"))
