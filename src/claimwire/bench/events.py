"""``claimwire bench events``: event types on CASE 2021 Task 2, and the events of the seed.

The measure (CASE 2021 Task 2, ``../shared/eval/case2021_task2``; every ``*.tsv`` of the
folder with a header ``id  EventSnippet  SubType``, read as plain tab-separated lines):

- Each snippet runs through the whole claimwire pipeline and is typed by
  :func:`claimwire.components.events.classify_doc` (every trigger mention scores its
  sub-type; the first sentence counts more; the learned model replaces the rules' choice
  when confident). ``--half a|b`` scores one half of the snippets (:mod:`.split`, by
  snippet id): the learned model is trained on half ``a`` only, so half ``b`` is unseen.
  Our sub-type is mapped to a CASE label with the table ``mappings.case2021_task2`` of
  ``resources/event_types.json`` (the 25 ACLED sub-types one to one, our non-ACLED
  types to ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO and ATTRIB); a snippet
  with no trigger is ``OTHER``.
- Sections: one per gold label (``type:AIR_STRIKE``...: a snippet is a tp of its gold
  label when predicted right, else a fn of its gold label and a fp of the predicted one),
  and ``all`` (micro: accuracy). ``report.extra`` has the macro-F1 over the 25 ACLED
  labels (subtask 1, on snippets whose gold is an ACLED label), over all 30 labels
  (subtask 3), the accuracy and the most frequent confusions.

The seed's events are scored by :func:`score_seed_events`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..components.events import EventHit, classify_doc, ontology
from ..errors import InputNotFoundError
from .metrics import Report, Score
from .split import Half, select

HEADER = ("id", "EventSnippet", "SubType")
ACLED_LABELS = frozenset(
    {
        "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
        "ATTACK", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST",
        "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL",
        "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER", "OTHER", "PEACE_PROTEST",
        "PROPERTY_DISTRUCT", "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB",
        "VIOL_DEMONSTR",
    }
)  # fmt: skip
"""The 25 labels of subtask 1 (ACLED sub-event types)."""


@dataclass(frozen=True)
class Snippet:
    """One labelled snippet of the CASE 2021 Task 2 set."""

    id: str
    text: str
    label: str


def load_snippets(folder: Path) -> list[Snippet]:
    """Every labelled snippet of the ``*.tsv`` files of ``folder`` (sorted by file name).

    Raises:
        InputNotFoundError: The folder is missing or has no file with the expected header.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such CASE 2021 Task 2 folder: {folder}")
    found: list[Snippet] = []
    for path in sorted(folder.glob("*.tsv")):
        found.extend(_read_tsv(path))
    if not found:
        raise InputNotFoundError(
            f"no *.tsv with the header {' / '.join(HEADER)} in {folder} "
            "(expected CASE 2021 Task 2 test data with labels)"
        )
    return found


def _read_tsv(path: Path) -> Iterator[Snippet]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")[:3]) != HEADER:
        return
    for line in lines[1:]:
        fields = line.split("\t")
        if len(fields) >= 3 and fields[2].strip():
            yield Snippet(fields[0], fields[1], fields[2].strip())


def case_label(subtype: str | None) -> str:
    """The CASE 2021 label of one of our sub-types (``OTHER`` when None)."""
    mapping = ontology().mappings["case2021_task2"]
    if subtype is None:
        return str(mapping["fallback"])
    return str(mapping["labels"].get(subtype, mapping["fallback"]))


def macro_f1(scores: dict[str, Score], labels: Sequence[str]) -> float:
    """Mean F1 over ``labels`` (a label never seen nor predicted is left out)."""
    values = [scores[label].f1 for label in labels if label in scores]
    return sum(values) / len(values) if values else 0.0


