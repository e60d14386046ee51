"""UCDP GED's event export, column for column, from claimwire's event clusters.

One row per event cluster UCDP would code: organised armed violence (a battle, remote
violence, violence against civilians, or force against protesters) with at least one death
reported. The 49 columns of GED (versions 23-25, in order), then claimwire's own
(``status``, ``claimant``, ``hedge``, ``reports``, ``evidence``, ``document_ids``). How
each GED column is filled (``docs/corpus.md`` says the same for users):

- ``id``: the cluster's id (stable, and never a number, so it cannot be taken for a UCDP
  id). ``relid``, ``active_year``, ``code_status`` and UCDP's conflict, dyad and side ids
  stay empty: they are UCDP's own coding decisions, not something an article says.
- ``type_of_violence``: 3 (one-sided) when civilians are the target, else 1 (state-based)
  when a state's forces are on either side, else 2 (non-state) when both sides are named.
  ``side_a`` is the state (type 1) or the perpetrator; ``side_b`` is ``Civilians`` in type 3.
  A state is named as UCDP names it, ``Government of <country>``.
- ``best``, ``low``, ``high``: ``low`` and ``high`` are the smallest and largest toll any
  report gives; ``best`` is the toll the most reports give, counting reports whose claimant
  is not a party to the event before partisan ones, the lower on a tie. The store does not
  split a toll by side: ``deaths_civilians`` holds ``best`` for one-sided violence,
  ``deaths_unknown`` otherwise, so the four death columns sum to ``best`` as in GED.
- ``where_prec``: 1 a town or site, 3 a district, 4 a province, 5 a wider named area,
  6 a whole country (its centroid), from the place's gazetteer feature code when known.
  ``adm_2`` is the gazetteer's second-level region; ``priogrid_gid`` the PRIO-GRID cell.
- ``date_prec``: 1 a day, 2 a span of 2-6 days, 3 a week, 4 a month, 5 a year or longer.
  An event with no date of its own happened in the week before its first report:
  ``date_start`` six days before the publication day, ``date_end`` that day, precision 3.
- ``event_clarity``: 1 when every report dates the event to a day of its own, else 2.
- Sources: ``source_office``, ``source_date`` and ``source_headline`` hold each report's
  outlet, publication day and title (``;``-separated, aligned), ``source_article`` the
  three joined per report, ``source_original`` the claimants, ``number_of_sources`` the
  reports including wire copies.
- ``country``, ``country_id``, ``region``: UCDP's name and Gleditsch-Ward number
  (``resources/ucdp_countries.json``); the region follows from the number as in UCDP.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import Any

from .acled import CLAIMWIRE_COLUMNS, acled_country, claimwire_columns, country_of, participants
from .rows import Record, text

GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
"""UCDP GED's 49 columns, in order."""

COLUMNS = (*GED_COLUMNS, *CLAIMWIRE_COLUMNS)

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_STATE = frozenset({"state_forces", "police", "international"})
_ORGANISED = _STATE | {"rebel", "militia"}
_POPULATED_CLASSES = frozenset({"P", "S", "T", "H", "V", "R", "U"})
"""GeoNames feature classes of a named town or site (``where_prec`` 1)."""
_REGIONS = ((199, "Americas"), (399, "Europe"), (626, "Africa"), (699, "Middle East"))
_ACLED_REGIONS = {
    "Caribbean": "Americas",
    "Central America": "Americas",
    "North America": "Americas",
    "South America": "Americas",
    "Europe": "Europe",
    "Middle East": "Middle East",
}


