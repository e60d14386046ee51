"""Query-string parameters shared by the API and the pages (one parser for both).

Empty values (a blank field of a page's filter form) mean "not given". :func:`parse_query`
reads a list's parameters leniently: an unknown parameter, one the list does not answer
or a bad value becomes a :class:`Problem` and is left out, the others still apply. Pages
show the problems inline; the API and the exports refuse them (422, every problem named).
"""

from __future__ import annotations

import datetime as dt
import difflib
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Query, Request

from ..errors import InvalidOptionError
from ..store import facets
from ..store.box import Box
from ..store.filters import Cursor
from ..store.keywords import fts_query
from ..store.queries import ARTICLE_FIELDS, LISTS, Filters, country_code
from ..vocab import Category, EventSubtype, EventType, Hedge, Measure, values
from .errors import ApiError

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_TEXT = 200
MAX_OFFSET = 10_000
"""Deepest page by ``offset`` (every row before it is read and skipped); deeper pages are
reached by cursor (``after``, the ``next`` link of a page past it)."""
HEDGES = values(Hedge)
EVENT_TYPES = values(EventType)
EVENT_SUBTYPES = values(EventSubtype)
MEASURES = values(Measure)
CATEGORIES = values(Category)
CONTRADICTION_KINDS = ("figures", "statements")
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Day = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD, inclusive.")]
HedgeValue = Annotated[
    str | None,
    Query(pattern=rf"^({'|'.join(HEDGES)})?$", description="How sure the claimant sounds."),
]

FLAGS = {
    "all_topics": "include_offtopic",
    "with_copies": "include_duplicates",
    "all_versions": "include_superseded",
}
"""Yes / no parameters -> the :class:`Filters` field they set."""
TEXTS = (
    "country",
    "place",
    "admin1",
    "claimant",
    "actor",
    "side",
    "type",
    "subtype",
    "measure",
    "category",
    "hedge",
    "outlet",
    "keyword",
    "cluster",
)
"""Text parameters, named as the :class:`Filters` field they set."""
PAGING = ("sort", "limit", "offset", "after")
"""The parameters of order and page (every list takes them; articles no ``after``)."""
PARAMETERS = ("since", "until", *TEXTS, "bbox", *FLAGS, "open", *PAGING)
"""Every parameter of a list, in the order a query string gives them."""

PageName = Literal["articles", "figures", "claims", "events", "clusters", "contradictions"]
"""The lists :func:`parse_query` reads the parameters of."""


def accepted_parameters(name: PageName) -> tuple[str, ...]:
    """The parameters a list answers (in :data:`PARAMETERS` order)."""
    fields = ARTICLE_FIELDS if name == "articles" else LISTS[name].fields
    field_of = {**FLAGS, "open": "open_only"}
    return tuple(
        parameter
        for parameter in PARAMETERS
        if (parameter in PAGING and (parameter, name) != ("after", "articles"))
        or field_of.get(parameter, parameter) in fields
    )


@dataclass(frozen=True)
class Problem:
    """A parameter left out of a request, and why."""

    parameter: str
    value: str
    message: str
    code: str = "validation_error"

    def detail(self) -> dict[str, str]:
        """The problem as an entry of the API error's ``details``."""
        return {"location": f"query.{self.parameter}", "message": self.message}