def run(data: Path | None, *, limit: int | None = None, half: Half | None = None) -> Report:
    """Type every snippet of a CASE 2021 Task 2 folder and score the labels.

    Args:
        data: The set folder (``../shared/eval/case2021_task2`` by default in the CLI).
        limit: Score only the first ``limit`` snippets.
        half: Score only the snippets of this half (:mod:`.split`, by snippet id).

    Returns:
        The report (sections per label and ``all``; macro-F1 in ``extra``).

    Raises:
        InputNotFoundError: No usable file in the folder.
    """
    from ..nlp.pipeline import build_pipeline, load_model

    if data is None:
        raise InputNotFoundError("no CASE 2021 Task 2 folder given")
    started = time.perf_counter()
    snippets = select(load_snippets(data), lambda s: s.id, half)
    if limit is not None:
        snippets = snippets[:limit]
    nlp = build_pipeline(load_model())
    report = Report(task="events", data=str(data), documents=len(snippets))
    per_label: dict[str, Score] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    total = report.section("all")
    docs = nlp.pipe((s.text for s in snippets), batch_size=64)
    for snippet, doc in zip(snippets, docs, strict=True):
        predicted = case_label(classify_doc(doc)[0])
        gold = per_label.setdefault(snippet.label, Score())
        if predicted == snippet.label:
            gold.tp += 1
            total.tp += 1
            continue
        gold.fn += 1
        per_label.setdefault(predicted, Score()).fp += 1
        total.fp += 1
        total.fn += 1
        confusions[(snippet.label, predicted)] += 1
        report.miss("all", f"{snippet.id} {snippet.label} -> {predicted}: {snippet.text[:110]}")
    for label in sorted(per_label):
        report.sections[f"type:{label}"] = per_label[label]
    gold_acled = [s for s in snippets if s.label in ACLED_LABELS]
    report.extra = {
        "accuracy": round(total.tp / len(snippets), 4) if snippets else 0.0,
        "macro_f1_acled25": round(macro_f1(per_label, sorted(ACLED_LABELS)), 4),
        "macro_f1_all30": round(macro_f1(per_label, sorted(per_label)), 4),
        "acled_snippets": len(gold_acled),
        "top_confusions": [f"{g}->{p} x{n}" for (g, p), n in confusions.most_common(8)],
    }
    report.seconds = time.perf_counter() - started
    return report


# --------------------------------------------------------------------------- seed

FAMILY_WORDS = (
    ("background", None),
    ("shelling", "Explosions/Remote violence"),
    ("bombing", "Explosions/Remote violence"),
    ("missile", "Explosions/Remote violence"),
    ("strike", "Explosions/Remote violence"),
    ("remote violence", "Explosions/Remote violence"),
    ("battle", "Battles"),
    ("assault", "Battles"),
    ("clash", "Battles"),
    ("destruction", "Strategic developments"),
    ("looting", "Strategic developments"),
    ("arrest", "Strategic developments"),
    ("protest", "Protests"),
    ("riot", "Riots"),
    ("abduct", "Violence against civilians"),
)
"""Words of an expected event's free-text ``type`` -> our type family (None: any)."""


def expected_family(type_text: str) -> str | None:
    """Our event type (family) for the free-text type of an expected event."""
    lowered = type_text.lower()
    for word, family in FAMILY_WORDS:
        if word in lowered:
            return family
    return None


@dataclass(frozen=True)
class SeedEvent:
    """What the seed scorer compares: our event seen through hits or result records."""

    id: str
    type: str
    subtype: str | None
    trigger: str
    places: tuple[str, ...]
    """Canonical place name and the place as written, when known."""
    interval: tuple[dt.date | None, dt.date | None]
    status: str
    irrealis: bool


def seed_events_from_hits(
    hits: list[EventHit], text: str, dates: Sequence[Any] | None = None
) -> list[SeedEvent]:
    """The seed view of ``doc._.claimwire_events`` (``dates``: ``doc._.claimwire_dates``)."""
    found = []
    for hit in hits:
        places = [hit.place_name or ""]
        if hit.place_start is not None and hit.place_end is not None:
            places.append(text[hit.place_start : hit.place_end])
        interval: tuple[dt.date | None, dt.date | None] = (None, None)
        if dates is not None and hit.date_index is not None:
            interval = (dates[hit.date_index].start_date, dates[hit.date_index].end_date)
        found.append(
            SeedEvent(
                hit.id,
                hit.type,
                hit.subtype,
                text[hit.start : hit.end],
                tuple(p for p in places if p),
                interval,
                hit.status,
                hit.negated or hit.hypothetical,
            )
        )
    return found


