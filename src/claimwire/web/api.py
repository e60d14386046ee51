"""The REST API under ``/api``: the JSON twins of the pages.

Lists answer ``{"items", "total", "limit", "offset", "next", "previous"}``; ``next`` and
``previous`` are URLs of the neighbouring pages (None at the ends).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..nlp.limits import DEFAULT_MAX_CHARS
from ..version import __version__
from . import mapdata, service
from .context import ArticleMetadata, Context
from .errors import ApiError
from .guard import bearer_token
from .params import ListParams, api_query, list_params, openapi_parameters
from .queries import ListName, Page


class ErrorDetail(BaseModel):
    """What went wrong."""

    code: str = Field(description="Stable code: not_found, validation_error, body_too_large...")
    message: str
    status: int


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (404, "Unknown id"),
        (413, "Body too large"),
        (422, "Invalid parameters"),
    )
}

router = APIRouter(prefix="/api", responses=ERRORS)
Params = Annotated[ListParams, Depends(list_params)]
DocumentId = Annotated[str, Path(min_length=1, max_length=200)]


class ListBody(BaseModel):
    """One page of a list."""

    items: list[dict[str, object]]
    total: int = Field(description="Rows matching the filters (at most 10,000: see total_capped).")
    total_capped: bool = Field(
        description="More than 10,000 rows match: total is 10,000 and the rows go on (follow next)."
    )
    keyword_capped: bool = Field(
        description="The keyword matches more than 10,000 rows of this list's kind: only "
        "the newest 10,000 of them were searched (add words or filters to narrow it)."
    )
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null.")
    previous: str | None = Field(description="URL of the previous page, or null.")


LIST: dict[int | str, dict[str, Any]] = {
    200: {"model": ListBody, "description": "One page of the list"}
}


class Submission(BaseModel):
    """An article to extract and store."""

    text: str = Field(min_length=1, max_length=DEFAULT_MAX_CHARS, description="Text or HTML.")
    published: dt.date | None = Field(default=None, description="Publication date.")
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)


def listing(
    request: Request,
    page: Page,
    params: ListParams,
    *,
    extra: Mapping[str, object] | None = None,
    query: Mapping[str, object] | None = None,
) -> JSONResponse:
    """A page of a list as the API answers it (rows are plain JSON values already);
    ``extra``: more keys of the body, ``query``: more parameters of the page links."""
    limit = params.filters.limit or len(page.items)
    offset = params.filters.offset
    base = str(request.url.path)
    following = offset + limit
    kept = query or {}
    if params.filters.after is None:
        more = following < page.total or _more(page, limit)
    else:
        more = len(page.items) == limit
    following_query = params.next_page(page.next_after, more, **kept)
    previous = max(0, offset - limit) or None
    previous_url = f"{base}?{params.query_string(offset=previous, **kept)}"
    body = {
        "items": page.items,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "keyword_capped": page.keyword_capped,
        "total_capped": page.total_capped,
        "next": f"{base}?{following_query}" if following_query is not None else None,
        "previous": previous_url if offset > 0 else None,
        "after": params.filters.after.text() if params.filters.after else None,
        **(extra or {}),
    }
    return JSONResponse(body)


def _more(page: Page, limit: int) -> bool:
    """A capped count: a full page may have more after it."""
    return page.total_capped and len(page.items) == limit


def fact_listing(
    request: Request, context: Context, name: ListName, params: ListParams
) -> JSONResponse:
    """A page of a store list as the API answers it."""
    return listing(request, service.fact_list(context, name, params.filters), params)


@router.get("/health", summary="Liveness: the server answers and its store can be read")
def get_health(context: Context) -> dict[str, object]:
    """``{"status": "ok", "version": ..., "read_only": ...}``; a store error answers 500."""
    context.connection().execute("SELECT 1 FROM documents LIMIT 1").fetchall()
    return {"status": "ok", "version": __version__, "read_only": context.read_only}


@router.get("/overview", summary="Counts, latest articles, open contradictions, top claimants")
def get_overview(context: Context) -> dict[str, object]:
    """Twin of the page ``/``."""
    return dict(service.overview(context))


ArticleParams = Annotated[ListParams, Depends(api_query("articles"))]
FigureParams = Annotated[ListParams, Depends(api_query("figures"))]
ClaimParams = Annotated[ListParams, Depends(api_query("claims"))]
EventParams = Annotated[ListParams, Depends(api_query("events"))]


@router.get(
    "/articles",
    responses=LIST,
    summary="Stored articles, newest first",
    openapi_extra=openapi_parameters("articles"),
)
def get_articles(request: Request, context: Context, params: ArticleParams) -> JSONResponse:
    """Twin of ``/articles``. Dates filter on the publication date."""
    return listing(request, service.article_list(context, params.filters), params)


@router.get("/articles/{document_id}", summary="One article with its full result")
def get_article(context: Context, document_id: DocumentId) -> dict[str, object]:
    """Twin of ``/articles/{id}``."""
    found = service.stored_article(context, document_id)
    return {"article": found.row, "result": found.result.model_dump(mode="json")}


@router.post(
    "/articles",
    status_code=201,
    summary="Extract and store an article (off unless serve --allow-submit)",
    responses={
        401: {"model": ErrorBody, "description": "Missing or wrong token"},
        403: {"model": ErrorBody, "description": "Submission off, read-only, or not loopback"},
        413: {"model": ErrorBody, "description": "Body or article too large"},
        503: {"model": ErrorBody, "description": "Busy: too many submissions (Retry-After)"},
    },
)
def post_article(
    request: Request,
    context: Context,
    submission: Submission,
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> JSONResponse:
    """Twin of ``/submit``: extract the article, store it, answer where it is. Off unless
    ``claimwire serve --allow-submit``; needs the server's token when it has one; taken
    from the loopback interface only unless ``--write-from-anywhere``."""
    metadata = ArticleMetadata(
        published=submission.published,
        outlet=submission.outlet,
        title=submission.title,
        url=submission.url,
    )
    answer = service.submit(
        context,
        submission.text,
        metadata,
        token=bearer_token(authorization),
        client=request.client.host if request.client else None,
    )
    return JSONResponse(answer, status_code=201, headers={"Location": answer["api_url"]})


@router.get(
    "/figures",
    responses=LIST,
    summary="Figures (claimed numbers)",
    openapi_extra=openapi_parameters("figures"),
)
def get_figures(request: Request, context: Context, params: FigureParams) -> JSONResponse:
    """Twin of ``/figures``."""
    return fact_listing(request, context, "figures", params)


@router.get(
    "/claims",
    responses=LIST,
    summary="Claims (who said what)",
    openapi_extra=openapi_parameters("claims"),
)
def get_claims(request: Request, context: Context, params: ClaimParams) -> JSONResponse:
    """Twin of ``/claims``."""
    return fact_listing(request, context, "claims", params)


@router.get(
    "/events",
    responses=LIST,
    summary="Event reports (the timeline)",
    openapi_extra=openapi_parameters("events"),
)
def get_events(request: Request, context: Context, params: EventParams) -> JSONResponse:
    """Twin of ``/events``; ``type`` is an event type or sub-type."""
    return fact_listing(request, context, "events", params)


@router.get(
    "/clusters", responses=LIST, summary="Events (clusters of reports) with coordinates (the map)"
)
def get_clusters(
    request: Request, context: Context, params: Params, bbox: mapdata.BoxText = None
) -> JSONResponse:
    """Twin of ``/map``: events newest first, each with its place's precision (point,
    region, country) and the low, best (median) and high death toll of its reports.

    With ``bbox`` (west,south,east,north), only events with coordinates inside. Besides
    the page: ``unplaced`` (matching events without coordinates) and ``first``/``last``
    (dates of the oldest and newest matching event whatever ``since``/``until``).
    """
    if params.filters.after is not None:
        raise ApiError(422, "validation_error", "the map's events page by offset, not after")
    box = mapdata.parse_box(bbox)
    view = mapdata.events_in_view(context.connection(), params.filters, box)
    extent = view.extent
    extra = {"unplaced": extent.unplaced, "first": extent.first, "last": extent.last}
    page = Page(items=view.items, total=view.total)
    kept = {"bbox": box.text() if box else None}
    return listing(request, page, params, extra=extra, query=kept)


@router.get("/events/{cluster_id}", summary="One event: its reports, claims, figures")
def get_event(context: Context, cluster_id: DocumentId) -> dict[str, object]:
    """Twin of ``/events/{cluster_id}``: the event (a cluster of reports), its reports side
    by side, the claims and figures they rest on, and their contradictions."""
    return mapdata.event(context.connection(), cluster_id).to_dict()


@router.get("/towns", summary="Populated places in a box (the map's offline base layer)")
def get_towns(bbox: mapdata.BoxText = None, zoom: mapdata.Zoom = 4) -> dict[str, object]:
    """The largest towns in ``bbox`` big enough to draw at ``zoom`` (GeoNames, CC BY 4.0)."""
    box = mapdata.parse_box(bbox) or mapdata.WORLD
    return {"items": [town.__dict__ for town in mapdata.towns(box, zoom)]}


@router.get("/contradictions", responses=LIST, summary="Contradicting figures and statements")
def get_contradictions(request: Request, context: Context, params: Params) -> JSONResponse:
    """Twin of ``/contradictions``; ``type`` is figures or statements, ``open`` unsettled only."""
    return fact_listing(request, context, "contradictions", params)


@router.get("/contradictions/{contradiction_id}", summary="One contradiction and its review")
def get_contradiction(context: Context, contradiction_id: DocumentId) -> dict[str, object]:
    """Twin of ``/contradictions/{id}``: both sides (side, bounded value, hedge, outlet,
    context), whether the current rules still make it one (``holds``), the latest review."""
    return dict(service.contradiction(context, contradiction_id))


class Review(BaseModel):
    """An analyst's verdict on a contradiction."""

    verdict: Literal["confirmed", "dismissed"] = Field(
        description="confirmed: the sides do contradict; dismissed: they do not."
    )
    reason: str = Field(min_length=1, max_length=2000, description="Why, in a sentence.")


