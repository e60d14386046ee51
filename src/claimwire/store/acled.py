"""ACLED's standard export, column for column, from claimwire's event clusters.

One row per event cluster in ACLED's 31 columns (codebook of 2023, in its order), then
claimwire's own: ``status``, ``claimant``, ``hedge``, ``reports``, ``evidence``,
``document_ids``. How each ACLED column is filled (``docs/corpus.md`` says the same for
users):

- ``event_date`` / ``time_precision``: the event's own day (1), week (2, its middle day) or
  month (3, its 15th). An event known only to the year or vaguer is not exported (ACLED
  codes none). An event whose date is the report's (no date of its own) gets the
  publication day with precision 2: it happened in the days before the report.
- ``disorder_type`` from the type and sub-type; ``inter1``/``inter2`` from the actors'
  types (state forces outside their own country are ``External/Other forces``);
  ``interaction`` is the pair of types with civilians last (``<type> only`` for one side);
  ``civilian_targeting`` is ``Civilian targeting`` when civilians are the target.
- ``iso``, ``region``, ``country``: the ISO 3166-1 number, ACLED's region and ACLED's
  English name (``resources/acled_countries.json``); ``admin2`` from the gazetteer where
  it knows the place's second-level region (counties, districts of many countries);
  ``admin3`` stays empty.
- ``geo_precision``: 1 for a populated place or site, 2 for a district (a second-level
  region or below), 3 for a province, a region or a whole country (ACLED codes nothing
  at country level: such rows are kept, marked 3, for the analyst to place).
- ``fatalities``: the lowest toll any report gives, 0 when none does (ACLED's rule).
- ``source_scale`` stays empty (claimwire does not know an outlet's reach); ``tags`` holds
  ``crowd size=no report`` for protests and riots; ``timestamp`` is the Unix time of the
  latest extraction of the cluster's reports.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib.resources import files
from typing import Any

import pycountry

from .rows import Record, text

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
"""ACLED's standard export columns, in order (codebook of 20 March 2023)."""

CLAIMWIRE_COLUMNS = ("status", "claimant", "hedge", "reports", "evidence", "document_ids")
"""claimwire's columns after ACLED's."""

COLUMNS = (*ACLED_COLUMNS, *CLAIMWIRE_COLUMNS)

ACTOR_TYPES = {
    "state_forces": "State forces",
    "police": "State forces",
    "rebel": "Rebel group",
    "militia": "Political militia",
    "rioters": "Rioters",
    "protesters": "Protesters",
    "civilians": "Civilians",
    "international": "External/Other forces",
}
"""claimwire actor type -> ACLED actor type (``inter1``/``inter2``)."""

_TYPE_ORDER = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
"""ACLED's actor types in the order of their legacy codes 1-8."""

_POPULATED_CLASSES = frozenset({"P", "S", "L", "T", "H", "V", "R", "U"})
"""GeoNames feature classes of a named town or site (geo precision 1)."""


