"""Query-string parameters shared by the API and the pages (one parser for both).

Empty values (a blank field of a page's filter form) mean "not given".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Query

from ..store.queries import Filters
from ..vocab import Hedge, values
from .errors import ApiError

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
HEDGES = values(Hedge)
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"

Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD, inclusive.")]
HedgeValue = Annotated[
    str | None,
    Query(pattern=rf"^({'|'.join(HEDGES)})?$", description="How sure the claimant sounds."),
]


@dataclass(frozen=True)
class ListParams:
    """Filters, order and page of a list request."""

    filters: Filters
    sort: str
    open_only: bool

    @property
    def hedge(self) -> str | None:
        """The hedge filter."""
        return self.filters.hedge

    @property
    def descending(self) -> bool:
        """Newest first."""
        return self.filters.descending

    def query_string(self, **changes: object) -> str:
        """This request's parameters (with changes) as a query string, empty ones left out."""
        values: dict[str, object] = {
            "since": self.filters.since,
            "until": self.filters.until,
            "country": self.filters.country,
            "claimant": self.filters.claimant,
            "measure": self.filters.measure,
            "category": self.filters.category,
            "type": self.filters.type,
            "outlet": self.filters.outlet,
            "hedge": self.hedge,
            "cluster": self.filters.cluster,
            "all_topics": "true" if self.filters.include_offtopic else None,
            "open": "true" if self.open_only else None,
            "sort": self.sort if self.sort != "-date" else None,
            "limit": self.filters.limit if self.filters.limit != DEFAULT_LIMIT else None,
            "offset": self.filters.offset or None,
        }
        values.update(changes)
        return urlencode({key: value for key, value in values.items() if value not in (None, "")})

    def with_page(self, limit: int, offset: int = 0) -> ListParams:
        """The same filters, another page."""
        return replace(self, filters=replace(self.filters, limit=limit, offset=offset))


def _day(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, "validation_error", f"{name}: {value!r} is not a date (YYYY-MM-DD)"
        ) from None


def list_params(
    since: Day = None,
    until: Day = None,
    country: Text = None,
    claimant: Text = None,
    measure: Text = None,
    category: Text = None,
    type: Text = None,
    outlet: Text = None,
    hedge: HedgeValue = None,
    cluster: Annotated[
        str | None, Query(max_length=200, description="Events: the reports of this event.")
    ] = None,
    open: Annotated[bool, Query(description="Contradictions: only those not settled.")] = False,
    all_topics: Annotated[
        bool, Query(description="Include articles the relevance model found off-topic.")
    ] = False,
    sort: Annotated[Literal["date", "-date"], Query(description="-date: newest first.")] = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> ListParams:
    """Parse the filters, order and page of a list request (a FastAPI dependency)."""
    first, last = _day("since", since), _day("until", until)
    if first and last and first > last:
        raise ApiError(422, "validation_error", f"since ({first}) is after until ({last})")
    filters = Filters(
        since=first,
        until=last,
        country=country or None,
        claimant=claimant or None,
        measure=measure or None,
        category=category or None,
        type=type or None,
        outlet=outlet or None,
        open_only=open,
        include_offtopic=all_topics,
        hedge=hedge or None,
        cluster=cluster or None,
        descending=sort == "-date",
        limit=limit,
        offset=offset,
    )
    return ListParams(filters=filters, sort=sort, open_only=open)
