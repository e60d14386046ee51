"""``GET /api/export/{format}``: what ``claimwire export`` writes, for the filters of a page.

The response streams the chunks of :func:`claimwire.store.export.export_chunks` (the code
the CLI writes with), read from a connection of its own, so a large export neither waits
for nor holds the whole table. ``table`` chooses the table of ``csv`` and ``jsonl``
(``jsonl`` without it: whole results per article); ``all_statuses=true`` is ``acled``'s
``--all-statuses``. The other parameters are the filters of the list exported
(:func:`~claimwire.web.params.parse_query`); a bad one is a 422 before any byte is sent.
Order and page parameters are accepted and ignored, as the CLI ignores them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse

from ..errors import ClaimwireError
from ..store import open_store
from ..store.export import EXPORT_FORMATS, Chunk, ExportFormat, export_chunks
from .context import Context
from .errors import ApiError
from .params import PageName, parse_query

router = APIRouter(prefix="/api")

ExportTable = Literal["figures", "claims", "events", "clusters", "contradictions"]
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "acled": "text/csv; charset=utf-8",
    "ucdp": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "acled": "csv", "ucdp": "csv", "jsonl": "jsonl", "geojson": "geojson"}
CHUNK_CHARACTERS = 64 * 1024
"""Rows are sent in pieces of about this size."""
OWN_PARAMETERS = ("table", "all_statuses")


def export_url(target: ExportFormat, query: str, *, table: str | None = None) -> str:
    """The URL of an export of ``target`` (and ``table``) for a filter's query string."""
    parts = [f"table={table}"] if table else []
    if query:
        parts.append(query)
    return f"/api/export/{target}" + (f"?{'&'.join(parts)}" if parts else "")


@router.get(
    "/export/{target}",
    summary="Download the rows of a filter: CSV, JSONL, GeoJSON or ACLED-style CSV",
    response_class=StreamingResponse,
)
def get_export(
    request: Request,
    context: Context,
    target: Annotated[str, Path(description=f"One of: {', '.join(EXPORT_FORMATS)}.")],
    table: ExportTable | None = None,
    all_statuses: bool = False,
) -> StreamingResponse:
    """What ``claimwire export --to TARGET [--table TABLE]`` writes for the same filters."""
    if target not in EXPORT_FORMATS:
        raise ApiError(
            404, "not_found", f"no export {target!r}; choose one of: {', '.join(EXPORT_FORMATS)}"
        )
    chosen: ExportFormat = target
    if table is not None and chosen not in ("csv", "jsonl"):
        raise ApiError(422, "validation_error", f"table: {chosen} exports events, not a table")
    if all_statuses and chosen not in ("acled", "ucdp"):
        raise ApiError(422, "validation_error", "all_statuses: only acled and ucdp take it")
    name = _list_of(chosen, table)
    query = {key: value for key, value in request.query_params.items() if key not in OWN_PARAMETERS}
    parsed = parse_query(query, name, connection=context.connection()).strict().filters
    filters = replace(parsed, descending=False, limit=None, offset=0, after=None)  # as the CLI
    connection = open_store(context.store.path, readonly=True)
    try:
        chunks = export_chunks(connection, chosen, filters, table=table, all_statuses=all_statuses)
    except ClaimwireError:
        connection.close()
        raise
    stem = _stem(chosen, table)
    headers = {
        "Content-Disposition": f'attachment; filename="claimwire-{stem}.{EXTENSIONS[chosen]}"'
    }
    return StreamingResponse(
        _pieces(chunks, connection.close), media_type=MEDIA_TYPES[chosen], headers=headers
    )


def _list_of(target: ExportFormat, table: str | None) -> PageName:
    """The list whose filters an export takes."""
    if target in ("geojson", "acled", "ucdp"):
        return "clusters"
    if target == "jsonl" and table is None:
        return "articles"
    found: PageName = table or "figures"  # type: ignore[assignment]
    return found


def _stem(target: ExportFormat, table: str | None) -> str:
    """The download's name: the table, ``results`` or the format."""
    if target == "jsonl":
        return table or "results"
    if target == "csv":
        return table or "figures"
    return "events" if target == "geojson" else target


def _pieces(chunks: Iterator[Chunk], close: Callable[[], None]) -> Iterator[str]:
    """The chunks gathered into pieces of about :data:`CHUNK_CHARACTERS`; the connection is
    closed when the last is sent (or the client goes away)."""
    pending: list[str] = []
    size = 0
    try:
        for piece, _ in chunks:
            pending.append(piece)
            size += len(piece)
            if size >= CHUNK_CHARACTERS:
                yield "".join(pending)
                pending, size = [], 0
        if pending:
            yield "".join(pending)
    finally:
        close()
