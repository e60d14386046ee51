"""Short human-readable descriptions of records, shared by the table and HTML renderers."""

from __future__ import annotations

from ..models import Claim, DateMention, Event, Figure, NumberMention, Place, Result


def short_text(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(number: NumberMention | Figure) -> str:
    """A number as a person reads it: "~500", ">= 200", "10-15", "70%"."""
    value, lower, upper = number.value, number.lower, number.upper
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
    if number.unit == "percent":
        shown += "%"
    return ("~" if number.approx else "") + shown


def claimant_text(result: Result, claim_id: str | None) -> str:
    """Who asserts a fact and how sure they sound: "Government of Ukraine (claimed)"."""
    claim = next((claim for claim in result.claims if claim.id == claim_id), None)
    if claim is None:
        return ""
    hedge = "" if claim.hedge == "asserted" else f" ({claim.hedge})"
    return claim.claimant.name + hedge


def figure_text(result: Result, figure: Figure) -> str:
    """ "500 civilians sheltering [Ukraine] · claimant"."""
    counted = figure.category or (figure.counted.text if figure.counted else "?")
    parts = [value_text(figure), counted, figure.measure or "?"]
    if figure.negated:
        parts.insert(0, "not")
    if figure.modality not in ("actual", figure.measure):
        parts.append(f"({figure.modality})")
    if figure.side:
        parts.append(f"[{figure.side}]")
    if figure.time is not None:
        when = figure.time.since and f"since {figure.time.since}"
        when = when or (figure.time.as_of and f"as of {figure.time.as_of}")
        if when:
            parts.append(when)
    if figure.status == "background":
        parts.append("(background)")
    claimant = claimant_text(result, figure.claim_id)
    return " ".join(parts) + (f" · {claimant}" if claimant else "")


def claim_text(claim: Claim) -> str:
    """ "Oleh Syniehubov (governor): direct, asserted"."""
    who = claim.claimant.name + (f" ({claim.claimant.role})" if claim.claimant.role else "")
    return f"{who}: {claim.form}, {claim.hedge}"


def place_text(place: Place) -> str:
    """ "Sievierodonetsk, Luhansk Oblast, UA (48.948, 38.491)" or "unresolved"."""
    if not place.resolved:
        return "unresolved"
    where = ", ".join(part for part in (place.name, place.admin1, place.country) if part)
    if place.lat is not None and place.lon is not None:
        where += f" ({place.lat:.3f}, {place.lon:.3f})"
    return where + ("" if place.role == "location" else f" [{place.role}]")


def date_text(date: DateMention) -> str:
    """ "2022-06-13 (day, relative)"."""
    if date.start is None:
        return f"unresolved ({date.role})"
    span = str(date.start) if date.end in (None, date.start) else f"{date.start}..{date.end}"
    return f"{span} ({date.granularity}, {date.method})"


def event_text(result: Result, event: Event) -> str:
    """ "Battles/armed_clash: Armed Forces of Russia -> civilians @ Sievierodonetsk, 2022-06-13"."""
    places = {place.id: place for place in result.places}
    dates = {date.id: date for date in result.dates}
    text = f"{event.type}/{event.subtype}" if event.subtype else event.type
    actors = ", ".join(actor.name for actor in event.actors)
    targets = ", ".join(target.name for target in event.targets)
    if actors or targets:
        text += f": {actors or '?'}" + (f" -> {targets}" if targets else "")
    if event.place_id in places:
        text += f" @ {places[event.place_id].name or places[event.place_id].span.text}"
    date = dates.get(event.date_id or "")
    if date is not None and date.start is not None:
        text += f", {date.start}"
    if event.status == "background":
        text += " (background)"
    claimant = claimant_text(result, event.claim_id)
    return text + (f" · {claimant}" if claimant else "")


def contradiction_sides(result: Result, claim_ids: list[str]) -> list[tuple[str, str, str]]:
    """The sides of a contradiction: ``(claim id, "claimant (hedge)", its words)`` each."""
    claims = {claim.id: claim for claim in result.claims}
    return [
        (claim_id, claimant_text(result, claim_id), short_text(claims[claim_id].content.text, 90))
        for claim_id in claim_ids
        if claim_id in claims
    ]