def ged_row(
    row: Record,
    reports: list[Record],
    copies: list[Record],
    *,
    place_class: str | None = None,
    place_code: str | None = None,
    admin2: str | None = None,
) -> Record | None:
    """The GED row of one event cluster, or None when UCDP would not code it.

    Args:
        row: The cluster (a row of the clusters query).
        reports: Its current reports (event rows with ``title`` and ``claimant_side``).
        copies: Its reports in wire copies (they count as sources).
        place_class: GeoNames feature class of the cluster's place.
        place_code: Its GeoNames feature code (``ADM2``, ``PCLI``), when known.
        admin2: Its second-level region, when the gazetteer knows it.
    """
    event_type, subtype = str(row["type"]), text(row, "subtype")
    if event_type not in _VIOLENT and subtype != "excessive_force_against_protesters":
        return None
    tolls = [int(float(str(r["fatalities"]))) for r in reports if r.get("fatalities") is not None]
    if not tolls or max(tolls) < 1:
        return None
    first = next((r for r in reports if r.get("actor1")), reports[0])
    actors, targets = participants(first)
    violence, side_a, side_b = _dyad(event_type, actors, targets)
    if violence is None:
        return None
    best = _best(reports)
    start, end, precision = _dates(reports)
    country = text(row, "country")
    lat, lon = row.get("lat"), row.get("lon")
    return {
        "id": row["id"],
        "year": start.year,
        "type_of_violence": violence,
        "dyad_name": f"{side_a['name']} - {side_b['name']}",
        "side_a": side_a["name"],
        "side_b": side_b["name"],
        "number_of_sources": len(reports) + len(copies),
        "source_article": ";".join(
            ",".join((_outlet(r), _day(r), text(r, "title") or "")) for r in reports
        ),
        "source_office": ";".join(_outlet(r) for r in reports),
        "source_date": ";".join(_day(r) for r in reports),
        "source_headline": ";".join(text(r, "title") or "" for r in reports),
        "source_original": "; ".join(dict.fromkeys(text(r, "claimant") or "" for r in reports)),
        "where_prec": _where_precision(row, place_class, place_code),
        "where_coordinates": row.get("place") or "",
        "where_description": text(first, "place") or "",
        "adm_1": row.get("admin1") or "",
        "adm_2": admin2 or "",
        "latitude": _coordinate(lat),
        "longitude": _coordinate(lon),
        "geom_wkt": f"POINT ({_coordinate(lon)} {_coordinate(lat)})" if lat is not None else "",
        "priogrid_gid": priogrid(float(lat), float(lon))
        if lat is not None and lon is not None
        else "",
        **_country_columns(country),
        "event_clarity": 1 if all(_own_day(r) for r in reports) else 2,
        "date_prec": precision,
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if violence == 3 else 0,
        "deaths_unknown": 0 if violence == 3 else best,
        "best": best,
        "high": max(tolls),
        "low": min(tolls),
        "gwnoa": side_a.get("gw", ""),
        "gwnob": side_b.get("gw", ""),
        **claimwire_columns(reports),
    }


