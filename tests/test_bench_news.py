"""``claimwire bench conflict-news`` and ``bench gva`` on small sets the tests write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwire.bench.conflict_news import run as run_news
from claimwire.bench.gva import run as run_gva
from claimwire.bench.split import half_of, select
from claimwire.cli import main
from claimwire.errors import ExitCode

NEWS = (
    "Shelling kills 3 civilians in border town\n\n"
    "Shelling killed three civilians in the town of Kharkiv on Monday, the regional "
    'governor Oleh Syniehubov said. "Two more were wounded," he said.'
)


def _span(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def _news_set(folder: Path) -> Path:
    folder.mkdir()
    three = _span(NEWS, "three")
    two = _span(NEWS, "Two")
    said = NEWS.index("Shelling killed")
    record = {
        "id": "t01",
        "published": "2024-03-04",
        "text": NEWS,
        "gold": {
            "relevant": True,
            "figures": [
                {
                    "start": three[0],
                    "end": three[1],
                    "value": 3,
                    "lower": None,
                    "upper": None,
                    "vague": False,
                    "measure": "killed",
                    "category": "civilians",
                    "side": "civilian",
                    "claimant": "Oleh Syniehubov",
                    "core": True,
                },
                {
                    "start": two[0],
                    "end": two[1],
                    "value": 2,
                    "lower": None,
                    "upper": None,
                    "vague": False,
                    "measure": "injured",
                    "category": None,
                    "side": None,
                    "claimant": "Oleh Syniehubov",
                    "core": True,
                },
            ],
            "claims": [
                {
                    "start": said,
                    "end": len(NEWS),
                    "claimant": "Oleh Syniehubov",
                    "cue": "said",
                    "kind": "indirect",
                },
            ],
            "places": [
                {
                    "name": "Kharkiv",
                    "start": _span(NEWS, "Kharkiv")[0],
                    "end": _span(NEWS, "Kharkiv")[1],
                    "lat": 49.99,
                    "lon": 36.23,
                    "country": "UA",
                    "role": "location",
                    "in_name": False,
                },
            ],
            "events": [],
            "contradictions": [],
        },
    }
    off = {
        "id": "t02",
        "published": None,
        "text": "The home side won the battle for the title 3-1 on Saturday.",
        "gold": {
            "relevant": False,
            "figures": [],
            "claims": [],
            "places": [],
            "events": [],
            "contradictions": [],
        },
    }
    (folder / "articles.jsonl").write_text(
        "\n".join(json.dumps(r) for r in (record, off)) + "\n", encoding="utf-8"
    )
    return folder


def test_halves_are_stable_and_cover_the_set():
    ids = [f"doc{i}" for i in range(200)]
    a, b = select(ids, str, "a"), select(ids, str, "b")
    assert sorted(a + b) == sorted(ids)
    assert 60 < len(a) < 140
    assert half_of("doc1") == half_of("doc1")
    assert select(ids, str, None) == ids


def test_conflict_news_scores_figures_claimants_and_claims(tmp_path):
    report = run_news(_news_set(tmp_path / "set"))
    assert report.documents == 2
    figures = report.sections["figures"]
    assert figures.tp == 2 and figures.fn == 0
    assert report.sections["figures.claimant"].tp == 2
    assert report.sections["claims"].tp == 1
    assert report.sections["claims.claimant"].tp == 1
    assert report.sections["places"].tp == 1
    assert "events_per_offtopic" in report.measures


def test_conflict_news_half_filters_documents(tmp_path):
    folder = _news_set(tmp_path / "set")
    halves = [run_news(folder, half=half).documents for half in ("a", "b")]
    assert sum(halves) == 2


def test_gva_rates(tmp_path):
    folder = tmp_path / "gva"
    folder.mkdir()
    text = (
        "Two killed, three hurt in shooting\n\n"
        "Two people were killed and three were injured in a shooting on Main Street, "
        "police said."
    )
    record = {
        "id": "1/a",
        "incident_id": "1",
        "published": "2016-05-01",
        "text": text,
        "gold": {"killed": 2, "injured": 3},
        "verifiable": {"killed": True, "injured": True},
    }
    (folder / "articles.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = run_gva(folder)
    assert report.measures["killed_found"].value == 1.0
    assert report.measures["injured_found"].value == 1.0
    assert report.measures["killed_largest"].value == 1.0


def test_cli_half_is_refused_by_tasks_without_halves(tmp_path):
    outcome = CliRunner().invoke(main, ["bench", "seed", "--data", str(tmp_path), "--half", "a"])
    assert outcome.exit_code != 0
    assert "halves" in outcome.output


def test_cli_conflict_news_on_a_folder(tmp_path):
    folder = _news_set(tmp_path / "set")
    outcome = CliRunner().invoke(main, ["bench", "conflict-news", "--data", str(folder), "--json"])
    assert outcome.exit_code in (0, ExitCode.PARTIAL), outcome.output
    data = json.loads(outcome.output)
    assert data["task"] == "conflict-news"
    assert data["sections"]["figures"]["tp"] == 2


def test_sides_compare_countries_and_demonyms():
    from claimwire.bench.conflict_news import _same_stem

    assert _same_stem("iraq", "iraqi") and _same_stem("dr congo", "congolese")
    assert _same_stem("russia", "russian") and _same_stem("ukraine", "ukrainian")
    assert not _same_stem("israel", "palestinian") and not _same_stem("rsf", "saf")


@pytest.mark.parametrize(
    ("gold", "ours", "same"),
    [
        ("Mosul", "Mawṣil", False),
        ("Herat", "Herāt", True),
        ("Sa'dah", "Sadah", True),
        ("Tikrit", None, False),
        ("Samarra", "Iraq", False),
    ],
)
def test_event_place_names_compare_without_accents(gold, ours, same):
    from claimwire.bench.conflict_news import _place_matches

    assert _place_matches(gold, ours) is same
