"""Contradictions across sources, found as articles arrive and never deleted.

Two figures contradict when they count the same thing (measure, category, unit, side,
running-total flag and canonical place, as :func:`same_referent` tells) for the same
date, come from different articles, and their values cannot both hold: their intervals
do not overlap, or one says none and the other some. A bound is an interval ("up to
250" is 0 to 250, "more than 200" is 200 and up: the two can both hold), an exact value
a point, "about" a point widened by ``approx_tolerance``. Two statements contradict when
the claims component linked them in one article, or when one report of an event cluster
asserts it and another denies it. A later figure that agrees with one side only settles
a contradiction; the contradiction stays, with who settled it.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from dataclasses import dataclass

from .queries import CONTRADICTION_COLUMNS
from .reviews import latest_reviews
from .rows import ClaimRow, ContradictionRow, EventRow, FigureRow, Record, SqlValue, pick
from .settings import settings
from .tables import insert

FIGURE_COLUMNS = ", ".join(
    pick(
        FigureRow,
        """id document_id claimant claimant_side value lower upper approx qualifier negated
        date_basis evidence place measure category side date unit cumulative place_entity""",
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
    """The values a figure allows: between its bounds ("up to 250": 0 to 250; "more than
    200": 200 and up), else its value ("about" widened), else None."""
    value, lower, upper = _amount(row, "value"), _amount(row, "lower"), _amount(row, "upper")
    tolerance = widen + (settings().approx_tolerance if _get(row, "approx") else 0.0)
    if lower is None and upper is None:
        if value is None:
            return None
        spread = abs(value) * tolerance
        return value - spread, value + spread
    low = (lower if lower is not None else 0.0) * (1 - tolerance)
    high = (upper * (1 + tolerance)) if upper is not None else math.inf
    return low, high


def describe(row: sqlite3.Row | FigureRow) -> str:
    """A figure's value in words, bounds kept: 'none', 'about 300', 'more than 200',
    'up to 250', '10 to 15'."""
    if _get(row, "negated"):
        return "none"
    value, lower, upper = _amount(row, "value"), _amount(row, "lower"), _amount(row, "upper")
    qualifier = _qualifier(row)
    if lower is not None and upper is not None and lower != upper:
        return f"{_number(lower)} to {_number(upper)}"
    if lower is not None and upper is None:
        return f"{qualifier or 'at least'} {_number(lower)}"
    if upper is not None and lower is None:
        return f"{qualifier or 'up to'} {_number(upper)}"
    if value is not None:
        return ("about " if _get(row, "approx") else "") + _number(value)
    if lower is not None:
        return _number(lower)
    return "unknown"


def _qualifier(row: sqlite3.Row | FigureRow) -> str | None:
    """The words of a bound as written ("more than", "up to"), when the row has them."""
    if isinstance(row, sqlite3.Row) and "qualifier" not in row.keys():  # noqa: SIM118
        return None
    found = _get(row, "qualifier")
    return " ".join(found.lower().split()) if isinstance(found, str) and found.strip() else None


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

    Sides: two stated sides must be the same ("Russia destroyed 7 Ukrainian tanks" and
    "Russia lost 10 Russian tanks" count two armies). A side one report does not state
    is taken to be anyone's but its claimant's own (a party that gives a loss figure
    without saying whose speaks of the enemy's; its own losses it calls "ours", "its"),
    so "Russia lost 10 tanks" by a Ukrainian claimant is not paired with Ukrainian tanks.
    A running-total flag that only one report gives does not tell them apart. Running
    totals with no place are national totals and match; increments must name one place
    ("killed near Bakhmut on Sunday").
    """
    if not _sides_agree(first, second):
        return False
    flags = (_get(first, "cumulative"), _get(second, "cumulative"))
    if None not in flags and bool(flags[0]) != bool(flags[1]):
        return False
    places = (_get(first, "place_entity"), _get(second, "place_entity"))
    if any(flags):
        return places[0] == places[1] or None in places
    return places[0] is not None and places[0] == places[1]


def _sides_agree(first: sqlite3.Row | FigureRow, second: sqlite3.Row | FigureRow) -> bool:
    sides = (_get(first, "side"), _get(second, "side"))
    if None not in sides:
        return sides[0] == sides[1]
    if sides == (None, None):
        return True
    unstated, stated = (first, sides[1]) if sides[0] is None else (second, sides[0])
    return _optional(unstated, "claimant_side") != stated


def _optional(row: sqlite3.Row | FigureRow, name: str) -> SqlValue:
    """A column the row may lack (an older caller's selection): None then."""
    if isinstance(row, sqlite3.Row):
        return row[name] if name in row.keys() else None  # noqa: SIM118
    value: SqlValue = getattr(row, name, None)
    return value


def _comparable(figure: FigureRow) -> bool:
    if figure.measure is None or figure.category is None or figure.date is None:
        return False
    if figure.modality != "actual" or figure.status != "new" or figure.duplicate:
        return False
    return bool(figure.negated) or interval(figure) is not None


def clash(first: sqlite3.Row | FigureRow, second: sqlite3.Row | FigureRow) -> bool:
    """Whether two figures of one referent (:func:`same_referent`) cannot both hold: one
    says none and the other some, or their intervals (:func:`interval`) do not meet."""
    if bool(_get(first, "negated")) != bool(_get(second, "negated")):
        bounds = interval(second if _get(first, "negated") else first)
        return bounds is not None and bounds[1] > 0
    if _get(first, "negated"):
        return False
    inferred = _get(first, "date_basis") == "published" == _get(second, "date_basis")
    widen = settings().inferred_date_tolerance if inferred else 0.0
    one, other = interval(first, widen=widen), interval(second, widen=widen)
    return one is not None and other is not None and not _overlap(one, other)


def _conflict(stored: sqlite3.Row, figure: FigureRow) -> str | None:
    if not clash(stored, figure):
        return None
    what = f"{figure.measure} {figure.category}".replace("_", " ")
    where = f" in {figure.place}" if figure.place else ""
    said = (
        f"{_text(stored, 'claimant')} says {describe(stored)} and {figure.claimant} says "
        f"{describe(figure)} {what}{where} on {figure.date}"
    )
    if bool(stored["negated"]) != bool(figure.negated):
        return f"{said}: one says none, the other some"
    return f"{said}: the values cannot both hold"


def read_contradiction(connection: sqlite3.Connection, contradiction_id: str) -> Record | None:
    """One stored contradiction (the columns the lists give), or None."""
    row = connection.execute(
        f"SELECT {', '.join(CONTRADICTION_COLUMNS)} FROM contradictions WHERE id = ?",
        (contradiction_id,),
    ).fetchone()
    return None if row is None else dict(row)


SIDE_TABLES = {"figure": "figures", "claim": "claims", "event": "events"}
"""The table of each kind of side of a contradiction."""


def with_details(connection: sqlite3.Connection, rows: list[Record]) -> list[Record]:
    """Contradictions with what decides them, for their cards.

    Adds to each row, for each side ``a`` and ``b``: ``hedge``, ``outlet``, ``published``,
    ``context``, and for figures ``side`` (whose people or equipment) and ``value`` as the
    text gives it now, bounds kept ("up to 250"); ``holds`` is False for a figure
    contradiction that the current rules no longer make one (bounds that overlap, sides
    that differ: recorded by an older claimwire); ``review_verdict``, ``review_reason``,
    ``review_reviewed`` and ``reviews`` tell the latest review (None, 0 without one).
    """
    reviews = latest_reviews(connection, [str(row["id"]) for row in rows])
    for row in rows:
        figures: list[sqlite3.Row] = []
        for side in ("a", "b"):
            table = SIDE_TABLES.get(str(row.get(f"{side}_kind") or ""))
            found = None
            if table is not None:
                context = "content" if table == "claims" else "context"
                extra = f", {FIGURE_COLUMNS}" if table == "figures" else ""
                found = connection.execute(
                    f"SELECT hedge, outlet, published, {context} AS context{extra} "
                    f"FROM {table} WHERE id = ?",
                    (row[f"{side}_id"],),
                ).fetchone()
            for name in ("hedge", "outlet", "published", "context"):
                row[f"{side}_{name}"] = found[name] if found is not None else None
            row[f"{side}_side"] = None
            if found is not None and table == "figures":
                row[f"{side}_side"] = found["side"]
                row[f"{side}_value"] = describe(found)
                figures.append(found)
        row["holds"] = not (
            len(figures) == 2
            and not (same_referent(figures[0], figures[1]) and clash(figures[0], figures[1]))
        )
        review = reviews.get(str(row["id"]), {})
        for name in ("verdict", "reason", "reviewed"):
            row[f"review_{name}"] = review.get(name)
        row["reviews"] = review.get("reviews", 0)
    return rows


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