def acled_row(
    row: Record,
    reports: list[Record],
    copies: list[Record],
    *,
    place_class: str | None = None,
    place_code: str | None = None,
    admin2: str | None = None,
    timestamp: int | None = None,
) -> Record | None:
    """The ACLED row of one event cluster, or None when ACLED would not code it.

    Args:
        row: The cluster (a row of the clusters query).
        reports: Its current reports (event rows), in arrival order.
        copies: Its reports in wire copies (their outlets count as sources).
        place_class: GeoNames feature class of the cluster's place.
        place_code: Its GeoNames feature code (``ADM2``, ``PCLI``), when known.
        admin2: Its second-level region, when the gazetteer knows it.
        timestamp: Unix time of the latest extraction of its reports.
    """
    dated = _date(row, reports)
    if dated is None:
        return None
    day, precision = dated
    first = next((r for r in reports if r.get("actor1")), reports[0] if reports else {})
    actors, targets = participants(first)
    country = text(row, "country")
    info = acled_country(country)
    event_type, subtype = str(row["type"]), text(row, "subtype")
    known = [float(str(r["fatalities"])) for r in reports if r.get("fatalities") is not None]
    actor1, assoc1 = _side(actors, first.get("actor1"))
    actor2, assoc2 = _side(targets, first.get("actor2"))
    inter1, inter2 = actor_type(actors, country), actor_type(targets, country) if actor2 else ""
    return {
        "event_id_cnty": row["id"],
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": precision,
        "disorder_type": disorder_type(event_type, subtype),
        "event_type": event_type,
        "sub_event_type": subtype_label(subtype),
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": _civilian_targeting(event_type, subtype, inter2),
        "iso": info.get("iso", ""),
        "region": info.get("region", ""),
        "country": info.get("name", country or ""),
        "admin1": row.get("admin1") or "",
        "admin2": admin2 or "",
        "admin3": "",
        "location": row.get("place") or "",
        "latitude": _coordinate(row.get("lat")),
        "longitude": _coordinate(row.get("lon")),
        "geo_precision": _geo_precision(row, place_class, place_code),
        "source": "; ".join(
            _unique(text(report, "outlet") or "unknown" for report in [*reports, *copies])
        ),
        "source_scale": "",
        "notes": first.get("context") or first.get("evidence") or "",
        "fatalities": int(min(known)) if known else 0,
        "tags": "crowd size=no report" if event_type in ("Protests", "Riots") else "",
        "timestamp": timestamp if timestamp is not None else "",
        **claimwire_columns(reports),
    }


def claimwire_columns(reports: list[Record]) -> Record:
    """claimwire's columns after a standard export's (:data:`CLAIMWIRE_COLUMNS`)."""
    return {
        "status": "; ".join(_unique(text(report, "status") or "" for report in reports)),
        "claimant": "; ".join(text(report, "claimant") or "" for report in reports),
        "hedge": "; ".join(text(report, "hedge") or "" for report in reports),
        "reports": len(reports),
        "evidence": " | ".join(text(report, "evidence") or "" for report in reports),
        "document_ids": " ".join(text(report, "document_id") or "" for report in reports),
    }


def _coordinate(value: object) -> float | str:
    return round(float(str(value)), 4) if value is not None else ""


def _date(row: Record, reports: list[Record]) -> tuple[dt.date, int] | None:
    own = [r for r in reports if r.get("date_basis") != "published" and r.get("date_start")]
    for report in own:
        granularity = text(report, "granularity") or ""
        start = dt.date.fromisoformat(str(report["date_start"])[:10])
        end = dt.date.fromisoformat(str(report.get("date_end") or report["date_start"])[:10])
        if granularity == "day":
            return start, 1
        if granularity == "week":
            return start + (end - start) / 2, 2
        if granularity == "month":
            return start.replace(day=15), 3
    if own:
        return None  # a year or vaguer: ACLED codes no such event
    published = next((r.get("published") for r in reports if r.get("published")), None)
    day = published or text(row, "date_start")
    if not day:
        return None
    return dt.date.fromisoformat(str(day)[:10]), 2


def disorder_type(event_type: str, subtype: str | None) -> str:
    """ACLED's ``disorder_type`` of an event type and claimwire sub-type."""
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    if subtype == "mob_violence":
        return "Political violence"
    if subtype == "excessive_force_against_protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


def participants(report: Record) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A report's actors and targets, each ``{"name", "side", "type"}``."""

    def load(key: str) -> list[dict[str, Any]]:
        """``[[name, side, type], ...]`` (stores before 0.3 keep ``[name, side]``)."""
        try:
            found = json.loads(str(report.get(key) or "[]"))
        except (TypeError, ValueError):
            return []
        fields = ("name", "side", "type")
        return [
            dict(zip(fields, item, strict=False))
            for item in found
            if isinstance(item, list) and item and item[0]
        ]

    return load("actors_json"), load("targets_json")


