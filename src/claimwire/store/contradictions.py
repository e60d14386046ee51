"""Contradictions across sources, found as articles arrive and never deleted.

Two figures contradict when they count the same thing (measure, category, unit, and the
side, running-total flag and canonical place as :func:`same_referent` tells) for the same
date, come from different articles, and their values cannot both hold: their intervals
(exact value, "about" widened by ``approx_tolerance``, bounds) do not overlap, or one says
none and the other some. Two statements contradict when the claims component linked them
in one article, or when one report of an event cluster asserts it and another denies it.
A later figure that agrees with one side only settles a contradiction; the contradiction
stays, with who settled it.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from dataclasses import dataclass

from .rows import ClaimRow, ContradictionRow, EventRow, FigureRow, SqlValue, pick
from .settings import settings
from .tables import insert

FIGURE_COLUMNS = ", ".join(
    pick(
        FigureRow,
        """id document_id claimant value lower upper approx negated date_basis evidence place
        measure category side date unit cumulative place_entity""",
    )
)
"""What comparing a stored figure with a new one reads of it."""


@dataclass(frozen=True)
class Side:
    """One side of a contradiction, as stored."""

    kind: str
    id: str
    document: str
    claimant: str
    value: str | None
    evidence: str


def contradiction_id(a: str, b: str) -> str:
    """Id of the contradiction between two facts, whatever their order."""
    first, second = sorted((a, b))
    return "contra:" + hashlib.sha256(f"{first}\x1f{second}".encode()).hexdigest()[:16]


def record(
    connection: sqlite3.Connection,
    *,
    kind: str,
    reason: str,
    a: Side,
    b: Side,
    detected_by: str,
    measure: str | None = None,
    category: str | None = None,
    side: str | None = None,
    subject: str | None = None,
    date: str | None = None,
) -> None:
    """Store a contradiction (once: the same pair again is ignored)."""
    row = ContradictionRow(
        id=contradiction_id(a.id, b.id),
        kind=kind,
        reason=reason,
        measure=measure,
        category=category,
        side=side,
        subject=subject,
        date=date,
        a_kind=a.kind,
        a_id=a.id,
        a_document=a.document,
        a_claimant=a.claimant,
        a_value=a.value,
        a_evidence=a.evidence,
        b_kind=b.kind,
        b_id=b.id,
        b_document=b.document,
        b_claimant=b.claimant,
        b_value=b.value,
        b_evidence=b.evidence,
        detected_by=detected_by,
    )
    insert(connection, [row], or_else="IGNORE")


def interval(row: sqlite3.Row | FigureRow, *, widen: float = 0.0) -> tuple[float, float] | None:
    """The values a figure allows: exact, "about" (widened), or between its bounds."""
    value, lower, upper = _amount(row, "value"), _amount(row, "lower"), _amount(row, "upper")
    tolerance = widen + (settings().approx_tolerance if _get(row, "approx") else 0.0)
    if value is not None:
        spread = abs(value) * tolerance
        return value - spread, value + spread
    if lower is None and upper is None:
        return None
    low = (lower if lower is not None else 0.0) * (1 - tolerance)
    high = (upper * (1 + tolerance)) if upper is not None else math.inf
    return low, high


def describe(row: sqlite3.Row | FigureRow) -> str:
    """A figure's value in words: 'none', 'about 300', 'at least 200', '10 to 15'."""
    if _get(row, "negated"):
        return "none"
    value, lower, upper = _amount(row, "value"), _amount(row, "lower"), _amount(row, "upper")
    if value is not None:
        return ("about " if _get(row, "approx") else "") + _number(value)
    if lower is not None and upper is not None:
        return f"{_number(lower)} to {_number(upper)}"
    if lower is not None:
        return f"at least {_number(lower)}"
    if upper is not None:
        return f"up to {_number(upper)}"
    return "unknown"


