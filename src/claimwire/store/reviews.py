"""An analyst's reviews of contradictions: confirmed or dismissed, with a reason.

A review is added in its own transaction and never changed; the latest review of a
contradiction is its state (:func:`latest_reviews`), the earlier ones stay as history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from typing import Final, Literal, get_args

from ..errors import InvalidOptionError
from .rows import ContradictionReviewRow, Record
from .tables import chunks, insert

Verdict = Literal["confirmed", "dismissed"]
VERDICTS: Final = get_args(Verdict)
MAX_REASON_CHARS: Final = 2000
"""Longest reason kept (a paragraph; a review is no essay)."""


def review_contradiction(
    connection: sqlite3.Connection,
    contradiction_id: str,
    *,
    verdict: str,
    reason: str,
    reviewer: str | None = None,
    now: dt.datetime | None = None,
) -> ContradictionReviewRow | None:
    """Store a review of a contradiction; None when no contradiction has this id.

    Args:
        connection: A store open for writing.
        contradiction_id: The contradiction reviewed.
        verdict: ``confirmed`` (the two sides do contradict) or ``dismissed`` (they do not).
        reason: Why, in the analyst's words (required).
        reviewer: Where the review came from (a client address), if known.
        now: The review's time (default: now, UTC).

    Raises:
        InvalidOptionError: An unknown verdict, or an empty or overlong reason.
    """
    if verdict not in VERDICTS:
        raise InvalidOptionError(f"verdict {verdict!r}: give one of {', '.join(VERDICTS)}")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidOptionError("a review needs a reason: say why the sides do or do not clash")
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidOptionError(f"the reason is over {MAX_REASON_CHARS} characters")
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    key = "\x1f".join((contradiction_id, when, verdict, reason))
    row = ContradictionReviewRow(
        id="review:" + hashlib.sha256(key.encode()).hexdigest()[:16],
        contradiction_id=contradiction_id,
        verdict=verdict,
        reason=reason,
        reviewed=when,
        reviewer=reviewer,
    )
    connection.execute("BEGIN IMMEDIATE")
    try:
        found = connection.execute(
            "SELECT 1 FROM contradictions WHERE id = ?", (contradiction_id,)
        ).fetchone()
        if found is not None:
            insert(connection, [row], or_else="IGNORE")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return row if found is not None else None


def latest_reviews(connection: sqlite3.Connection, ids: list[str]) -> dict[str, Record]:
    """The latest review of each of these contradictions that has one (id -> review)."""
    found: dict[str, Record] = {}
    for chunk in chunks(ids):
        for row in connection.execute(
            "SELECT contradiction_id, verdict, reason, reviewed, reviewer, "
            "(SELECT count(*) FROM contradiction_reviews h "
            " WHERE h.contradiction_id = r.contradiction_id) AS reviews "
            "FROM contradiction_reviews r "
            f"WHERE contradiction_id IN ({', '.join('?' for _ in chunk)}) "
            "ORDER BY contradiction_id, reviewed, id",
            chunk,
        ):
            found[row["contradiction_id"]] = dict(row)  # the last one per id wins
    return found
