"""Server-rendered pages over the same data as the API (each links to its JSON twin)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from ..models import Result
from ..render.html import KINDS, items_of, segments
from ..render.labels import contradiction_sides
from ..render.table import line_of
from ..store.rows import Record
from ..store.rows import text as column_text
from ..store.series import Series
from . import mapdata, service
from .context import AppContext, ArticleMetadata, Context
from .errors import ApiError
from .params import HEDGES, ListParams, list_params
from .queries import ListName
from .svg import draw_series

router = APIRouter(include_in_schema=False)
Params = Annotated[ListParams, Depends(list_params)]

EVENT_COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
    "Other developments": "#7f7f7f",
}


def render(
    request: Request,
    context: AppContext,
    template: str,
    section: str,
    *,
    twin: str | None,
    **values: object,
) -> HTMLResponse:
    """A page; ``json_url`` is its JSON twin with the same query string."""
    query = request.url.query
    json_url = (twin + (f"?{query}" if query else "")) if twin else None
    response: HTMLResponse = context.templates.TemplateResponse(
        request,
        template,
        {
            "section": section,
            "json_url": json_url,
            "event_colors": EVENT_COLORS,
            "hedges": HEDGES,
            **values,
        },
    )
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, context: Context) -> HTMLResponse:
    """Counts, latest articles, open contradictions, most-cited claimants."""
    data = service.overview(context)
    return render(request, context, "overview.html", "overview", data=data, twin="/api/overview")


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request, context: Context, params: Params, bbox: mapdata.BoxText = None
) -> HTMLResponse:
    """Events on a map (fetched from /api/clusters by the page's script for the view)."""
    box = mapdata.parse_box(bbox)
    return render(
        request,
        context,
        "map.html",
        "map",
        params=params,
        bbox=box.text() if box else "",
        map_limit=mapdata.MAP_LIMIT,
        tile_url=context.tile_url,
        twin="/api/clusters",
        fields=("since", "until", "country", "type", "claimant"),
    )


@router.get("/events/{cluster_id}", response_class=HTMLResponse)
def event_page(request: Request, context: Context, cluster_id: str) -> HTMLResponse:
    """One event: its reports side by side, their claims and figures, contradictions."""
    detail = mapdata.event(context.connection(), cluster_id)
    return render(
        request,
        context,
        "event.html",
        "events",
        detail=detail,
        outlets=sorted({str(row["outlet"]) for row in detail.reports if row["outlet"]}),
        tile_url=context.tile_url,
        twin=f"/api/events/{cluster_id}",
    )


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, context: Context, params: Params) -> HTMLResponse:
    """The timeline of event reports, grouped by date."""
    fields = "since until country type claimant hedge outlet sort"
    return _fact_page(request, context, params, "events", fields, grouped=True)


def _fact_page(
    request: Request,
    context: Context,
    params: ListParams,
    name: ListName,
    fields: str,
    *,
    grouped: bool = False,
) -> HTMLResponse:
    """The page of a store list (its template is ``{name}.html``); ``grouped``: by date."""
    page = service.fact_list(context, name, params.filters)
    extra: dict[str, object] = {}
    if grouped:
        days: dict[str, list[Record]] = {}
        for row in page.items:
            days.setdefault(column_text(row, "date") or "undated", []).append(row)
        extra["days"] = days
    return render(
        request,
        context,
        f"{name}.html",
        name,
        params=params,
        page=page,
        **extra,
        twin=f"/api/{name}",
        fields=tuple(fields.split()),
    )


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, context: Context, params: Params) -> HTMLResponse:
    """Figures as a table."""
    fields = "since until country claimant measure category hedge outlet sort"
    return _fact_page(request, context, params, "figures", fields)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, context: Context, params: Params) -> HTMLResponse:
    """Claims as a table."""
    fields = "since until country claimant hedge outlet sort"
    return _fact_page(request, context, params, "claims", fields)


@router.get("/series", response_class=HTMLResponse)
def series(request: Request, context: Context, params: Params) -> HTMLResponse:
    """Claimed figures per claimant over time: one SVG chart per measure and category."""
    groups: dict[tuple[str, str, str, str], list[Series]] = {}
    for entry in service.series(context, params.filters):
        key = (entry.measure, entry.category, entry.side or "", entry.unit)
        groups.setdefault(key, []).append(entry)
    overlay = context.reference if params.filters.measure else None
    charts = [
        (
            _group_title(key),
            draw_series(members, reference=overlay, reference_label=context.reference_label),
            members,
        )
        for key, members in sorted(
            groups.items(), key=lambda item: (-sum(len(s.points) for s in item[1]), item[0])
        )
    ]
    return render(
        request,
        context,
        "series.html",
        "series",
        params=params,
        charts=charts,
        has_reference=bool(context.reference),
        twin="/api/series",
        fields=("since", "until", "country", "claimant", "measure", "category", "hedge"),
    )