def figure_contradictions(connection: sqlite3.Connection, figure: FigureRow) -> None:
    """Record the contradictions a new figure makes with stored ones, and settle old ones."""
    if not _comparable(figure):
        return
    candidates = connection.execute(
        f"SELECT {FIGURE_COLUMNS} FROM figures WHERE measure = ? AND category = ? AND date = ? "
        "AND unit = ? AND current = 1 AND duplicate = 0 AND modality = 'actual' "
        "AND status = 'new' AND document_id != ? ORDER BY id",
        (figure.measure, figure.category, figure.date, figure.unit, figure.document_id),
    ).fetchall()
    for other in candidates:
        if not same_referent(other, figure):
            continue
        reason = _conflict(other, figure)
        if reason is None:
            continue
        record(
            connection,
            kind="figures",
            reason=reason,
            a=_figure_side(other),
            b=_figure_side(figure),
            detected_by=figure.document_id,
            measure=figure.measure,
            category=figure.category,
            side=figure.side or other["side"],
            subject=figure.place or other["place"],
            date=figure.date,
        )
    _settle(connection, figure)


def claim_contradictions(connection: sqlite3.Connection, claims: list[ClaimRow]) -> None:
    """Record the contradictions the claims component found inside one article."""
    by_id = {claim.id: claim for claim in claims}
    for claim in claims:
        for other_id in json.loads(claim.contradicts_json):
            other = by_id.get(other_id)
            if other is None:
                continue
            record(
                connection,
                kind="statements",
                reason=(
                    f"{claim.claimant} and {other.claimant} make mutually exclusive "
                    "statements in one article"
                ),
                a=Side("claim", other.id, other.document_id, other.claimant, None, other.content),
                b=Side("claim", claim.id, claim.document_id, claim.claimant, None, claim.content),
                detected_by=claim.document_id,
                date=claim.date,
            )


def denial_contradictions(connection: sqlite3.Connection, event: EventRow) -> None:
    """Record the reports of the event's cluster that it denies, or that deny it."""
    if event.cluster_id is None:
        return
    denials = settings().denial_hedges
    others = connection.execute(
        "SELECT id, document_id, claimant, hedge, evidence, context FROM events "
        "WHERE cluster_id = ? AND current = 1 AND duplicate = 0 AND document_id != ? ORDER BY id",
        (event.cluster_id, event.document_id),
    ).fetchall()
    for other in others:
        if (other["hedge"] in denials) == (event.hedge in denials):
            continue
        asserted, denied = (
            (other["claimant"], event.claimant)
            if event.hedge in denials
            else (event.claimant, other["claimant"])
        )
        record(
            connection,
            kind="statements",
            reason=(
                f"{asserted} reports this {event.type.lower()} event"
                f"{' at ' + event.place if event.place else ''}; {denied} denies it"
            ),
            a=Side(
                "event",
                other["id"],
                other["document_id"],
                other["claimant"],
                other["hedge"],
                other["context"] or other["evidence"],
            ),
            b=Side(
                "event",
                event.id,
                event.document_id,
                event.claimant,
                event.hedge,
                event.context or event.evidence,
            ),
            detected_by=event.document_id,
            subject=event.place,
            date=event.date,
        )


def same_referent(first: sqlite3.Row | FigureRow, second: sqlite3.Row | FigureRow) -> bool:
    """Tell whether two figures of one measure, category, unit and date count one thing.

    A side or a running-total flag that only one report gives does not tell them apart
    (the extractors often miss them). Running totals with no place are national totals
    and match; increments must name one place ("killed near Bakhmut on Sunday").
    """
    sides = (_get(first, "side"), _get(second, "side"))
    if None not in sides and sides[0] != sides[1]:
        return False
    flags = (_get(first, "cumulative"), _get(second, "cumulative"))
    if None not in flags and bool(flags[0]) != bool(flags[1]):
        return False
    places = (_get(first, "place_entity"), _get(second, "place_entity"))
    if any(flags):
        return places[0] == places[1] or None in places
    return places[0] is not None and places[0] == places[1]


