"""``claimwire bench figures``: MUC-4 victim counts on a tiny fake set, and the seed scorer."""

from __future__ import annotations

import pytest

from claimwire.bench.figures import (
    load_messages,
    normalize_measure,
    run,
    score_seed_figures,
    truecase,
)
from claimwire.components.figures import FigureHit
from claimwire.errors import InputNotFoundError

TEXTS = """DEV-MUC3-0001 (NOSC)

   RIVERTON, 5 MAR 90 -- [REPORT] [TEXT] GUERRILLAS ATTACKED A BUS NEAR THE BORDER
TODAY. FIVE PASSENGERS WERE KILLED AND 12 OTHERS WERE WOUNDED IN THE ATTACK, THE
POLICE SAID.

DEV-MUC3-0002 (NOSC)

   HILLTOWN, 6 MAR 90 -- [TEXT] THE MINISTER MET UNION LEADERS TO DISCUSS WAGES FOR
THE 300 WORKERS OF THE PORT.
"""

SLOTS = [
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION",
    "INCIDENT: TYPE", "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID",
    "INCIDENT: INSTRUMENT TYPE", "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID",
    "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE", "PHYS TGT: ID",
    "PHYS TGT: TYPE", "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION",
    "PHYS TGT: EFFECT OF INCIDENT", "PHYS TGT: TOTAL NUMBER", "HUM TGT: NAME",
    "HUM TGT: DESCRIPTION", "HUM TGT: TYPE", "HUM TGT: NUMBER", "HUM TGT: FOREIGN NATION",
    "HUM TGT: EFFECT OF INCIDENT", "HUM TGT: TOTAL NUMBER",
]  # fmt: skip


def _template(fillers: dict[int, list[str]], default: str) -> str:
    lines = []
    for number, label in enumerate(SLOTS):
        values = fillers.get(number, [default])
        head = f"{number}.".ljust(4) + label
        lines.append(head.ljust(36) + values[0])
        lines.extend(" " * 36 + value for value in values[1:])
    return "\n".join(lines)


@pytest.fixture
def muc_folder(tmp_path):
    """A MUC-4-shaped folder: one relevant message with two victim figures, one irrelevant."""
    folder = tmp_path / "raw" / "CORPORA" / "dev"
    folder.mkdir(parents=True)
    (folder / "dev-muc3-0001-0002").write_text(TEXTS, encoding="latin-1")
    relevant = _template(
        {
            0: ["DEV-MUC3-0001 (NCCOSC)"],
            1: ["1"],
            21: ['5: "PASSENGERS"', '12: "OTHERS"'],
            23: ['DEATH: "PASSENGERS"', 'INJURY: "OTHERS"'],
        },
        "-",
    )
    irrelevant = _template({0: ["DEV-MUC3-0002 (NCCOSC)"]}, "*")
    key = f";;; a comment\n\n{relevant}\n\n{irrelevant}\n"
    (folder / "key-dev-0001.muc4").write_text(key, encoding="latin-1")
    return tmp_path


def test_load_messages(muc_folder):
    messages = load_messages(muc_folder)
    assert [m.id for m in messages] == ["DEV-MUC3-0001", "DEV-MUC3-0002"]
    assert messages[0].gold == {(5.0, "killed"), (12.0, "injured")}
    assert messages[0].relevant and not messages[1].relevant
    assert messages[1].gold == set()


def test_run_scores_end_to_end(muc_folder):
    report = run(muc_folder, limit=None)
    assert report.documents == 2
    assert report.sections["killed"].tp == 1
    assert report.sections["injured"].tp == 1
    assert report.sections["overall"].fp == 0
    assert report.sections["overall"].fn == 0
    assert report.seconds > 0


def test_run_without_files(tmp_path):
    with pytest.raises(InputNotFoundError):
        run(tmp_path, limit=None)
    with pytest.raises(InputNotFoundError):
        run(None, limit=None)


def test_truecase_keeps_offsets():
    text = "FIVE PASSENGERS WERE KILLED. 12 OTHERS\nWERE WOUNDED."
    cased = truecase(text)
    assert len(cased) == len(text)
    assert cased.startswith("Five passengers were killed. 12 others")


@pytest.mark.parametrize(
    ("measure", "families"),
    [
        ("sheltering / trapped", {"sheltering"}),
        ("trapped / holed up", {"sheltering"}),
        ("killed", {"killed"}),
        ("shot_down", {"destroyed"}),
        (None, set()),
    ],
)
def test_normalize_measure(measure, families):
    assert normalize_measure(measure) == families


def test_score_seed_figures_partial_credit():
    text = "Intro line.\nGunmen killed 15 Ukrainian villagers.\nIt was 1990."
    start = text.index("15")
    right = FigureHit(
        id="f1", start=start, end=start + 2, value=15.0, category="civilians",
        measure="killed", side=None,
    )  # fmt: skip
    spurious = FigureHit(id="f2", start=text.index("1990"), end=len(text) - 1, value=1990.0)
    expected = [
        {"id": "F1", "value": 15, "counted": "villagers", "measure": "killed",
         "side_of_victims": "Ukraine", "line": 2},
    ]  # fmt: skip
    report = score_seed_figures(expected, [right, spurious], text)
    assert report.sections["figures"].tp == 1
    assert report.sections["figures"].fp == 1
    assert report.sections["figures.measure"].tp == 1
    assert report.sections["figures.category"].tp == 1
    assert report.sections["figures.side"].tp == 0
    assert report.sections["figures.side"].fn == 1


def test_score_seed_figures_optional_not_spurious():
    text = "Hundreds of civilians were trapped."
    hit = FigureHit(id="f1", start=0, end=8, value=None, lower=200.0, measure="sheltering")
    optional = [{"id": "F9", "value": None, "lower_bound": 200, "line": 1}]
    report = score_seed_figures([], [hit], text, optional_figures=optional)
    assert report.sections["figures"].fp == 0
