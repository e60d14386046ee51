"""``claimwire bench dates`` on a tiny MUC-like folder written here, and the seed scorer."""

from __future__ import annotations

import datetime as dt

import pytest

from claimwire.bench import dates as bench
from claimwire.components.dates import DateHit
from claimwire.errors import InputNotFoundError

TEXTS = """TST9-MUC4-0001

   SAN SALVADOR, 14 FEB 90 (RADIO) -- [TEXT] REBELS BOMBED A POWER PLANT
YESTERDAY IN THE EASTERN PROVINCE, THE ARMY REPORTED TODAY.

TST9-MUC4-0002

   LIMA, 3 JAN 90 (EFE) -- [TEXT] THE POLICE SAID THAT ON 30 DECEMBER
GUERRILLAS KIDNAPPED TWO ENGINEERS NEAR THE BORDER.

TST9-MUC4-0003

   BOGOTA, 5 MAR 90 -- [TEXT] A CAR BOMB EXPLODED IN THE CAPITAL, POLICE SAID.

TST9-MUC4-0004

   QUITO, 9 MAR 90 -- [TEXT] THE MINISTER SPOKE ABOUT THE ECONOMY.
"""

KEYS = """;;; a comment line
0.  MESSAGE: ID                     TST9-MUC4-0001 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  13 FEB 90
3.  INCIDENT: LOCATION              EL SALVADOR

0.  MESSAGE: ID                     TST9-MUC4-0002 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  (29 DEC 89 - 30 DEC 89) / (- 30 DEC 89)
3.  INCIDENT: LOCATION              PERU

0.  MESSAGE: ID                     TST9-MUC4-0003 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  - 05 MAR 90
3.  INCIDENT: LOCATION              COLOMBIA

0.  MESSAGE: ID                     TST9-MUC4-0004 (NCCOSC)
1.  MESSAGE: TEMPLATE               *
2.  INCIDENT: DATE                  *
"""


@pytest.fixture
def muc_folder(tmp_path):
    corpus = tmp_path / "raw" / "CORPORA" / "tst9"
    corpus.mkdir(parents=True)
    (corpus / "tst9-muc4").write_text(TEXTS, encoding="latin-1")
    (corpus / "key-tst9.v1").write_text(KEYS, encoding="latin-1")
    (corpus / "text-headers-info").write_text("grammar, not a message\n", encoding="latin-1")
    return tmp_path


def test_scores_a_muc_like_folder_end_to_end(muc_folder):
    report = bench.run(muc_folder)
    assert report.documents == 3  # the irrelevant message is not scored
    incident = report.sections["incident_date"]
    assert (incident.tp, incident.fp, incident.fn) == (3, 0, 0)
    specific = report.sections["incident_date_specific"]
    assert (specific.tp, specific.fn) == (1, 0)  # message 2 has an on-or-before alternative
    # the dateline alone gets only the on-or-before key right
    assert report.extra["baseline_dateline_only"]["incident_date"] == pytest.approx(1 / 3, abs=1e-3)
    assert report.seconds > 0


def test_limit_and_missing_folder(muc_folder, tmp_path_factory):
    assert bench.run(muc_folder, limit=1).documents == 1
    with pytest.raises(InputNotFoundError):
        bench.run(tmp_path_factory.mktemp("empty"))


@pytest.mark.parametrize(
    ("value", "anchor", "expected"),
    [
        ("30 DEC 89", None, [(dt.date(1989, 12, 30), dt.date(1989, 12, 30))]),
        ("- 30 DEC 89", None, [(bench.EARLIEST, dt.date(1989, 12, 30))]),
        ("26 DEC 89 - 30 DEC 89", None, [(dt.date(1989, 12, 26), dt.date(1989, 12, 30))]),
        ("? 11 NOV", dt.date(1990, 1, 3), [(dt.date(1989, 11, 11), dt.date(1989, 11, 11))]),
        ("-", None, []),
    ],
)
def test_parses_key_dates(value, anchor, expected):
    assert bench.parse_key_date(value, anchor) == expected


def _hit(text: str, first: dt.date, last: dt.date, granularity: str, role: str = "point"):
    return DateHit(0, len(text), text, first, last, granularity, "relative", role)


def test_seed_scorer_counts_expected_dates_and_spurious_ones():
    expected = {
        "document": {"published": "2022-06-14"},
        "figures": [{"date": "2022-06-13"}, {"since": "2022-02-24", "as_of": "2022-06-13"}],
        "events": [{"date": "2022-05"}],
    }
    day = dt.date(2022, 6, 13)
    hits = [
        _hit("on Monday", day, day, "day"),
        _hit("last month", dt.date(2022, 5, 1), dt.date(2022, 5, 31), "month"),
        _hit("so far", dt.date(2022, 6, 14), dt.date(2022, 6, 14), "day", role="as_of"),
        _hit("last week", dt.date(2022, 6, 6), dt.date(2022, 6, 12), "week"),
        _hit("this century", dt.date(2001, 1, 1), dt.date(2100, 12, 31), "century"),
    ]
    score = bench.score_seed_dates(expected, hits)
    assert (score.tp, score.fn, score.fp) == (2, 1, 2)


def test_seed_scorer_reads_date_records_too():
    from claimwire.models import DateMention, Span

    expected = {"document": {"published": "2022-06-14"}, "events": [{"date": "2022-06-13"}]}
    day = dt.date(2022, 6, 13)
    record = DateMention(
        id="d1", span=Span(start=0, end=6, text="Monday"), start=day, end=day,
        granularity="day", method="relative",
    )  # fmt: skip
    unresolved = DateMention(id="d2", span=Span(start=7, end=12, text="weeks"))
    score = bench.score_seed_dates(expected, [record, unresolved])
    assert (score.tp, score.fn, score.fp) == (1, 0, 0)