def _comparable(figure: FigureRow) -> bool:
    if figure.measure is None or figure.category is None or figure.date is None:
        return False
    if figure.modality != "actual" or figure.status != "new" or figure.duplicate:
        return False
    return bool(figure.negated) or interval(figure) is not None


def _conflict(stored: sqlite3.Row, figure: FigureRow) -> str | None:
    what = f"{figure.measure} {figure.category}".replace("_", " ")
    where = f" in {figure.place}" if figure.place else ""
    if bool(stored["negated"]) != bool(figure.negated):
        positive = figure if not figure.negated else stored
        bounds = interval(positive)
        if bounds is None or bounds[1] <= 0:
            return None
        return (
            f"{_text(stored, 'claimant')} says {describe(stored)} and {figure.claimant} says "
            f"{describe(figure)} {what}{where} on {figure.date}: one says none, the other some"
        )
    if figure.negated:
        return None
    inferred = stored["date_basis"] == "published" and figure.date_basis == "published"
    widen = settings().inferred_date_tolerance if inferred else 0.0
    first, second = interval(stored, widen=widen), interval(figure, widen=widen)
    if first is None or second is None or _overlap(first, second):
        return None
    return (
        f"{stored['claimant']} says {describe(stored)} and {figure.claimant} says "
        f"{describe(figure)} {what}{where} on {figure.date}: the values cannot both hold"
    )


def _settle(connection: sqlite3.Connection, figure: FigureRow) -> None:
    if figure.negated:
        return
    mine = interval(figure)
    if mine is None:
        return
    open_ones = connection.execute(
        "SELECT c.id, c.a_id, c.b_id, c.a_document, c.b_document FROM contradictions c "
        "JOIN figures a ON a.id = c.a_id WHERE c.kind = 'figures' AND c.settled_by IS NULL "
        "AND a.measure = ? AND a.category = ? AND a.date = ? AND a.unit = ? ORDER BY c.id",
        (figure.measure, figure.category, figure.date, figure.unit),
    ).fetchall()
    for row in open_ones:
        if figure.document_id in (row["a_document"], row["b_document"]):
            continue
        agrees: list[str] = []
        for side in ("a", "b"):
            stored = connection.execute(
                f"SELECT {FIGURE_COLUMNS} FROM figures WHERE id = ?", (row[f"{side}_id"],)
            ).fetchone()
            if stored is None or not same_referent(stored, figure):
                agrees = []  # about something else: it settles nothing
                break
            bounds = (0.0, 0.0) if stored["negated"] else interval(stored)
            if bounds is not None and _overlap(bounds, mine):
                agrees.append(side)
        if len(agrees) == 1:
            connection.execute(
                "UPDATE contradictions SET settled_by = ?, settled_side = ?, settled_reason = ? "
                "WHERE id = ?",
                (
                    figure.id,
                    agrees[0],
                    f"a later report by {figure.claimant} ({describe(figure)}) agrees with "
                    f"side {agrees[0]} only",
                    row["id"],
                ),
            )


def _figure_side(row: sqlite3.Row | FigureRow) -> Side:
    return Side(
        "figure",
        _text(row, "id"),
        _text(row, "document_id"),
        _text(row, "claimant"),
        describe(row),
        _text(row, "evidence"),
    )


def _overlap(first: tuple[float, float], second: tuple[float, float]) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _get(row: sqlite3.Row | FigureRow, name: str) -> SqlValue:
    value: SqlValue = row[name] if isinstance(row, sqlite3.Row) else getattr(row, name)
    return value


def _amount(row: sqlite3.Row | FigureRow, name: str) -> float | None:
    """A number column of a figure (an int stays an int: it prints without decimals)."""
    value = _get(row, name)
    if value is None or isinstance(value, int | float):
        return value
    raise TypeError(f"{name} is not a number: {value!r}")


def _text(row: sqlite3.Row | FigureRow, name: str) -> str:
    return str(_get(row, name))
