"""Human-readable summary of a result, as rich tables (``--format table``)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..models import Figure, Result
from .labels import claimant_text, date_text, event_text, place_text, short_text, value_text


def line_of(text: str, offset: int) -> int:
    """1-based line number of character ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def summary(result: Result) -> Group:
    """A renderable summary: the document header and one table per kind of fact."""
    document = result.document
    header = Text()
    header.append(document.title or document.source or document.id, style="bold")
    details = [
        f"published {document.published}" if document.published else "publication date unknown",
        document.outlet or "",
        f"{len(document.text):,} characters",
        f"language {document.language}",
        document.id,
    ]
    header.append("\n" + " · ".join(detail for detail in details if detail))
    if result.relevance is not None:
        relevance = result.relevance
        verdict = relevance.label.replace("_", " ") if relevance.relevant else "off-topic"
        header.append(f"\nrelevance: {verdict} ({relevance.score:.2f})")
        if not relevance.relevant:
            header.append(": no events are reported for it", style="italic")
    parts: list[RenderableType] = [header]
    text = document.text
    tables = [
        _table(
            "Figures",
            ("line", "number", "counted", "measure", "side", "claimant", "when"),
            [
                (
                    str(line_of(text, figure.span.start)),
                    figure.span.text,
                    figure.category or (figure.counted.text if figure.counted else ""),
                    _measure(figure),
                    figure.side or "",
                    claimant_text(result, figure.claim_id),
                    _when(figure),
                )
                for figure in result.figures
            ],
        ),
        _table(
            "Claims",
            ("line", "claimant", "form", "hedge", "cue", "content"),
            [
                (
                    str(line_of(text, claim.content.start)),
                    claim.claimant.name,
                    claim.form,
                    claim.hedge,
                    claim.cue.text if claim.cue else "",
                    short_text(claim.content.text),
                )
                for claim in result.claims
                if claim.form != "outlet"
            ],
        ),
        _table(
            "Events",
            ("line", "trigger", "event", "status"),
            [
                (
                    str(line_of(text, event.trigger.start)),
                    event.trigger.text,
                    event_text(result, event),
                    event.status,
                )
                for event in result.events
            ],
        ),
        _table(
            "Places",
            ("place", "mentions", "role"),
            _place_rows(result),
        ),
        _table(
            "Dates",
            ("line", "text", "resolved"),
            [
                (str(line_of(text, date.span.start)), short_text(date.span.text), date_text(date))
                for date in result.dates
            ],
        ),
    ]
    parts.extend(table for table in tables if table is not None)
    for contradiction in result.contradictions:
        first, second = contradiction.claim_ids
        parts.append(
            Text(
                f"Contradiction: {first} vs {second} on '{contradiction.referent}': "
                f"{contradiction.reason}",
                style="bold red",
            )
        )
    numbers = _table(
        "Numbers",
        ("line", "text", "value"),
        [(str(line_of(text, n.span.start)), n.span.text, value_text(n)) for n in result.numbers],
    )
    if not result.figures and numbers is not None:
        parts.append(numbers)
    for problem in result.problems:
        parts.append(Text(f"{problem.severity}: {problem.code}: {problem.message}", style="yellow"))
    return Group(*parts)


def render_table(result: Result, *, width: int | None = None) -> str:
    """The summary as plain text (no colour), e.g. for a file or a pipe."""
    console = Console(width=width or 110, record=True, force_terminal=False, color_system=None)
    with console.capture() as capture:
        console.print(summary(result))
    return capture.get()


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table | None:
    if not rows:
        return None
    table = Table(title=f"{title} ({len(rows)})", title_justify="left")
    for column in columns:
        table.add_column(column, justify="right" if column == "line" else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _measure(figure: Figure) -> str:
    measure: str = figure.measure or ""
    if figure.negated:
        measure = f"not {measure}"
    if figure.modality not in ("actual", figure.measure):
        measure += f" ({figure.modality})"
    return measure + (" (background)" if figure.status == "background" else "")


def _when(figure: Figure) -> str:
    if figure.time is None:
        return ""
    if figure.time.since:
        return f"since {figure.time.since}"
    if figure.time.as_of:
        return f"as of {figure.time.as_of}"
    return "running total" if figure.time.cumulative else ""


def _place_rows(result: Result) -> list[tuple[str, ...]]:
    """One row per distinct place, locations first."""
    counts: dict[tuple[str, str], int] = {}
    for place in result.places:
        if place.role == "modifier":
            continue
        key = (place_text(place), place.role)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (item[0][1] != "location", -item[1]))
    return [(name, str(count), role) for (name, role), count in ordered]
