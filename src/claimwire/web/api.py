"""The REST API under ``/api``: the JSON twins of the pages.

Lists answer ``{"items", "total", "limit", "offset", "next", "previous"}``; ``next`` and
``previous`` are URLs of the neighbouring pages (None at the ends).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..nlp.limits import DEFAULT_MAX_CHARS
from ..store.series import read_series
from ..store.write import load_result
from . import queries
from .errors import ApiError
from .params import ListParams, list_params
from .svg import series_label


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

router = APIRouter(prefix="/api", responses=ERRORS)  # type: ignore[arg-type]
Params = Annotated[ListParams, Depends(list_params)]
DocumentId = Annotated[str, Path(min_length=1, max_length=200)]


class ListBody(BaseModel):
    """One page of a list."""

    items: list[dict[str, Any]]
    total: int = Field(description="Rows matching the filters.")
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


def listing(request: Request, page: queries.Page, params: ListParams) -> JSONResponse:
    """A page of a list as the API answers it (rows are plain JSON values already)."""
    limit = params.filters.limit or len(page.items)
    offset = params.filters.offset
    base = str(request.url.path)
    following = offset + limit
    following_url = f"{base}?{params.query_string(offset=following)}"
    previous_url = f"{base}?{params.query_string(offset=max(0, offset - limit) or None)}"
    body = {
        "items": page.items,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "next": following_url if following < page.total else None,
        "previous": previous_url if offset > 0 else None,
    }
    return JSONResponse(body)


def store_list(request: Request, name: str, params: ListParams) -> queries.Page:
    """One page of a store list for this request (contradictions with their sides' hedges)."""
    connection = request.app.state.store.connection()
    page = queries.page(connection, name, params.filters)
    if name == "contradictions":
        queries.with_sides(connection, page.items)
    return page


def series_data(request: Request, params: ListParams) -> dict[str, Any]:
    """The series matching the filters (points filtered by hedge too) and the reference."""
    found = read_series(request.app.state.store.connection(), params.filters)
    items = []
    for entry in found:
        data = entry.to_dict()
        if params.hedge:
            data["points"] = [
                point
                for point in data["points"]  # type: ignore[attr-defined]
                if point["hedge"] == params.hedge
            ]
        if data["points"]:
            data["label"] = series_label(entry)
            items.append(data)
    reference = request.app.state.reference
    return {
        "items": items,
        "limit": params.filters.limit,
        "offset": params.filters.offset,
        "reference": (
            {
                "label": request.app.state.reference_label,
                "points": [{"date": day.isoformat(), "value": value} for day, value in reference],
            }
            if reference
            else None
        ),
    }


def article_data(request: Request, document_id: str) -> dict[str, Any]:
    """One stored article and its whole result.

    Raises:
        ApiError: 404 when no article has this id.
    """
    connection = request.app.state.store.connection()
    row = queries.article(connection, document_id)
    if row is None:
        raise ApiError(404, "not_found", f"no article with id {document_id!r}")
    result = load_result(connection, document_id)
    return {"article": row, "result": result.model_dump(mode="json")}


def submit_article(request: Request, content: str | bytes, **metadata: Any) -> dict[str, Any]:
    """Extract one article and store it; what the write did.

    Raises:
        ApiError: 403 in read-only mode.
        ArticleError: The article is empty, has no text, or is too long.
    """
    from ..nlp.extract import extract
    from ..store.write import write_result

    state = request.app.state
    if state.read_only:
        raise ApiError(403, "read_only", "this server is read-only: submission is disabled")
    with state.extract_lock:
        result = extract(content, **metadata)
        outcome = write_result(state.store.connection(), result, source="web")
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


@router.get("/overview", summary="Counts, latest articles, open contradictions, top claimants")
def get_overview(request: Request) -> dict[str, Any]:
    """Twin of the page ``/``."""
    return queries.overview(request.app.state.store.connection())


@router.get("/articles", responses=LIST, summary="Stored articles, newest first")
def get_articles(request: Request, params: Params) -> JSONResponse:
    """Twin of ``/articles``. Dates filter on the publication date."""
    page = queries.articles(request.app.state.store.connection(), params.filters)
    return listing(request, page, params)


@router.get("/articles/{document_id}", summary="One article with its full result")
def get_article(request: Request, document_id: DocumentId) -> dict[str, Any]:
    """Twin of ``/articles/{id}``."""
    return article_data(request, document_id)


@router.post(
    "/articles",
    status_code=201,
    summary="Extract and store an article",
    responses={403: {"model": ErrorBody, "description": "Read-only server"}},
)
def post_article(request: Request, submission: Submission) -> JSONResponse:
    """Twin of ``/submit``: extract the article, store it, answer where it is."""
    answer = submit_article(
        request,
        submission.text,
        published=submission.published,
        outlet=submission.outlet,
        title=submission.title,
        url=submission.url,
    )
    return JSONResponse(answer, status_code=201, headers={"Location": answer["api_url"]})


@router.get("/figures", responses=LIST, summary="Figures (claimed numbers)")
def get_figures(request: Request, params: Params) -> JSONResponse:
    """Twin of ``/figures``."""
    return listing(request, store_list(request, "figures", params), params)


@router.get("/claims", responses=LIST, summary="Claims (who said what)")
def get_claims(request: Request, params: Params) -> JSONResponse:
    """Twin of ``/claims``."""
    return listing(request, store_list(request, "claims", params), params)


@router.get("/events", responses=LIST, summary="Event reports (the timeline)")
def get_events(request: Request, params: Params) -> JSONResponse:
    """Twin of ``/events``; ``type`` is an event type or sub-type."""
    return listing(request, store_list(request, "events", params), params)


@router.get(
    "/clusters", responses=LIST, summary="Events (clusters of reports) with coordinates (the map)"
)
def get_clusters(request: Request, params: Params) -> JSONResponse:
    """Twin of ``/map``."""
    return listing(request, store_list(request, "clusters", params), params)


@router.get("/contradictions", responses=LIST, summary="Contradicting figures and statements")
def get_contradictions(request: Request, params: Params) -> JSONResponse:
    """Twin of ``/contradictions``; ``type`` is figures or statements, ``open`` unsettled only."""
    return listing(request, store_list(request, "contradictions", params), params)


@router.get("/series", summary="Claimed figures per claimant over time")
def get_series(request: Request, params: Params) -> dict[str, Any]:
    """Twin of ``/series``; pages over series, not points."""
    return series_data(request, params)


@router.get("/places", responses=LIST, summary="Places named by the articles, most mentioned first")
def get_places(request: Request, params: Params) -> JSONResponse:
    """Canonical places with coordinates; ``country`` filters."""
    page = queries.places(request.app.state.store.connection(), params.filters)
    return listing(request, page, params)
