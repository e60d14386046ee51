"""A self-contained HTML page of one result (``--format html``).

The article text is shown with every extracted item highlighted at its evidence span
(overlapping spans are split into segments that carry every item covering them), and a
side panel lists the items. All article text is escaped; the page loads nothing external.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from ..models import Result, Span
from .labels import (
    claim_text,
    contradiction_sides,
    date_text,
    event_text,
    figure_text,
    place_text,
    short_text,
    value_text,
)
from .table import line_of

STYLE = """
body{font:15px/1.6 system-ui,sans-serif;margin:0;display:flex;color:#222}
main{flex:3;padding:1.5em 2em;max-width:52em}
aside{flex:2;padding:1em;background:#f6f6f4;border-left:1px solid #ddd;height:100vh;
overflow:auto;position:sticky;top:0;font-size:13px}
.article{white-space:pre-wrap}
.hl{border-radius:3px;padding:0 1px;cursor:help}
.k-number{background:#ffe59a}.k-figure{background:#ffb3a7}
.k-claim{border-bottom:2px solid #5b9bd5;padding-bottom:1px}
.k-place{background:#c8f0c0}.k-date{background:#e5d4ff}.k-event{background:#ffd0ec}
.multi{outline:1px dashed #666}
aside li{margin:.2em 0}aside code{background:#fff;padding:0 3px}
h1{font-size:1.4em}.meta{color:#666}
"""

KINDS = ("figure", "claim", "event", "place", "date", "number")


@dataclass(frozen=True)
class Item:
    """One highlighted item: its kind, an id for the page, its span and a hover label."""

    kind: str
    key: str
    span: Span
    label: str


def items_of(result: Result) -> list[Item]:
    """Every item of the result that has an evidence span, with a short label."""
    found: list[Item] = [
        Item("figure", figure.id, figure.span, figure_text(result, figure))
        for figure in result.figures
    ]
    figure_spans = {(figure.span.start, figure.span.end) for figure in result.figures}
    found += [
        Item("number", f"n{index}", number.span, value_text(number))
        for index, number in enumerate(result.numbers, start=1)
        if (number.span.start, number.span.end) not in figure_spans
    ]
    found += [Item("claim", claim.id, claim.content, claim_text(claim)) for claim in result.claims]
    found += [
        Item("place", place.id, place.span, place_text(place))
        for place in result.places
        if place.role != "modifier"  # "Ukrainian" in "the Ukrainian city": context only
    ]
    found += [Item("date", date.id, date.span, date_text(date)) for date in result.dates]
    found += [
        Item("event", event.id, event.trigger, event_text(result, event)) for event in result.events
    ]
    return found


def segments(text: str, items: list[Item]) -> list[tuple[int, int, list[Item]]]:
    """Split ``text`` at every span boundary; each piece lists the items covering it."""
    cuts = {0, len(text)}
    for item in items:
        cuts.update((item.span.start, item.span.end))
    points = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    pieces = []
    for start, end in pairwise(points):
        covering = [item for item in items if item.span.start <= start and end <= item.span.end]
        pieces.append((start, end, covering))
    return pieces


def render_html(result: Result) -> str:
    """The whole page as a string."""
    document = result.document
    items = items_of(result)
    body = []
    for start, end, covering in segments(document.text, items):
        piece = escape(document.text[start:end])
        if not covering:
            body.append(piece)
            continue
        classes = " ".join(sorted({f"k-{item.kind}" for item in covering}))
        if len(covering) > 1:
            classes += " multi"
        ids = " ".join(item.key for item in covering)
        title = "\n".join(f"{item.kind}: {item.label}" for item in covering)
        body.append(
            f'<span class="hl {classes}" data-items="{escape(ids)}" '
            f'title="{escape(title)}">{piece}</span>'
        )
    panel = []
    for kind in KINDS:
        listed = [item for item in items if item.kind == kind]
        if not listed:
            continue
        rows = "".join(
            f'<li id="{item.key}"><code>{escape(short_text(item.span.text, 90))}</code> '
            f"line {line_of(document.text, item.span.start)}: {escape(item.label)}</li>"
            for item in listed
        )
        panel.append(f"<h3>{kind}s ({len(listed)})</h3><ul>{rows}</ul>")
    disputes = "".join(
        "<li>"
        + " <b>vs</b> ".join(
            f'<a href="#{escape(key)}">{escape(who)}</a>: “{escape(words)}”'
            for key, who, words in contradiction_sides(result, found.claim_ids)
        )
        + f"<br><small>{escape(found.reason)}</small></li>"
        for found in result.contradictions
    )
    if disputes:
        panel.append(f"<h3>contradictions ({len(result.contradictions)})</h3><ul>{disputes}</ul>")
    problems = "".join(
        f"<li>{escape(p.severity)}: {escape(p.code)}: {escape(p.message)}</li>"
        for p in result.problems
    )
    if problems:
        panel.append(f"<h3>problems</h3><ul>{problems}</ul>")
    title = escape(document.title or document.source or document.id)
    meta = escape(
        " · ".join(
            str(part)
            for part in (document.outlet, document.published, document.url, document.id)
            if part
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} · claimwire</title><style>{STYLE}</style></head><body>"
        f'<main><h1>{title}</h1><p class="meta">{meta}</p>'
        f'<div class="article">{"".join(body)}</div></main>'
        f"<aside><h2>Extracted</h2>{''.join(panel) or '<p>Nothing found.</p>'}</aside>"
        "</body></html>\n"
    )