def seed_events_from_result(result: Any) -> list[SeedEvent]:
    """The seed view of the events of a :class:`claimwire.models.Result`."""
    places = {place.id: place for place in result.places}
    dates = {date.id: date for date in result.dates}
    found = []
    for event in result.events:
        place = places.get(event.place_id) if event.place_id else None
        date = dates.get(event.date_id) if event.date_id else None
        names = (place.name or "", place.span.text) if place is not None else ()
        found.append(
            SeedEvent(
                event.id,
                event.type,
                event.subtype,
                event.trigger.text,
                tuple(n for n in names if n),
                (date.start, date.end) if date is not None else (None, None),
                event.status,
                bool(getattr(event, "negated", False) or getattr(event, "hypothetical", False)),
            )
        )
    return found


def _date_ok(expected: str | None, interval: tuple[dt.date | None, dt.date | None]) -> bool:
    if expected is None:
        return True
    start, end = interval
    if start is None or end is None:
        return False
    if len(expected) == 7:  # a month: YYYY-MM
        year, month = (int(p) for p in expected.split("-"))
        return (start.year, start.month) == (end.year, end.month) == (year, month)
    day = dt.date.fromisoformat(expected)
    return start == end == day


def _place_ok(expected: str | None, event: SeedEvent) -> bool:
    if expected is None:
        return True
    from rapidfuzz import fuzz

    return any(fuzz.ratio(expected.lower(), name.lower()) >= 80 for name in event.places)


def _fields(expected: dict[str, Any], event: SeedEvent) -> dict[str, bool]:
    family = expected_family(expected.get("type", ""))
    status = "background" if expected.get("type", "").startswith("background") else "new"
    return {
        "type": family is None or event.type == family,
        "place": _place_ok(expected.get("where"), event),
        "date": _date_ok(expected.get("date"), event.interval),
        "status": event.status == status,
    }


def score_seed_events(
    expected_events: list[dict[str, Any]],
    hits: list[EventHit] | list[SeedEvent],
    text: str = "",
    *,
    dates: Sequence[Any] | None = None,
    report: Report | None = None,
) -> Report:
    """Score events against the seed's expected ``events`` (type family, place, date, status).

    An expected event is matched (tp) by the first unused event whose type family (from
    the words of the expected free-text type; any family for "background: ..."), place
    (canonical name or the mention as written, fuzzy), date (the expected day, or a
    month for "YYYY-MM"; not checked when the expected event has none) and status
    ("background" for expected types starting with "background", else "new") all agree.
    Each unmatched event is spurious (fp): precision matters. Sections ``event_type``,
    ``event_place``, ``event_date`` and ``event_status`` count each field on the pairs
    aligned by most fields right, so a miss says which field was wrong.

    Args:
        expected_events: The ``events`` list of the expected file.
        hits: ``doc._.claimwire_events`` of the seed article, or :class:`SeedEvent` views
            (:func:`seed_events_from_result` for a ``Result``).
        text: The seed article text the hits index (not needed for views).
        dates: ``doc._.claimwire_dates`` (to read the date intervals of hits).
        report: A report to add the sections to (a new one when None).

    Returns:
        The report with section ``events`` and the per-field sections.
    """
    report = report or Report(task="seed-events", data="seed")
    events = [
        h if isinstance(h, SeedEvent) else seed_events_from_hits([h], text, dates)[0] for h in hits
    ]
    section = report.section("events")
    used: set[str] = set()
    for expected in expected_events:
        candidates = [e for e in events if e.id not in used]
        scored = [(sum(_fields(expected, e).values()), e) for e in candidates]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best is None or best[0] == 0:
            section.fn += 1
            report.miss("events", f"missed {expected['id']}: {expected.get('type')}")
            continue
        event = best[1]
        fields = _fields(expected, event)
        for name, right in fields.items():
            field_score = report.section(f"event_{name}")
            if right:
                field_score.tp += 1
            else:
                field_score.fn += 1
                field_score.fp += 1
        if all(fields.values()):
            section.tp += 1
            used.add(event.id)
            continue
        section.fn += 1
        wrong = ", ".join(name for name, right in fields.items() if not right)
        report.miss(
            "events",
            f"{expected['id']} ({expected.get('type')}): closest {event.id} "
            f"{event.subtype} '{event.trigger}' wrong {wrong}",
        )
    for event in events:
        if event.id not in used and not event.irrealis:
            section.fp += 1
            report.miss(
                "events",
                f"spurious {event.id} {event.subtype} '{event.trigger}' "
                f"place={event.places[:1]} status={event.status}",
            )
    return report
