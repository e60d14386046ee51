"""Server-rendered pages over the same data as the API (each links to its JSON twin)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi import Path as FastApiPath
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from ..render.html import KINDS, items_of, segments
from ..render.labels import contradiction_sides
from ..render.table import line_of
from ..store import facets
from ..store.activity import Activity
from ..store.filters import Filters
from ..store.rows import Record
from ..store.rows import text as column_text
from . import evidence, guard, mapdata, service
from .context import AppContext, ArticleMetadata, Context
from .errors import ApiError
from .exports import export_url
from .params import (
    CATEGORIES,
    EVENT_SUBTYPES,
    EVENT_TYPES,
    HEDGES,
    MEASURES,
    ListParams,
    PageName,
    accepted_parameters,
    list_params,
    page_query,
)
from .queries import ListName, Page, vocabulary
from .svg import Bars, Chart, draw_bars, draw_lines, draw_panel

router = APIRouter(include_in_schema=False)
Params = Annotated[ListParams, Depends(list_params)]
ArticleQuery = Annotated[ListParams, Depends(page_query("articles"))]
FigureQuery = Annotated[ListParams, Depends(page_query("figures"))]
ClaimQuery = Annotated[ListParams, Depends(page_query("claims"))]
EventQuery = Annotated[ListParams, Depends(page_query("events"))]
ContradictionId = Annotated[str, FastApiPath(min_length=1, max_length=200)]

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
    twin_query: str | None = None,
    **values: object,
) -> HTMLResponse:
    """A page; ``json_url`` is its JSON twin with the same query string (or ``twin_query``:
    the parameters the page applied, without those it left out)."""
    query = request.url.query if twin_query is None else twin_query
    json_url = (twin + (f"?{query}" if query else "")) if twin else None
    response: HTMLResponse = context.templates.TemplateResponse(
        request,
        template,
        {
            "section": section,
            "json_url": json_url,
            "event_colors": EVENT_COLORS,
            "hedges": HEDGES,
            "reviews_on": context.review_token is not None and not context.read_only,
            **values,
        },
    )
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, context: Context) -> HTMLResponse:
    """Counts, latest articles, open contradictions, most-cited claimants."""
    data = service.overview(context)
    found = service.activity(context, Filters())
    return render(
        request,
        context,
        "overview.html",
        "overview",
        data=data,
        activity=found,
        activity_charts=activity_charts(found),
        twin="/api/overview",
    )


@dataclass(frozen=True)
class ActivityCharts:
    """The SVG charts of :func:`claimwire.web.service.activity`."""

    events: Chart
    fatalities: Chart


def activity_charts(found: Activity) -> ActivityCharts:
    """Draw events by type (stacked bars) and fatalities per claimant (lines)."""
    events = draw_bars(
        Bars(found.periods, {kind: [float(n) for n in counts] for kind, counts in
                             found.events.items()}),
        lambda kind: EVENT_COLORS.get(kind, "#7f7f7f"),
        label=f"Events per {found.period}, by type",
    )  # fmt: skip
    fatalities = draw_lines(
        found.periods, found.fatalities, label=f"Fatalities claimed per {found.period}"
    )
    return ActivityCharts(events, fatalities)


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request, context: Context, params: Params, bbox: mapdata.BoxText = None
) -> HTMLResponse:
    """Events on a map (fetched from /api/clusters by the page's script for the view)."""
    box = mapdata.parse_box(bbox)
    box_filter = params.filter_string(bbox=box.text() if box else None)
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
        exports=[
            (label, export_url(target, box_filter, table=table))  # type: ignore[arg-type]
            for label, target, table in MAP_EXPORTS
        ],
    )


MAP_EXPORTS = (
    ("CSV", "csv", "clusters"),
    ("JSONL", "jsonl", "clusters"),
    ("GeoJSON", "geojson", None),
    ("ACLED-style CSV", "acled", None),
    ("UCDP GED-style CSV", "ucdp", None),
)
"""The map's export buttons (its events, clusters of reports): label, format, table."""


