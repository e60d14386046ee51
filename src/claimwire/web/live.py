"""What changed, for people and their tools: ``/api/changes`` (JSON), ``/feeds/changes.atom``
(for a feed reader), ``/api/live`` (the cheap poll behind the dashboard's live refresh),
and the sources ``claimwire watch`` follows with their health (``/sources`` and its twin
``/api/sources``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from xml.etree.ElementTree import Element, SubElement, tostring

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..store.changes import DEFAULT_MIN_VALUE, MAX_CHANGES, Changes, arrivals, changes_since
from ..store.rows import Record, text
from ..watch.state import source_health
from .context import Context

router = APIRouter()

Since = Annotated[
    str | None,
    Query(
        description="ISO date or time (UTC when no offset is given): changes whose article "
        "arrived at or after it [default: 7 days ago]. Ids are stable: keep the last `latest` "
        "as the next `since` and skip the ids you have.",
        max_length=40,
    ),
]
MinValue = Annotated[float, Query(ge=0, description="Figures below this value are left out.")]
Limit = Annotated[int, Query(ge=1, le=MAX_CHANGES, description="At most this many of each.")]
ATOM = "http://www.w3.org/2005/Atom"


@router.get("/api/changes", tags=["changes"], summary="New events, figures and contradictions")
def get_changes(
    context: Context,
    since: Since = None,
    min_value: MinValue = DEFAULT_MIN_VALUE,
    limit: Limit = 100,
) -> dict[str, Any]:
    """Events, figures of at least ``min_value`` and contradictions whose article arrived
    since ``since``, newest first, with ``latest`` (the newest arrival time)."""
    found = changes_since(context.connection(), since, min_value=min_value, limit=limit)
    return {
        "since": found.since,
        "latest": found.latest,
        "min_value": found.min_value,
        "events": found.events,
        "figures": found.figures,
        "contradictions": found.contradictions,
    }


@router.get("/api/live", tags=["changes"], summary="Article count and newest arrival (cheap)")
def get_live(
    context: Context,
    after: Annotated[int | None, Query(ge=0, description="An earlier `latest`.")] = None,
) -> dict[str, Any]:
    """The number of articles, the newest's arrival number (``latest``), and the ids of the
    articles that arrived after ``after``: what the dashboard polls to refresh itself."""
    found = arrivals(context.connection(), after=after)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return {"articles": found.articles, "latest": found.latest, "new": found.new, "now": now}


@router.get("/feeds/changes.atom", tags=["changes"], summary="What changed, as an Atom feed")
def get_changes_feed(
    request: Request,
    context: Context,
    since: Since = None,
    min_value: MinValue = DEFAULT_MIN_VALUE,
    limit: Limit = 100,
) -> Response:
    """The changes of ``/api/changes`` as an Atom 1.0 feed, for a feed reader."""
    found = changes_since(context.connection(), since, min_value=min_value, limit=limit)
    base = str(request.base_url).rstrip("/")
    body = atom_feed(found, base=base, self_url=str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def atom_feed(found: Changes, *, base: str, self_url: str) -> bytes:
    """An Atom document of the changes: one entry per event, figure and contradiction."""
    feed = Element("feed", xmlns=ATOM)
    SubElement(feed, "title").text = "claimwire: what changed"
    SubElement(feed, "id").text = f"{base}/feeds/changes.atom"
    SubElement(feed, "updated").text = (
        found.latest or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    )
    SubElement(feed, "link", rel="self", href=self_url)
    SubElement(feed, "link", rel="alternate", href=f"{base}/")
    SubElement(SubElement(feed, "author"), "name").text = "claimwire"
    entries: list[tuple[str, str, Record]] = [
        *(("event", _event_title(row), row) for row in found.events),
        *(("figure", _figure_title(row), row) for row in found.figures),
        *(("contradiction", _contradiction_title(row), row) for row in found.contradictions),
    ]
    entries.sort(key=lambda entry: str(entry[2]["arrived"]), reverse=True)
    for kind, title, row in entries:
        entry = SubElement(feed, "entry")
        SubElement(entry, "id").text = f"urn:claimwire:{kind}:{text(row, 'id')}"
        SubElement(entry, "title").text = title
        SubElement(entry, "updated").text = text(row, "arrived")
        SubElement(entry, "category", term=kind)
        SubElement(entry, "link", href=f"{base}/articles/{text(row, 'document_id')}")
        SubElement(entry, "summary").text = text(row, "evidence") or _sides(row)
    document: bytes = tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _event_title(row: Record) -> str:
    where = f" in {text(row, 'place')}" if row.get("place") else ""
    when = f" ({text(row, 'date')})" if row.get("date") else ""
    return f"{text(row, 'type')}{where}{when}, says {text(row, 'claimant')}"


def _figure_title(row: Record) -> str:
    value = row["value"]
    number = f"{value:,.0f}" if isinstance(value, float) and value.is_integer() else str(value)
    what = " ".join(text(row, key) or "" for key in ("category", "measure") if row.get(key))
    where = f" in {text(row, 'place')}" if row.get("place") else ""
    return f"{number} {what}{where}, says {text(row, 'claimant')}"


def _contradiction_title(row: Record) -> str:
    about = text(row, "subject") or text(row, "measure") or text(row, "kind")
    return f"Contradiction on {about}: {text(row, 'a_claimant')} vs {text(row, 'b_claimant')}"


def _sides(row: Record) -> str:
    a_side = f"{text(row, 'a_claimant')}: {text(row, 'a_value') or '?'}"
    return f"{a_side}; {text(row, 'b_claimant')}: {text(row, 'b_value') or '?'}"


@router.get("/api/sources", tags=["changes"], summary="Watched sources and their health")
def get_sources(context: Context) -> dict[str, Any]:
    """Every source ``claimwire watch`` follows into this store, with its health."""
    return {"items": source_health(context.connection())}


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request, context: Context) -> HTMLResponse:
    """The watched sources with their health: a broken feed shows."""
    from .pages import render

    rows = source_health(context.connection())
    return render(request, context, "sources.html", "sources", twin="/api/sources", sources=rows)
