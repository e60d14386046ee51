"""Human-readable summary of a result, as rich tables (``--format table``)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..models import Result


def line_of(text: str, offset: int) -> int:
    """1-based line number of character ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def _value(number: object) -> str:
    value = getattr(number, "value", None)
    lower, upper = getattr(number, "lower", None), getattr(number, "upper", None)
    if value is not None:
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    elif lower is not None and upper is not None:
        shown = f"{lower:,.0f}-{upper:,.0f}"
    elif lower is not None:
        shown = f">= {lower:,.0f}"
    elif upper is not None:
        shown = f"<= {upper:,.0f}"
    else:
        shown = "?"
    if getattr(number, "unit", "count") == "percent":
        shown += "%"
    return ("~" if getattr(number, "approx", False) else "") + shown


def summary(result: Result) -> Group:
    """A renderable summary: the document header and one table per kind of fact."""
    document = result.document
    header = Text()
    header.append(document.title or document.source or document.id, style="bold")
    details = [
        f"published {document.published}" if document.published else "publication date unknown",
        document.outlet or "",
        f"{len(document.text):,} characters",
        document.id,
    ]
    header.append("\n" + " · ".join(detail for detail in details if detail))
    parts: list[object] = [header]
    if result.numbers:
        table = Table(title=f"Numbers ({len(result.numbers)})", title_justify="left")
        for column in ("line", "text", "value", "qualifier", "kind"):
            table.add_column(column, justify="right" if column == "line" else "left")
        for number in result.numbers:
            kind = "ordinal" if number.ordinal else ("vague" if number.vague else number.unit)
            table.add_row(
                str(line_of(document.text, number.span.start)),
                number.span.text,
                _value(number),
                number.qualifier or "",
                kind,
            )
        parts.append(table)
    else:
        parts.append(Text("No numbers found.", style="dim"))
    for problem in result.problems:
        parts.append(Text(f"{problem.severity}: {problem.code}: {problem.message}", style="yellow"))
    return Group(*parts)


def render_table(result: Result, *, width: int | None = None) -> str:
    """The summary as plain text (no colour), e.g. for a file or a pipe."""
    console = Console(width=width or 110, record=True, force_terminal=False, color_system=None)
    with console.capture() as capture:
        console.print(summary(result))
    return capture.get()