@dataclass(frozen=True)
class ListParams:
    """Filters, order and page of a list request."""

    filters: Filters
    sort: str
    open_only: bool
    problems: tuple[Problem, ...] = field(default=())
    """What the request asked that was left out (pages show it)."""

    @property
    def hedge(self) -> str | None:
        """The hedge filter."""
        return self.filters.hedge

    @property
    def descending(self) -> bool:
        """Newest first."""
        return self.filters.descending

    def values(self) -> dict[str, object]:
        """The parameters of this request (defaults left out), in :data:`PARAMETERS` order."""
        found: dict[str, object] = {
            "since": self.filters.since,
            "until": self.filters.until,
            **{name: getattr(self.filters, name) for name in TEXTS},
            "bbox": self.filters.bbox.text() if self.filters.bbox else None,
            **{name: "true" if getattr(self.filters, f) else None for name, f in FLAGS.items()},
            "open": "true" if self.open_only else None,
            "sort": self.sort if self.sort != "-date" else None,
            "limit": self.filters.limit if self.filters.limit != DEFAULT_LIMIT else None,
            "offset": self.filters.offset or None,
            "after": self.filters.after.text() if self.filters.after else None,
        }
        return found

    def query_string(self, **changes: object) -> str:
        """This request's parameters (with changes) as a query string, empty ones left out."""
        found = self.values()
        found.update(changes)
        return urlencode({key: value for key, value in found.items() if value not in (None, "")})

    def filter_string(self, **changes: object) -> str:
        """:meth:`query_string` without order and page: the filter alone (exports)."""
        return self.query_string(sort=None, limit=None, offset=None, after=None, **changes)

    def with_page(self, limit: int, offset: int = 0) -> ListParams:
        """The same filters, another page."""
        return replace(self, filters=replace(self.filters, limit=limit, offset=offset, after=None))

    def next_page(self, next_after: str | None, more: bool, **changes: object) -> str | None:
        """The query string of the next page (``more``: there is one): by offset while it
        is at most :data:`MAX_OFFSET`, else by cursor (``next_after``, the last row's)."""
        if not more:
            return None
        limit = self.filters.limit or DEFAULT_LIMIT
        following = self.filters.offset + limit
        if self.filters.after is None and following <= MAX_OFFSET:
            return self.query_string(offset=following, **changes)
        if next_after is None:
            return None
        return self.query_string(offset=None, after=next_after, **changes)

    def strict(self) -> ListParams:
        """These parameters, if nothing was left out.

        Raises:
            ApiError: 422 naming every problem (``invalid_option`` when the first is an
                unknown value of the store, else ``validation_error``).
        """
        if not self.problems:
            return self
        raise ApiError(
            422,
            self.problems[0].code,
            "; ".join(f"{problem.parameter}: {problem.message}" for problem in self.problems),
            details=[problem.detail() for problem in self.problems],
        )