EXPORTS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "articles": (("JSONL (results)", "jsonl", None),),
    "figures": (("CSV", "csv", "figures"), ("JSONL", "jsonl", "figures")),
    "claims": (("CSV", "csv", "claims"), ("JSONL", "jsonl", "claims")),
    "events": (
        ("CSV", "csv", "events"),
        ("JSONL", "jsonl", "events"),
        ("GeoJSON", "geojson", None),
        ("ACLED-style CSV", "acled", None),
        ("UCDP GED-style CSV", "ucdp", None),
    ),
}
"""The export buttons of each list page: label, format, table."""


def choices(context: AppContext, fields: tuple[str, ...]) -> dict[str, object]:
    """The values the page's selects and suggestions offer (from the vocabulary and store)."""
    connection = context.connection()
    return {
        "types": EVENT_TYPES,
        "subtypes": EVENT_SUBTYPES,
        "measures": MEASURES,
        "categories": CATEGORIES,
        "sides": vocabulary(connection, "sides", facets.sides) if "side" in fields else [],
        "regions": vocabulary(connection, "regions", facets.regions) if "admin1" in fields else [],
        "places": vocabulary(connection, "places", facets.places) if "place" in fields else [],
    }


def _list_page(
    request: Request,
    context: Context,
    params: ListParams,
    name: PageName,
    page: Page,
    *,
    twin: str | None = None,
    **extra: object,
) -> HTMLResponse:
    """A list page: its filters (problems shown inline), rows, pager and export buttons;
    ``twin`` is its JSON twin when not ``/api/{name}``."""
    fields = accepted_parameters(name)
    query = params.query_string()
    filter_query = params.filter_string()
    return render(
        request,
        context,
        f"{name}.html",
        name,
        params=params,
        page=page,
        fields=fields,
        choices=choices(context, fields),
        exports=[
            (label, export_url(target, filter_query, table=table))  # type: ignore[arg-type]
            for label, target, table in EXPORTS[name]
        ],
        twin=twin or f"/api/{name}",
        twin_query=query,
        **extra,
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
def events(request: Request, context: Context, params: EventQuery) -> HTMLResponse:
    """The timeline of event reports, grouped by date."""
    page = service.fact_list(context, "timeline", params.filters)
    days: dict[str, list[Record]] = {}
    for row in page.items:
        days.setdefault(column_text(row, "date") or "undated", []).append(row)
    found = service.activity(context, params.filters)
    return _list_page(
        request,
        context,
        params,
        "events",
        page,
        days=days,
        activity=found,
        activity_charts=activity_charts(found),
    )


def _fact_page(
    request: Request,
    context: Context,
    params: ListParams,
    name: ListName,
    fields: str,
) -> HTMLResponse:
    """The page of a store list the strict parameters serve (its template is ``{name}.html``)."""
    page = service.fact_list(context, name, params.filters)
    return render(
        request,
        context,
        f"{name}.html",
        name,
        params=params,
        page=page,
        twin=f"/api/{name}",
        fields=tuple(fields.split()),
    )


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, context: Context, params: FigureQuery) -> HTMLResponse:
    """Figures as a table."""
    page = service.fact_list(context, "figures", params.filters)
    return _list_page(request, context, params, "figures", page)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, context: Context, params: ClaimQuery) -> HTMLResponse:
    """Claims as a table."""
    page = service.fact_list(context, "claims", params.filters)
    return _list_page(request, context, params, "claims", page)


@router.get("/series", response_class=HTMLResponse)
def series(request: Request, context: Context, params: Params) -> HTMLResponse:
    """Claimed figures per claimant over time: one chart per measure, category, side and
    conflict, with a panel for running totals and one for increments."""
    charts = service.series_charts(context, params.filters)
    drawn = [
        (group, [(panel, draw_panel(panel, label=group.title)) for panel in group.panels])
        for group in charts.groups
    ]
    return render(
        request,
        context,
        "series.html",
        "series",
        params=params,
        charts=drawn,
        single=charts.single,
        excluded=charts.excluded,
        reference=context.reference,
        twin="/api/series",
        fields=("since", "until", "country", "claimant", "measure", "category", "hedge"),
    )


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


