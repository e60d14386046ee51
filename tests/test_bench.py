"""claimwire bench: metrics, the seed scorer, the corpus loader and the speed harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwire.bench import below_floors, floors
from claimwire.bench.corpus import load_articles
from claimwire.bench.metrics import Measure, Report, Score
from claimwire.bench.seed import run as run_seed
from claimwire.cli import main
from claimwire.errors import ExitCode, InputNotFoundError


def test_score_rates():
    score = Score(tp=3, fp=1, fn=2)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().f1 == 0.0


def test_report_keeps_a_bounded_list_of_misses():
    report = Report(task="t", data="d")
    for n in range(100):
        report.miss("numbers", f"miss {n}")
    assert len(report.misses["numbers"]) == 50
    assert report.misses["numbers"][-1] == "miss 49"
    shown = report.format(show_misses=3)
    assert "-- numbers: first misses" in shown
    assert "miss 2" in shown and "miss 3" not in shown


ARTICLE = (
    "Rebels said 12 soldiers were killed near the border on Sunday.\n"
    "About 300 families fled, officials said, and hundreds more were trapped.\n"
    "It was one of the worst days of the 21st century for the town.\n"
)


def write_seed(folder: Path, figures: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "town.txt").write_text(ARTICLE, encoding="utf-8")
    expected = {"document": {"published": "2023-05-02"}, "figures": figures, "optional_figures": []}
    (folder / "town.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    return folder


def test_seed_numbers_scored_by_line_and_value(tmp_path):
    figures = [
        {"id": "F1", "value": 12, "line": 1},
        {"id": "F2", "value": 300, "approx": True, "line": 2},
        {"id": "F3", "value": None, "lower_bound": 200, "line": 2},
        {"id": "F4", "value": 7, "line": 3},
    ]
    report = run_seed(write_seed(tmp_path / "seed", figures))
    score = report.sections["numbers"]
    assert (score.tp, score.fp, score.fn) == (3, 0, 1)
    assert report.misses["numbers"] == ["missed F4: 7 on line 3"]


def test_seed_spurious_numbers_count_against_precision(tmp_path):
    report = run_seed(write_seed(tmp_path / "seed", [{"id": "F1", "value": 12, "line": 1}]))
    score = report.sections["numbers"]
    assert (score.tp, score.fp, score.fn) == (1, 2, 0)


def test_seed_folder_without_pairs_is_an_error(tmp_path):
    with pytest.raises(InputNotFoundError, match=r"expected\.json"):
        run_seed(tmp_path)


def test_floors_are_checked():
    assert floors()["seed"]["numbers"] > 0
    report = Report(task="seed", data="d", sections={"numbers": Score(tp=1, fn=1)})
    below = below_floors("seed", report)
    assert f"numbers F1 0.667 < floor {floors()['seed']['numbers']:.3f}" in below
    assert any(message.startswith("claims F1 0.000") for message in below)


def test_cli_bench_seed_on_a_folder(tmp_path):
    folder = write_seed(tmp_path / "seed", [{"id": "F1", "value": 12, "line": 1}])
    result = CliRunner().invoke(main, ["bench", "seed", "--data", str(folder), "--json"])
    assert result.exit_code == ExitCode.OK, result.output
    assert json.loads(result.output)["sections"]["numbers"]["tp"] == 1


def test_cli_bench_errors(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["bench", "nonsense"]).exit_code == ExitCode.USAGE
    missing = runner.invoke(main, ["bench", "seed", "--data", str(tmp_path / "missing")])
    assert missing.exit_code == ExitCode.NO_INPUT


def make_corpus(root: Path) -> Path:
    (root / "setA" / "train" / "text").mkdir(parents=True)
    for n in range(3):
        body = f"Article {n}. " + "Troops shelled the town and 4 people died. " * 10
        (root / "setA" / "train" / "text" / f"a{n}.txt").write_text(body, encoding="utf-8")
    (root / "setB").mkdir()
    lines = [
        json.dumps({"doc_text": f"Report {n}. " + "Police arrested 3 men. " * 12}) for n in range(3)
    ]
    lines.insert(1, "{broken")
    (root / "setB" / "docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (root / "setB" / "short.jsonl").write_text(json.dumps({"text": "too short"}), encoding="utf-8")
    return root


def test_corpus_mixes_sets_and_skips_short_and_broken(tmp_path):
    articles = load_articles(make_corpus(tmp_path), limit=10)
    assert len(articles) == 6
    assert articles[0].startswith("Article 0") and articles[1].startswith("Report 0")


def test_corpus_limit_and_errors(tmp_path):
    assert len(load_articles(make_corpus(tmp_path / "c"), limit=4)) == 4
    with pytest.raises(InputNotFoundError):
        load_articles(tmp_path / "nothing", limit=5)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputNotFoundError, match="no article texts"):
        load_articles(tmp_path / "empty", limit=5)


@pytest.mark.slow
def test_speed_reports_both_pipelines(tmp_path):
    result = CliRunner().invoke(
        main,
        ["bench", "speed", "--corpus", str(make_corpus(tmp_path)), "--limit", "4", "--json"],
    )
    assert result.exit_code == 0, result.output
    timings = json.loads(result.output)["timings"]
    assert [t["articles"] for t in timings] == [4, 4, 4, 4]
    assert all(t["articles_per_second"] > 0 for t in timings)
    assert all(t["peak_rss_mb"] > 50 for t in timings[:3])
    # The bare and single-process modes also report their CPU time (jobs and Dask do not).
    assert all(t["cpu_seconds"] > 0 and t["cpu_articles_per_second"] > 0 for t in timings[:2])
    components = json.loads(result.output)["components"]
    assert "parser" in components and "claimwire_figures_v1" in components


@pytest.mark.slow
def test_ingest_speed_times_extraction_and_ingest_of_the_same_texts():
    from claimwire.bench.ingest_speed import measure_ingest_speed

    texts = ["Shelling killed two people in Kharkiv.", "Four soldiers were wounded on Monday."]
    speed = measure_ingest_speed(texts, jobs=1)
    data = speed.to_dict()
    assert (data["articles"], data["jobs"]) == (2, 1)
    for timing in (speed.extract, speed.ingest):
        assert timing.wall > 0 and timing.cpu > 0
    assert data["wall_ratio"] > 0 and data["cpu_ratio"] > 0


def test_speed_rejects_unknown_modes(tmp_path):
    result = CliRunner().invoke(main, ["bench", "speed", "--modes", "bare,warp"])
    assert result.exit_code == ExitCode.USAGE and "warp" in result.output


def test_floors_on_measures_respect_their_direction(monkeypatch):
    import claimwire.bench as bench

    monkeypatch.setattr(bench, "floors", lambda: {"t": {"error_km": 5.0, "accuracy": 0.8}})
    report = Report(
        task="t",
        data="d",
        measures={
            "error_km": Measure(7.5, "km", lower_is_better=True),
            "accuracy": Measure(0.9),
        },
    )
    assert below_floors("t", report) == ["error_km 7.500 > ceiling 5.000"]
    report.measures["error_km"] = Measure(2.0, "km", lower_is_better=True)
    report.measures["accuracy"] = Measure(0.7)
    assert below_floors("t", report) == ["accuracy 0.700 < floor 0.800"]
