"""What the web app shows: one function per view, called by both a page and its JSON twin.

Pages (:mod:`claimwire.web.pages`) render what these functions return; the API
(:mod:`claimwire.web.api`) answers it as JSON. So a page always shows the data of its
twin for the same query string.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import TypedDict

from ..models import Result
from ..store.activity import Activity
from ..store.activity import activity as read_activity
from ..store.buckets import Thinned, thin, thinned_series
from ..store.charts import Charts, chart_groups
from ..store.contradictions import read_contradiction, with_details
from ..store.filters import Filters
from ..store.reviews import review_contradiction
from ..store.rows import Record
from ..store.series import Point, Series, read_series
from ..store.write import load_result, write_result
from . import queries
from .context import AppContext, ArticleMetadata, budgeted_extract
from .errors import ApiError
from .queries import ListName, Overview, Page
from .svg import series_label


def overview(context: AppContext) -> Overview:
    """Counts, latest articles, open contradictions and the most-cited claimants."""
    return queries.overview(context.connection())


def article_list(context: AppContext, filters: Filters) -> Page:
    """One page of the current articles, with their fact counts."""
    return queries.articles(context.connection(), filters)


def place_list(context: AppContext, filters: Filters) -> Page:
    """One page of the canonical places, most mentioned first."""
    return queries.places(context.connection(), filters)


def fact_list(context: AppContext, name: ListName, filters: Filters) -> Page:
    """One page of a store list (contradictions with their sides' hedges and contexts).

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given
            for a list whose rows have no hedge.
    """
    connection = context.connection()
    page = queries.page(connection, name, filters)
    if name == "contradictions":
        queries.with_sides(connection, page.items)
    return page


def series(context: AppContext, filters: Filters) -> list[Series]:
    """The series matching the filters that have points, their points of the hedge only."""
    found = []
    for entry in read_series(context.connection(), filters):
        points = [point for point in entry.points if _hedged(point, filters.hedge)]
        if points:
            found.append(replace(entry, points=points))
    return found


class ReferenceBody(TypedDict):
    """The reference series as the API gives it, and what it counts (the charts it is
    drawn on)."""

    label: str
    category: str | None
    side: str | None
    measure: str | None
    points: list[dict[str, str | float]]


class SeriesBody(TypedDict):
    """The series as the API gives them."""

    items: list[dict[str, object]]
    limit: int | None
    offset: int
    reference: ReferenceBody | None


def series_body(context: AppContext, filters: Filters) -> SeriesBody:
    """:func:`series` and the reference, as the API gives them (each series labelled).

    A series of many points is thinned (:func:`claimwire.store.buckets.thin`): each
    series says its ``period`` (null: every point) and ``points_total``; each point how
    many it stands for (``stands_for``) and the lowest and highest value they claimed.
    """
    items = []
    for thinned in thinned_series_of(context, filters):
        data = thinned.series.to_dict()
        data["label"] = series_label(thinned.series)
        data["period"] = thinned.period
        data["points_total"] = thinned.points
        for point, kept in zip(data["points"], thinned.kept, strict=True):  # type: ignore[call-overload]
            point.update(stands_for=kept.points, claimed_low=kept.low, claimed_high=kept.high)
        items.append(data)
    reference = context.reference
    return {
        "items": items,
        "limit": filters.limit,
        "offset": filters.offset,
        "reference": (
            {
                "label": reference.label,
                "category": reference.category,
                "side": reference.side,
                "measure": reference.measure,
                "points": [
                    {"date": day.isoformat(), "value": value} for day, value in reference.points
                ],
            }
            if reference
            else None
        ),
    }


def series_charts(context: AppContext, filters: Filters) -> Charts:
    """The charts of :func:`series` (one per measure, category, side and conflict), each
    series thinned to a point per period when it has many (see :func:`series_body`)."""
    thinned = [entry.series for entry in thinned_series_of(context, filters)]
    return chart_groups(thinned, context.reference)


def thinned_series_of(context: AppContext, filters: Filters) -> list[Thinned]:
    """:func:`series` thinned (:func:`claimwire.store.buckets.thin`); without a hedge
    filter a long series is read from its days (the same, without reading its points)."""
    if filters.hedge:
        return [thin(entry) for entry in series(context, filters)]
    return thinned_series(context.connection(), filters)


@dataclass(frozen=True)
class StoredArticle:
    """One stored article: its row (without the text) and its whole result."""

    row: Record
    result: Result


def stored_article(context: AppContext, document_id: str) -> StoredArticle:
    """One stored article and its result.

    Raises:
        ApiError: 404 when no article has this id.
    """
    connection = context.connection()
    row = queries.article(connection, document_id)
    if row is None:
        raise ApiError(404, "not_found", f"no article with id {document_id!r}")
    return StoredArticle(row=row, result=load_result(connection, document_id))


class Submitted(TypedDict):
    """What storing a submitted article did, and where it is."""

    id: str
    status: str
    url: str
    api_url: str
    counts: dict[str, int]


def submit(
    context: AppContext,
    content: str | bytes,
    metadata: ArticleMetadata,
    *,
    token: str | None = None,
    client: str | None = None,
) -> Submitted:
    """Extract one article and store it, within the server's submission limits.

    Raises:
        ApiError: 403 submission off, read-only or a remote client (see
            :class:`~claimwire.web.guard.WritePolicy`); 401 a missing or wrong token;
            413 an article over the size limit; 503 busy (``Retry-After``).
        ArticleError: The article is empty, has no text, or is too long.
        TimeBudgetExceeded: The article took longer than the submissions' time budget.
    """
    context.writes.authorize("submit", token=token, client=client)
    context.limits.check_size(content)
    with context.queue.turn():
        if context.extract is None:
            result = budgeted_extract(
                content,
                metadata,
                context.limits.time_budget,
                workers=context.limits.workers,
                memory_limit=context.limits.memory_limit,
            )
        else:
            result = context.extract(content, metadata)
    with context.extract_lock:
        outcome = write_result(context.connection(), result, source="web")
    document_id = outcome.document_id
    return {
        "id": document_id,
        "status": outcome.status,
        "url": f"/articles/{document_id}",
        "api_url": f"/api/articles/{document_id}",
        "counts": {
            "figures": len(result.figures),
            "claims": len(result.claims),
            "places": len(result.places),
            "dates": len(result.dates),
            "events": len(result.events),
        },
    }


def _hedged(point: Point, hedge: str | None) -> bool:
    return not hedge or point.hedge == hedge


def contradiction(context: AppContext, contradiction_id: str) -> Record:
    """One contradiction with its sides' details and latest review.

    Raises:
        ApiError: 404 when no contradiction has this id.
    """
    connection = context.connection()
    found = read_contradiction(connection, contradiction_id)
    if found is None:
        raise ApiError(404, "not_found", f"no contradiction with id {contradiction_id!r}")
    return with_details(connection, [found])[0]


def review(
    context: AppContext,
    contradiction_id: str,
    *,
    verdict: str,
    reason: str,
    token: str | None,
    client: str | None,
) -> Record:
    """Store an analyst's review of a contradiction (the one write besides submission).

    Reviews are off unless the server was started with a token; they are taken from this
    machine only unless it was started with ``--write-from-anywhere``; the token is
    compared in constant time (:meth:`~claimwire.web.guard.WritePolicy.authorize`).

    Raises:
        ApiError: 403 reviews off, read-only store or a remote client; 401 a missing or
            wrong token; 404 no such contradiction.
        InvalidOptionError: An unknown verdict, or no reason.
    """
    context.writes.authorize("review", token=token, client=client)
    with context.extract_lock:
        stored = review_contradiction(
            context.connection(), contradiction_id, verdict=verdict, reason=reason,
            reviewer=client,
        )  # fmt: skip
    if stored is None:
        raise ApiError(404, "not_found", f"no contradiction with id {contradiction_id!r}")
    return {
        "id": stored.id,
        "contradiction_id": stored.contradiction_id,
        "verdict": stored.verdict,
        "reason": stored.reason,
        "reviewed": stored.reviewed,
    }


def activity(context: AppContext, filters: Filters) -> Activity:
    """Events by type and fatalities per claimant over time (implausible dates left out),
    kept while the store and the day do not change (every write adds a document)."""
    connection = context.connection()
    version = connection.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
    key = (
        replace(filters, limit=None, offset=0, descending=False, after=None),
        version,
        date.today(),
    )
    found = _ACTIVITY.get(key)
    if found is None:
        found = read_activity(connection, filters)
        with _ACTIVITY_LOCK:
            if len(_ACTIVITY) >= 256:
                _ACTIVITY.clear()
            _ACTIVITY[key] = found
    return found


_ACTIVITY: dict[tuple[Filters, int, date], Activity] = {}
_ACTIVITY_LOCK = threading.Lock()