@router.get("/contradictions/{contradiction_id}", response_class=HTMLResponse)
def contradiction(
    request: Request, context: Context, contradiction_id: ContradictionId, saved: bool = False
) -> HTMLResponse:
    """One contradiction: both sides, what decides it, its review (and the review form
    when reviews are on)."""
    found = service.contradiction(context, contradiction_id)
    return render(
        request,
        context,
        "contradiction.html",
        "contradictions",
        x=found,
        saved=saved,
        twin=f"/api/contradictions/{contradiction_id}",
    )


@router.post("/contradictions/{contradiction_id}/review")
def review_form(
    request: Request,
    context: Context,
    contradiction_id: ContradictionId,
    verdict: Annotated[str, Form(max_length=20)],
    reason: Annotated[str, Form(max_length=4000)],
    token: Annotated[str, Form(max_length=500)],
) -> Response:
    """Confirm or dismiss a contradiction from its page, then show it again."""
    service.review(
        context,
        contradiction_id,
        verdict=verdict,
        reason=reason,
        token=token,
        client=request.client.host if request.client else None,
    )
    return RedirectResponse(f"/contradictions/{contradiction_id}?saved=true", status_code=303)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, context: Context, params: ArticleQuery) -> HTMLResponse:
    """Stored articles, newest first."""
    page = service.article_list(context, params.filters)
    return _list_page(request, context, params, "articles", page)


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
    cards = evidence.cards(result, evidence.stored_links(context.connection(), document_id))
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
            item.key: {
                "kind": item.kind,
                "label": item.label,
                **(cards[item.key].as_json() if item.key in cards else {}),
            }
            for item in items
        },
        twin=f"/api/articles/{document_id}",
    )


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request, context: Context) -> HTMLResponse:
    """Paste or upload an article (or, when submission is off, how to turn it on). The
    form carries a token tied to this browser's session cookie (``SameSite=Strict``)."""
    session = request.cookies.get(guard.SESSION_COOKIE) or guard.new_session()
    response = render(
        request,
        context,
        "submit.html",
        "submit",
        twin=None,
        form={},
        submission_on=context.writes.is_on("submit"),
        needs_token=context.writes.token is not None,
        form_token=guard.form_token(context.form_secret, session),
        limits=context.limits,
    )
    response.set_cookie(guard.SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
    return response


@router.post("/submit")
async def submit(
    request: Request,
    context: Context,
    text: Annotated[str, Form(max_length=4_000_000)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    form_token: Annotated[str, Form(max_length=200)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Extract and store the article, then go to its article view."""
    from starlette.concurrency import run_in_threadpool

    client = request.client.host if request.client else None
    context.writes.authorize("submit", token=token or None, client=client)
    guard.check_form_token(
        context.form_secret, request.cookies.get(guard.SESSION_COOKIE), form_token
    )
    content: str | bytes = text
    if file is not None and file.filename:
        content = await file.read(context.limits.max_bytes + 1)
    if not content or (isinstance(content, str) and not content.strip()):
        raise ApiError(422, "validation_error", "paste the article text or choose a file")
    answer = await run_in_threadpool(
        service.submit,
        context,
        content,
        ArticleMetadata(
            published=_form_date(published), outlet=outlet or None, title=title or None
        ),
        token=token or None,
        client=client,
    )
    return RedirectResponse(answer["url"], status_code=303)


def _form_date(value: str) -> dt.date | None:
    """The form's publication date (``YYYY-MM-DD``), or None when left empty.

    Raises:
        ApiError: 422 ``validation_error`` for anything but a real date.
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        message = f"published: {value!r} is not a date (YYYY-MM-DD)"
        raise ApiError(422, "validation_error", message) from None


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