def priogrid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell of a point: 0.5 degree cells numbered from (-180, -90), by rows."""
    row = min(math.floor((lat + 90) / 0.5), 359)
    column = min(math.floor((lon + 180) / 0.5), 719)
    return row * 720 + column + 1


def _dyad(
    event_type: str, actors: list[dict[str, Any]], targets: list[dict[str, Any]]
) -> tuple[int | None, dict[str, Any], dict[str, Any]]:
    """Type of violence and the two sides, the state or perpetrator first."""
    a, b = (_party(actors[0]) if actors else {}), (_party(targets[0]) if targets else {})
    civilians = event_type == "Violence against civilians" or (
        targets and targets[0].get("type") in ("civilians", "protesters")
    )
    if civilians:
        return (3, a, {"name": "Civilians"}) if a else (None, a, b)
    if not a or not b:
        return None, a, b
    if b.get("state") and not a.get("state"):
        a, b = b, a
    if a.get("state"):
        return 1, a, b
    return (2, a, b) if a.get("organised") and b.get("organised") else (None, a, b)


def _party(participant: dict[str, Any]) -> dict[str, Any]:
    kind = str(participant.get("type") or "")
    side = str(participant.get("side") or "")
    code = country_of(side) if side and kind in _STATE else None
    if code is None:
        return {"name": str(participant["name"]), "organised": kind in _ORGANISED}
    entry = _ucdp_countries().get(code, {})
    name = entry.get("name") or acled_country(code).get("name") or side
    party = {"name": f"Government of {name}", "state": True, "organised": True}
    if "gw" in entry:
        party["gw"] = entry["gw"]
    return party


def _best(reports: list[Record]) -> int:
    """The toll the most reports give, neutral claimants first, the lower on a tie."""
    sides = {
        str(p.get("side"))
        for report in reports
        for group in participants(report)
        for p in group
        if p.get("side")
    }
    votes: Counter[int] = Counter()
    neutral: Counter[int] = Counter()
    for report in reports:
        if report.get("fatalities") is None:
            continue
        value = int(float(str(report["fatalities"])))
        votes[value] += 1
        if not report.get("claimant_side") or report["claimant_side"] not in sides:
            neutral[value] += 1
    return max(votes, key=lambda value: (votes[value], neutral[value], -value))


def _dates(reports: list[Record]) -> tuple[dt.date, dt.date, int]:
    for report in reports:
        if report.get("date_basis") == "published" or not report.get("date_start"):
            continue
        start = dt.date.fromisoformat(str(report["date_start"])[:10])
        end = dt.date.fromisoformat(str(report.get("date_end") or report["date_start"])[:10])
        granularity = text(report, "granularity") or ""
        days = (end - start).days + 1
        if granularity == "day":
            return start, end, 1 if days == 1 else 2 if days <= 6 else 5
        precision = {"week": 3, "month": 4}.get(granularity, 5)
        return start, end, precision
    published = next(
        (str(r["published"])[:10] for r in reports if r.get("published")),
        str(reports[0].get("date") or "")[:10],
    )
    day = dt.date.fromisoformat(published)
    return day - dt.timedelta(days=6), day, 3


def _own_day(report: Record) -> bool:
    own = report.get("date_basis") != "published" and report.get("date_start")
    return bool(own) and report.get("granularity") == "day"


def _where_precision(row: Record, place_class: str | None, place_code: str | None) -> int | str:
    if row.get("lat") is None or row.get("lon") is None:
        return ""
    if place_code in ("ADM2", "ADM3", "ADM4", "ADM5"):
        return 3
    if place_code == "ADM1":
        return 4
    if (place_code or "").startswith("PCL"):
        return 6
    if place_class in _POPULATED_CLASSES:
        return 1
    if place_class == "A":
        if not row.get("admin1"):
            return 6
        return 4 if row.get("place") == row.get("admin1") else 3
    return 5


def _country_columns(code: str | None) -> Record:
    if not code:
        return {"country": "", "country_id": "", "region": ""}
    acled = acled_country(code)
    entry = _ucdp_countries().get(code.upper(), {})
    number = entry.get("gw")
    return {
        "country": entry.get("name") or acled.get("name", code),
        "country_id": number if number is not None else "",
        "region": _region(number, str(acled.get("region", ""))),
    }


def _region(number: int | None, acled_region: str) -> str:
    if number is not None:
        return next((name for top, name in _REGIONS if number <= top), "Asia")
    if acled_region in _ACLED_REGIONS:
        return _ACLED_REGIONS[acled_region]
    if acled_region.endswith("Africa"):
        return "Africa"
    return "Asia" if acled_region else ""


def _outlet(report: Record) -> str:
    return text(report, "outlet") or "unknown"


def _day(report: Record) -> str:
    return str(report.get("published") or "")[:10]


def _coordinate(value: object) -> float | str:
    return round(float(str(value)), 4) if value is not None else ""


@cache
def _ucdp_countries() -> dict[str, dict[str, Any]]:
    resource = files("claimwire").joinpath("resources", "ucdp_countries.json")
    data: dict[str, dict[str, Any]] = json.loads(resource.read_text(encoding="utf-8"))
    return {code: entry for code, entry in data.items() if not code.startswith("_")}