def _side(participants: list[dict[str, Any]], main: object) -> tuple[str, str]:
    """The main actor of a side and its associated actors (``; ``-joined)."""
    name = str(main or (participants[0]["name"] if participants else ""))
    others = _unique(str(p["name"]) for p in participants if str(p["name"]) != name)
    return name, "; ".join(others)


def actor_type(participants: list[dict[str, Any]], country: str | None) -> str:
    """ACLED's type of a side's first actor (``External/Other forces`` outside its country)."""
    if not participants:
        return ""
    first = participants[0]
    kind = ACTOR_TYPES.get(str(first.get("type") or ""), "")
    if kind == "State forces" and first.get("side") and country:
        home = country_of(str(first["side"]))
        if home is not None and home != country:
            return "External/Other forces"
    return kind


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's text ``interaction``: the pair in code order, civilians last; one side alone."""
    if not inter1 and not inter2:
        return ""
    if not inter1 or not inter2:
        return f"{inter1 or inter2} only"
    pair = sorted((inter1, inter2), key=_order)
    return f"{pair[0]}-{pair[1]}"


def _order(kind: str) -> int:
    if kind == "Civilians":
        return len(_TYPE_ORDER)  # civilians always come last
    return _TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER) - 1


def _civilian_targeting(event_type: str, subtype: str | None, inter2: str) -> str:
    if event_type == "Violence against civilians":
        return "Civilian targeting"
    aimed = event_type in ("Explosions/Remote violence", "Riots") or (
        subtype == "excessive_force_against_protesters"
    )
    return "Civilian targeting" if aimed and inter2 == "Civilians" else ""


def _geo_precision(row: Record, place_class: str | None, place_code: str | None) -> int | str:
    if row.get("lat") is None or row.get("lon") is None:
        return ""
    if place_code in ("ADM2", "ADM3", "ADM4", "ADM5"):
        return 2
    if place_code == "ADM1" or (place_code or "").startswith("PCL"):
        return 3
    if place_class in _POPULATED_CLASSES:
        return 1
    if place_class == "A" and row.get("admin1") and row.get("place") != row.get("admin1"):
        return 2
    return 3


@cache
def _countries() -> dict[str, dict[str, Any]]:
    resource = files("claimwire").joinpath("resources", "acled_countries.json")
    data: dict[str, dict[str, Any]] = json.loads(resource.read_text(encoding="utf-8"))
    return {code: entry for code, entry in data.items() if not code.startswith("_")}


def acled_country(code: str | None) -> dict[str, Any]:
    """ACLED's name, region and ISO number of a country given by its alpha-2 code."""
    if not code:
        return {}
    entry = dict(_countries().get(code.upper(), {}))
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is not None:
        entry.setdefault("iso", int(country.numeric))
        entry.setdefault("name", getattr(country, "common_name", None) or country.name)
    return entry


@cache
def country_of(side: str) -> str | None:
    """The alpha-2 code of a side named as a country ("Russia", "Ukraine"), else None."""
    wanted = side.strip().lower()
    for code, entry in _countries().items():
        if str(entry.get("name", "")).lower() == wanted:
            return code
    try:
        return str(pycountry.countries.lookup(side.strip()).alpha_2)
    except LookupError:
        return None


@cache
def _subtype_labels() -> dict[str, str]:
    resource = files("claimwire").joinpath("resources", "event_types.json")
    if not resource.is_file():
        return {}
    subtypes = json.loads(resource.read_text(encoding="utf-8")).get("subtypes", {})
    return {name: entry.get("label", name) for name, entry in subtypes.items()}


def subtype_label(subtype: str | None) -> str:
    """ACLED's label of a claimwire sub-type ('armed_clash' -> 'Armed clash')."""
    if subtype is None:
        return ""
    return _subtype_labels().get(subtype, subtype)


def _unique(values: Any) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