@router.post(
    "/contradictions/{contradiction_id}/review",
    status_code=201,
    summary="Confirm or dismiss a contradiction (needs the server's token)",
    responses={
        401: {"model": ErrorBody, "description": "Missing or wrong token"},
        403: {"model": ErrorBody, "description": "Reviews off, read-only, or not loopback"},
    },
)
def post_review(
    request: Request,
    context: Context,
    contradiction_id: DocumentId,
    review: Review,
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> JSONResponse:
    """Store a review. Off unless ``claimwire serve`` was started with ``--token``; taken
    from the loopback interface only unless ``--write-from-anywhere``."""
    stored = service.review(
        context,
        contradiction_id,
        verdict=review.verdict,
        reason=review.reason,
        token=bearer_token(authorization),
        client=request.client.host if request.client else None,
    )
    return JSONResponse(stored, status_code=201)


@router.get("/timeline", responses=LIST, summary="Event reports with plausible dates")
def get_timeline(request: Request, context: Context, params: Params) -> JSONResponse:
    """Twin of ``/events`` (the timeline): the event reports, without those dated after
    their article's publication or in the future."""
    return fact_listing(request, context, "timeline", params)


@router.get("/activity", summary="Events by type and fatalities per claimant over time")
def get_activity(context: Context, params: Params) -> dict[str, object]:
    """The data of the overview's and the timeline's charts, for the filters."""
    found = service.activity(context, params.filters)
    return {
        "period": found.period,
        "periods": [day.isoformat() for day in found.periods],
        "events": found.events,
        "fatalities": found.fatalities,
        "other_claimants": found.other_claimants,
        "excluded": found.excluded,
        "excluded_examples": found.excluded_examples,
        "uncharted": found.uncharted,
    }


@router.get("/series", summary="Claimed figures per claimant over time")
def get_series(context: Context, params: Params) -> dict[str, object]:
    """Twin of ``/series``; pages over series, not points."""
    return dict(service.series_body(context, params.filters))


@router.get("/places", responses=LIST, summary="Places named by the articles, most mentioned first")
def get_places(request: Request, context: Context, params: Params) -> JSONResponse:
    """Canonical places with coordinates; ``country`` filters."""
    return listing(request, service.place_list(context, params.filters), params)