class _Reader:
    """Reads one request's parameters, noting each problem and leaving its value out."""

    def __init__(self, query: Mapping[str, str], connection: sqlite3.Connection | None) -> None:
        self.query = query
        self.connection = connection
        self.problems: list[Problem] = []

    def problem(self, parameter: str, message: str, code: str = "validation_error") -> None:
        self.problems.append(Problem(parameter, self.query.get(parameter, ""), message, code))

    def text(self, name: str) -> str | None:
        value = (self.query.get(name) or "").strip()
        if not value:
            return None
        if len(value) > MAX_TEXT:
            self.problem(name, f"longer than {MAX_TEXT} characters")
            return None
        return value

    def day(self, name: str) -> dt.date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else _not_a_date()
        except ValueError:
            self.problem(name, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def number(self, name: str, default: int, low: int, high: int) -> int:
        value = self.text(name)
        if value is None:
            return default
        if not value.isdigit() or not low <= int(value) <= high:
            deeper = (
                " (deeper pages: follow the next links, which page by cursor)"
                if name == "offset" and value.isdigit()
                else ""
            )
            self.problem(name, f"{value!r} is not a whole number from {low} to {high:,}{deeper}")
            return default
        return int(value)

    def cursor(self, name: str, instead: str) -> Cursor | None:
        value = self.text(name)
        if value is None:
            return None
        if self.text(instead):
            self.problem(name, f"give {name} or {instead}, not both ({name} left out)")
            return None
        try:
            return Cursor.parse(value)
        except InvalidOptionError as error:
            self.problem(name, error.message)
            return None

    def box(self, name: str) -> Box | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return Box.parse(value)
        except InvalidOptionError as error:
            self.problem(name, error.message.removeprefix(f"{name}: "))
            return None

    def flag(self, name: str) -> bool:
        value = (self.text(name) or "false").lower()
        if value not in ("true", "false", "1", "0", "on", "off", "yes", "no"):
            self.problem(name, f"{value!r} is not true or false")
            return False
        return value in ("true", "1", "on", "yes")

    def choice(
        self, name: str, value: str | None, choices: tuple[str, ...], what: str
    ) -> str | None:
        if value is None or value in choices:
            return value
        folded = {choice.casefold(): choice for choice in choices}
        if value.casefold() in folded:
            return folded[value.casefold()]
        self.problem(name, _unknown(what, value, choices), _store_code(what))
        return None


_STORE_VALUES = frozenset({"side", "region"})


def _store_code(what: str) -> str:
    return "invalid_option" if what in _STORE_VALUES else "validation_error"


def _not_a_date() -> dt.date:
    raise ValueError("not YYYY-MM-DD")


def _unknown(what: str, value: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if not choices:
        return f"no {what} {value!r}: this store names none{hint}"
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"unknown {what} {value!r}{hint} (known: {shown})"


def parse_query(
    query: Mapping[str, str],
    name: PageName,
    *,
    connection: sqlite3.Connection | None = None,
    check_unknown: bool = True,
) -> ListParams:
    """The filters, order and page of a list request; what is wrong is left out and noted.

    Args:
        query: The query parameters (the last value of a repeated one).
        name: The list: its parameters are the only ones taken.
        connection: The store, to check sides, regions and places (unchecked without it).
        check_unknown: Note the parameters that are not the list's (the API's strict
            dependency of other pages leaves them alone).
    """
    reader = _Reader(query, connection)
    accepted = accepted_parameters(name)
    if check_unknown:
        for parameter in query:
            if parameter not in accepted:
                reader.problem(parameter, _not_taken(parameter, name, accepted))
    texts = {key: reader.text(key) if key in accepted else None for key in TEXTS}
    first = reader.day("since") if "since" in accepted else None
    last = reader.day("until") if "until" in accepted else None
    if first and last and first > last:
        reader.problem("since", f"{first} is after until ({last}): the date range is left out")
        first = last = None
    _check_values(reader, texts, name)
    sort = reader.text("sort") or "-date"
    if sort not in ("-date", "date"):
        reader.problem("sort", f"{sort!r} is not date (oldest first) or -date (newest first)")
        sort = "-date"
    open_only = reader.flag("open") if "open" in accepted else False
    flags = {
        field_name: reader.flag(p) if p in accepted else False for p, field_name in FLAGS.items()
    }
    chosen: dict[str, Any] = {**texts, **flags}
    filters = Filters(
        since=first,
        until=last,
        bbox=reader.box("bbox") if "bbox" in accepted else None,
        **chosen,
        open_only=open_only,
        descending=sort == "-date",
        limit=reader.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=reader.number("offset", 0, 0, MAX_OFFSET),
        after=reader.cursor("after", "offset") if "after" in accepted else None,
    )
    return ListParams(
        filters=filters, sort=sort, open_only=open_only, problems=tuple(reader.problems)
    )


def _not_taken(parameter: str, name: PageName, accepted: tuple[str, ...]) -> str:
    if parameter in PARAMETERS:
        return f"{parameter} does not filter {name} (left out)"
    close = difflib.get_close_matches(parameter, accepted, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown parameter {parameter!r}{hint} (left out; {name} take: {', '.join(accepted)})"


def _check_values(reader: _Reader, texts: dict[str, str | None], name: PageName) -> None:
    """Check the text filters against their vocabularies and the store (in place)."""
    types = CONTRADICTION_KINDS if name == "contradictions" else EVENT_TYPES + EVENT_SUBTYPES
    texts["type"] = reader.choice("type", texts["type"], types, "type")
    texts["subtype"] = reader.choice("subtype", texts["subtype"], EVENT_SUBTYPES, "sub-type")
    texts["measure"] = reader.choice("measure", texts["measure"], MEASURES, "measure")
    texts["category"] = reader.choice("category", texts["category"], CATEGORIES, "category")
    texts["hedge"] = reader.choice("hedge", texts["hedge"], HEDGES, "hedge")
    checks: dict[str, Callable[[str], str]] = {"country": country_code, "keyword": fts_query}
    for key, check in checks.items():
        value = texts[key]
        if value is not None:
            try:
                check(value)
            except InvalidOptionError as error:
                reader.problem(key, error.message, "invalid_option")
                texts[key] = None
    connection = reader.connection
    if connection is None:
        return
    if texts["side"] is not None:
        texts["side"] = reader.choice(
            "side", texts["side"], tuple(facets.sides(connection)), "side"
        )
    if texts["admin1"] is not None:
        regions = tuple(facets.regions(connection))
        named = facets.region_name(connection, texts["admin1"])
        texts["admin1"] = reader.choice("admin1", named, regions, "region")
    place = texts["place"]
    if place is not None and not facets.knows_place(connection, place):
        close = difflib.get_close_matches(place, facets.places(connection), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        reader.problem("place", f"no place {place!r} in this store{hint}", "invalid_option")
        texts["place"] = None


def page_query(name: PageName) -> Callable[[Request], ListParams]:
    """A FastAPI dependency: the lenient parameters of list ``name`` (problems noted)."""

    def dependency(request: Request) -> ListParams:
        from .context import context_of

        connection = context_of(request).connection()
        return parse_query(dict(request.query_params), name, connection=connection)

    return dependency


def api_query(name: PageName) -> Callable[[Request], ListParams]:
    """A FastAPI dependency: the strict parameters of list ``name`` (a problem is a 422)."""
    lenient = page_query(name)

    def dependency(request: Request) -> ListParams:
        return lenient(request).strict()

    return dependency


DESCRIPTIONS = {
    "since": "From this day (YYYY-MM-DD, inclusive).",
    "until": "Up to this day (YYYY-MM-DD, inclusive).",
    "country": "ISO code (UA) or name (Ukraine).",
    "place": "A place, by any spelling the articles wrote it with.",
    "admin1": "A first-level region (oblast, governorate) by its gazetteer name.",
    "claimant": "Any spelling of the claimant, or part of one.",
    "actor": "Part of the name of an event's actor or target.",
    "side": "A side the store names (whose losses, whose actors, the claimant's).",
    "type": "Event type or sub-type (contradictions: figures or statements).",
    "subtype": "Event sub-type.",
    "measure": "killed, injured, destroyed, ...",
    "category": "civilians, soldiers, tanks, ...",
    "hedge": "How sure the claimant sounds.",
    "outlet": "Part of the outlet's name.",
    "keyword": 'Words of the article text or evidence ("a phrase", prefix*), SQLite FTS5.',
    "cluster": "An event's id (see /events/{id}): its reports only.",
    "bbox": "west,south,east,north in degrees: events and figures placed inside the box.",
    "all_topics": "true: include articles the relevance model found off-topic.",
    "with_copies": "true: include wire copies.",
    "all_versions": "true: include superseded versions.",
    "open": "true: contradictions not settled only.",
    "sort": "-date (newest first, the default) or date.",
    "limit": f"Rows per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
    "offset": f"Rows to skip (at most {MAX_OFFSET:,}; deeper pages by after).",
    "after": "The rows after this cursor (date~id: a page's next link gives it).",
}
"""What each parameter does (the OpenAPI document)."""


def openapi_parameters(name: PageName) -> dict[str, object]:
    """The OpenAPI ``parameters`` of list ``name`` (its dependency reads the request)."""
    return {
        "parameters": [
            {
                "name": parameter,
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
                "description": DESCRIPTIONS[parameter],
            }
            for parameter in accepted_parameters(name)
        ]
    }


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
    offset: Annotated[int, Query(ge=0)] = 0,
    after: Annotated[
        str | None, Query(max_length=MAX_TEXT, description=DESCRIPTIONS["after"])
    ] = None,
) -> ListParams:
    """Parse the filters, order and page of a list request (a FastAPI dependency).

    The strict parser of the pages and endpoints that do not use :func:`page_query`
    (map, series, contradictions, places): a bad value is a 422.
    """
    first, last = _day("since", since), _day("until", until)
    if first and last and first > last:
        raise ApiError(422, "validation_error", f"since ({first}) is after until ({last})")
    if offset > MAX_OFFSET:
        raise ApiError(
            422,
            "validation_error",
            f"offset {offset} is over {MAX_OFFSET:,}: follow the next links (they page by "
            "cursor, after=)",
        )
    if after and offset:
        raise ApiError(422, "validation_error", "give after or offset, not both")
    try:
        cursor = Cursor.parse(after) if after else None
    except InvalidOptionError as error:
        raise ApiError(422, "validation_error", error.message) from None
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
        after=cursor,
    )
    return ListParams(filters=filters, sort=sort, open_only=open)


def _day(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, "validation_error", f"{name}: {value!r} is not a date (YYYY-MM-DD)"
        ) from None