def _group_title(key: tuple[str, str, str, str]) -> str:
    measure, category, side, unit = key
    text = f"{category} {measure}".replace("_", " ").capitalize()
    if side:
        text += f" ({side})"
    return text + (", percent" if unit == "percent" else "")


LINK_SCHEMES = frozenset({"http", "https"})
"""The only URL schemes a page links to."""


def http_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (shown as text, never as a link): an
    article's ``javascript:`` or ``data:`` URL would run what its author chose on a click."""
    if not url or urlsplit(url.strip()).scheme.lower() not in LINK_SCHEMES:
        return None
    return url


def snippet(context: str | None, evidence: str, width: int = 110) -> Markup:
    """The evidence in its context, cut to ``width`` characters each side, evidence marked."""
    context = context or evidence
    at = context.find(evidence) if evidence else -1
    if at < 0:
        return Markup("<q>{}</q>").format(_short(context, 2 * width))
    before, after = context[:at], context[at + len(evidence) :]
    if len(before) > width:
        before = "…" + before[-width:].lstrip()
    if len(after) > width:
        after = after[:width].rstrip() + "…"
    return Markup("<q>{}<mark>{}</mark>{}</q>").format(before, _short(evidence, 300), after)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, context: Context, params: Params) -> HTMLResponse:
    """Both sides of every contradiction, with evidence and links."""
    fields = "since until country claimant measure category type open sort"
    return _fact_page(request, context, params, "contradictions", fields)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, context: Context, params: Params) -> HTMLResponse:
    """Stored articles, newest first."""
    page = service.article_list(context, params.filters)
    return render(
        request,
        context,
        "articles.html",
        "articles",
        params=params,
        page=page,
        twin="/api/articles",
        fields=("since", "until", "country", "claimant", "outlet", "sort"),
    )


@router.get("/articles/{document_id}", response_class=HTMLResponse)
def article(request: Request, context: Context, document_id: str) -> HTMLResponse:
    """The article text with every item highlighted at its span, and a side panel."""
    found = service.stored_article(context, document_id)
    row, result = found.row, found.result
    text = result.document.text
    items = items_of(result)
    pieces = []
    for start, end, covering in segments(text, items):
        kinds = sorted({item.kind for item in covering})
        pieces.append(
            {
                "text": text[start:end],
                "classes": " ".join(f"k-{kind}" for kind in kinds)
                + (" multi" if len(covering) > 1 else ""),
                "item_keys": " ".join(item.key for item in covering),
                "title": "\n".join(f"{item.kind}: {item.label}" for item in covering),
            }
        )
    panel = [
        (
            kind,
            [
                {
                    "key": item.key,
                    "label": item.label,
                    "evidence": _short(item.span.text),
                    "line": line_of(text, item.span.start),
                }
                for item in items
                if item.kind == kind
            ],
        )
        for kind in KINDS
    ]
    records = _records(result)
    return render(
        request,
        context,
        "article.html",
        "articles",
        article=row,
        result=result,
        pieces=pieces,
        panel=[(kind, listed) for kind, listed in panel if listed],
        contradictions=[
            {
                "reason": found.reason,
                "sides": [
                    {"key": key, "claimant": who, "words": words}
                    for key, who, words in contradiction_sides(result, found.claim_ids)
                ],
            }
            for found in result.contradictions
        ],
        records={
            item.key: {"kind": item.kind, "label": item.label, "record": records.get(item.key)}
            for item in items
        },
        twin=f"/api/articles/{document_id}",
    )


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request, context: Context) -> HTMLResponse:
    """Paste or upload an article (disabled in read-only mode)."""
    return render(request, context, "submit.html", "submit", twin=None, form={})


@router.post("/submit")
async def submit(
    context: Context,
    text: Annotated[str, Form(max_length=4_000_000)] = "",
    published: Annotated[str, Form(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Extract and store the article, then go to its article view."""
    from starlette.concurrency import run_in_threadpool

    if context.read_only:
        raise ApiError(403, "read_only", "this server is read-only: submission is disabled")
    content: str | bytes = text
    if file is not None and file.filename:
        content = await file.read()
    if not content or (isinstance(content, str) and not content.strip()):
        raise ApiError(422, "validation_error", "paste the article text or choose a file")
    answer = await run_in_threadpool(
        service.submit,
        context,
        content,
        ArticleMetadata(
            published=dt.date.fromisoformat(published) if published else None,
            outlet=outlet or None,
            title=title or None,
        ),
    )
    return RedirectResponse(answer["url"], status_code=303)


def _records(result: Result) -> dict[str, object]:
    found: dict[str, object] = {}
    for kind in ("figures", "claims", "places", "dates", "events"):
        for record in getattr(result, kind):
            found[record.id] = record.model_dump(mode="json")
    return found


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
