"""``claimwire bench places`` on a tiny set folder written here, and the seed scorer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from claimwire.bench.places import read_corpora, run, score_seed_places
from claimwire.errors import InputNotFoundError

LGL_TEXT = "Officials in Kharkiv said a school was hit. Kharkiv has been shelled daily."
GEOVIRUS_TEXT = "A new outbreak was reported in Lyon, France, on Sunday."
GWN_TEXT = "French officials met in Paris."


def _lgl(text: str) -> str:
    first = text.index("Kharkiv")
    second = text.index("Kharkiv", first + 1)
    toponyms = "".join(
        f"<toponym><start>{start}</start><end>{start + 7}</end><phrase>Kharkiv</phrase>"
        f'<gaztag geonameid="706483"><name>Kharkiv</name><lat>49.98</lat><lon>36.25</lon>'
        f"</gaztag></toponym>"
        for start in (first, second)
    )
    return (
        f'<articles><article docid="1"><text>{text}</text>'
        f'<toponyms count="2">{toponyms}</toponyms></article></articles>'
    )


def _geovirus(text: str) -> str:
    lyon, france = text.index("Lyon"), text.index("France")
    return (
        f"<articles><article><source>x</source><text>{text}</text><locations>"
        f"<location><name>Lyon</name><start>{lyon + 1}</start><end>{lyon + 5}</end>"
        f"<lat>45.75</lat><lon>4.85</lon><page>x</page></location>"
        f"<location><name>France</name><start>{france + 1}</start><end>{france + 7}</end>"
        f"<lat>46.0</lat><lon>2.0</lon><page>x</page></location>"
        f"</locations></article></articles>"
    )


def _gwn(text: str) -> str:
    paris, french = text.index("Paris"), text.index("French")
    return (
        f'<articles><article file="0"><title>t</title><link>l</link><text>{text}</text>'
        f"<toponyms><toponym><extractedName>Paris</extractedName><type>Literal</type>"
        f"<start>{paris}</start><end>{paris + 5}</end><latitude>48.85</latitude>"
        f"<longitude>2.35</longitude></toponym>"
        f"<toponym><extractedName>French</extractedName><type>Demonym</type>"
        f"<start>{french}</start><end>{french + 6}</end><latitude>46.0</latitude>"
        f"<longitude>2.0</longitude></toponym>"
        f"<toponym><extractedName>officials</extractedName><type>Non_Toponym</type>"
        f"<start>7</start><end>16</end></toponym>"
        f"</toponyms></article></articles>"
    )


@pytest.fixture
def set_folder(tmp_path):
    (tmp_path / "local.xml").write_text(_lgl(LGL_TEXT), encoding="utf-8")
    (tmp_path / "outbreaks.xml").write_text(_geovirus(GEOVIRUS_TEXT), encoding="utf-8")
    (tmp_path / "GWN.xml").write_text(_gwn(GWN_TEXT), encoding="utf-8")
    return tmp_path


def test_reader_discovers_layouts_and_anchors_offsets(set_folder):
    articles = read_corpora(set_folder)
    assert sorted(article.corpus for article in articles) == ["GeoWebNews", "local", "outbreaks"]
    for article in articles:
        for toponym in article.toponyms:
            assert article.text[toponym.start : toponym.end] == toponym.text
    gwn = next(article for article in articles if article.corpus == "GeoWebNews")
    assert [t.text for t in gwn.toponyms] == ["Paris", "French"]


def test_run_scores_every_corpus_end_to_end(set_folder):
    report = run(set_folder)
    assert report.documents == 3
    for corpus in ("local", "outbreaks", "GeoWebNews"):
        assert report.sections[f"recognition/{corpus}"].tp >= 1
        assert report.sections[f"resolution/{corpus}"].tp >= 1
    overall = report.sections["resolution"]
    assert overall.tp + overall.fn == 6
    assert report.sections["recognition"].recall == pytest.approx(1.0)
    assert report.extra["overall"]["median_error_km"] is not None
    assert report.seconds > 0


def test_run_refuses_an_empty_folder(tmp_path):
    with pytest.raises(InputNotFoundError):
        run(tmp_path)
    with pytest.raises(InputNotFoundError):
        run(tmp_path / "missing")


def _hit(text, name, country, lat, lon, *, role="location", kind="city"):
    return SimpleNamespace(
        text=text, name=name, country=country, lat=lat, lon=lon, role=role, kind=kind, resolved=True
    )


def test_seed_scorer_counts_agreement_wrong_points_and_extras():
    expected = [
        {"text": ["Kharkov"], "canonical": "Kharkiv", "country": "UA", "lat": 49.98, "lon": 36.25},
        {"text": ["Lviv"], "canonical": "Lviv", "country": "UA", "lat": 49.84, "lon": 24.03},
        {"text": ["Dnipro plant"], "canonical": "Some plant, Dnipro", "country": "UA"},
    ]
    hits = [
        _hit("Kharkov", "Kharkiv", "UA", 49.99, 36.23),
        _hit("Lviv", "Lviv", "UA", 48.0, 30.0),
        _hit("Dnipro plant", "Some plant", "UA", 48.4, 35.0, kind="facility"),
        _hit("Ukraine", "Ukraine", "UA", 49.0, 32.0, kind="country"),
        _hit("Odesa", "Odesa", "UA", 46.48, 30.72),
        _hit("Kyiv", "Kyiv", "UA", 50.45, 30.52, role="actor"),
    ]
    score, misses = score_seed_places(expected, hits)
    assert (score.tp, score.fp, score.fn) == (2, 2, 1)
    assert any("Lviv" in miss for miss in misses) and any("Odesa" in miss for miss in misses)


def test_run_reports_accuracy_and_errors_as_floorable_figures(set_folder):
    report = run(set_folder)
    accuracy = report.sections["accuracy@161km"]
    assert accuracy.precision == accuracy.recall == accuracy.f1
    assert accuracy.tp + accuracy.fp == report.extra["overall"]["resolved_toponyms"]
    for corpus in ("local", "outbreaks", "GeoWebNews"):
        assert f"accuracy@161km/{corpus}" in report.sections
        assert f"recognition_overlap/{corpus}" in report.sections
    median = report.measures["median_error_km"]
    assert median.lower_is_better and median.unit == "km"
    assert median.value == pytest.approx(report.extra["overall"]["median_error_km"], abs=0.05)
    assert 0.0 <= report.measures["error_auc"].value < 0.5
    assert "median_error_km" in report.format()
    assert report.to_dict()["measures"]["error_auc"]["lower_is_better"] is True
