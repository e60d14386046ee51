"""Series that never invent: claimed values as claimed, computed totals flagged and only
where no period or place is counted twice, one chart per measure, category, side and
conflict, a reference only where it counts the same thing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from claimwire.models import Figure, TimeRef
from claimwire.store import open_store, queries, write_result
from claimwire.store.charts import Reference, chart_groups
from claimwire.store.queries import Filters
from claimwire.store.series import read_series
from corpus_helpers import Article

TODAY = dt.date(2022, 7, 1)
LYSYCHANSK = {"gazetteer_id": "geonames:1", "name": "Lysychansk", "admin1": "Luhansk",
              "country": "UA", "feature_class": "P"}  # fmt: skip
SIEVIERODONETSK = {"gazetteer_id": "geonames:2", "name": "Sievierodonetsk", "admin1": "Luhansk",
                   "country": "UA", "feature_class": "P"}  # fmt: skip
LUHANSK = {"gazetteer_id": "iso:UA-09", "name": "Luhansk Oblast", "admin1": "Luhansk",
           "country": "UA", "feature_class": "A"}  # fmt: skip
KHARKIV = {"gazetteer_id": "geonames:3", "name": "Kharkiv", "admin1": "Kharkiv",
           "country": "UA", "feature_class": "P"}  # fmt: skip


@pytest.fixture
def connection(tmp_path: Path) -> sqlite3.Connection:
    connection = open_store(tmp_path / "series.db")
    yield connection
    connection.close()


def _report(
    connection: sqlite3.Connection,
    text: str,
    published: str,
    value: float,
    *,
    claimant: str | None = "General Staff of Ukraine",
    category: str = "tanks",
    measure: str = "destroyed",
    side: str | None = "Russia",
    cumulative: bool = False,
    as_of: str | None = None,
    since: str | None = None,
    place: dict | None = None,
    outlet: str = "Kyiv Daily",
) -> None:
    """One article with one figure (evidence: the number as written in ``text``)."""
    article = Article(text, published=published, outlet=outlet, url=f"https://x.example/{text}")
    claim = article.claim(claimant, text[:20]) if claimant else None
    place_id = article.place(place["name"], **place) if place else None
    number = f"{value:,.0f}"
    article.figures.append(
        Figure(
            id="F1",
            span=article.span(number),
            value=value,
            category=category,
            measure=measure,
            side=side,
            claim_id=claim,
            place_ids=[place_id] if place_id else [],
            time=TimeRef(
                as_of=dt.date.fromisoformat(as_of) if as_of else None,
                since=dt.date.fromisoformat(since) if since else None,
                until=dt.date.fromisoformat(as_of) if since and as_of else None,
                cumulative=cumulative,
            ),
        )
    )
    write_result(connection, article.result())


def _points(connection: sqlite3.Connection, **filters: object) -> list[tuple]:
    (series,) = read_series(connection, Filters(**filters), today=TODAY)
    return [(p.date, p.kind, p.claimed, p.total, p.computed) for p in series.points]


def test_today_and_over_two_weeks_are_never_added(connection: sqlite3.Connection) -> None:
    _report(connection, "Russia has lost 1,000 tanks in all.", "2022-05-31", 1000,
            cumulative=True, as_of="2022-05-31")  # fmt: skip
    _report(connection, "Russia lost 36 tanks today.", "2022-06-14", 36, as_of="2022-06-14")
    _report(connection, "Russia lost 130 tanks over two weeks.", "2022-06-14", 130,
            since="2022-06-01", as_of="2022-06-14")  # fmt: skip
    points = _points(connection)
    assert points[0] == ("2022-05-31", "total", 1000, 1000, False)
    claimed = {(p[1], p[2]) for p in points[1:]}
    assert claimed == {("increment", 36), ("increment", 130)}  # both shown as claimed
    totals = {p[3] for p in points}
    assert not {166, 1166} & totals
    assert points[-1][3] is None  # the second, overlapping count stops the computed total
    assert [p[4] for p in points].count(True) == 1


def test_separate_days_add_up_and_the_total_is_flagged_computed(
    connection: sqlite3.Connection,
) -> None:
    _report(connection, "Russia has lost 1,000 tanks in all.", "2022-06-01", 1000,
            cumulative=True, as_of="2022-06-01")  # fmt: skip
    _report(connection, "Russia lost 36 tanks on Monday.", "2022-06-14", 36, as_of="2022-06-13")
    _report(connection, "Russia lost 12 tanks on Tuesday.", "2022-06-15", 12, as_of="2022-06-14")
    assert _points(connection) == [
        ("2022-06-01", "total", 1000, 1000, False),
        ("2022-06-13", "increment", 36, 1036, True),
        ("2022-06-14", "increment", 12, 1048, True),
    ]


def test_a_town_and_its_province_are_not_double_counted(connection: sqlite3.Connection) -> None:
    common = {"category": "civilians", "measure": "killed", "side": None,
              "claimant": "Serhiy Haidai"}  # fmt: skip
    _report(connection, "Haidai said 500 civilians have been killed in all.", "2022-06-01",
            500, cumulative=True, as_of="2022-06-01", **common)  # fmt: skip
    _report(connection, "Haidai said 4 civilians were killed in Lysychansk.", "2022-06-08", 4,
            as_of="2022-06-07", place=LYSYCHANSK, **common)  # fmt: skip
    _report(connection, "Haidai said 9 civilians were killed in Luhansk Oblast.", "2022-06-08", 9,
            as_of="2022-06-07", place=LUHANSK, **common)  # fmt: skip
    points = _points(connection)
    assert sorted(p[2] for p in points) == [4, 9, 500]
    assert 513 not in {p[3] for p in points}
    assert points[-1][3] is None


def test_two_towns_on_one_day_add_up(connection: sqlite3.Connection) -> None:
    common = {"category": "civilians", "measure": "killed", "side": None,
              "claimant": "Serhiy Haidai"}  # fmt: skip
    _report(connection, "Haidai said 500 civilians have been killed in all.", "2022-06-01",
            500, cumulative=True, as_of="2022-06-01", **common)  # fmt: skip
    _report(connection, "Haidai said 4 civilians were killed in Lysychansk.", "2022-06-08", 4,
            as_of="2022-06-07", place=LYSYCHANSK, **common)  # fmt: skip
    _report(connection, "Haidai said 3 civilians were killed in Sievierodonetsk.", "2022-06-08",
            3, as_of="2022-06-07", place=SIEVIERODONETSK, **common)  # fmt: skip
    points = _points(connection)
    assert points[-1][3] == 507 and [p[4] for p in points] == [False, True, True]


def test_increments_without_a_claimed_total_make_no_total(connection: sqlite3.Connection) -> None:
    for day, value in (("2022-06-13", 36), ("2022-06-14", 12), ("2022-06-15", 50)):
        _report(connection, f"Russia lost {value} tanks that day.", day, value, as_of=day)
    assert [(p[2], p[3]) for p in _points(connection)] == [(36, None), (12, None), (50, None)]


def test_implausible_dates_are_left_out_and_counted(connection: sqlite3.Connection) -> None:
    _report(connection, "Russia has lost 1,000 tanks in all.", "2022-06-01", 1000,
            cumulative=True, as_of="2022-06-01")  # fmt: skip
    _report(connection, "Russia has lost 1,200 tanks in all.", "2022-06-20", 1200,
            cumulative=True, as_of="2022-06-20")  # fmt: skip
    _report(
        connection,
        "Russia will have lost 2,000 tanks in all.",
        "2022-06-05",
        2000,
        cumulative=True,
        as_of="2022-12-01",
    )  # fmt: skip  after its publication
    (series,) = read_series(connection, Filters(), today=TODAY)
    assert [p.claimed for p in series.points] == [1000, 1200] and series.excluded == 1
    assert chart_groups([series]).excluded == 1


def test_outlet_figures_split_by_conflict_and_say_who_reported(
    connection: sqlite3.Connection,
) -> None:
    for text, day, place in (
        ("Shelling killed 4 civilians in Lysychansk.", "2022-06-07", LYSYCHANSK),
        ("Shelling killed 6 civilians in Kharkiv.", "2022-06-08", KHARKIV),
        ("Shelling killed 7 civilians in Aleppo.", "2022-06-09",
         {"gazetteer_id": "geonames:9", "name": "Aleppo", "country": "SY", "feature_class": "P"}),
        ("Shelling killed 2 civilians in Idlib.", "2022-06-10",
         {"gazetteer_id": "geonames:8", "name": "Idlib", "country": "SY", "feature_class": "P"}),
    ):  # fmt: skip
        value = float(text.split()[2])
        _report(connection, text, day, value, claimant=None, category="civilians",
                measure="killed", side=None, as_of=day, place=place,
                outlet="Global Wire")  # fmt: skip
    found = read_series(connection, Filters(), today=TODAY)
    assert {(s.label, s.conflict, len(s.points)) for s in found} == {
        ("reported by Global Wire", "UA", 2),
        ("reported by Global Wire", "SY", 2),
    }
    charts = chart_groups(found)
    assert sorted(group.title for group in charts.groups) == [
        "Killed civilians · Syrian Arab Republic",
        "Killed civilians · Ukraine",
    ]


def test_one_point_groups_are_listed_not_charted(connection: sqlite3.Connection) -> None:
    _report(connection, "Russia has lost 1,000 tanks in all.", "2022-06-01", 1000,
            cumulative=True, as_of="2022-06-01")  # fmt: skip
    _report(connection, "Russia has lost 1,200 tanks in all.", "2022-06-20", 1200,
            cumulative=True, as_of="2022-06-20")  # fmt: skip
    _report(connection, "Ukraine lost 3 aircraft.", "2022-06-03", 3, category="aircraft",
            side="Ukraine", as_of="2022-06-02")  # fmt: skip
    charts = chart_groups(read_series(connection, Filters(), today=TODAY))
    assert [(g.category, [p.name for p in g.panels]) for g in charts.groups] == [
        ("tanks", ["totals"])
    ]
    assert [s.category for s in charts.single] == ["aircraft"]


@pytest.mark.parametrize(
    ("category", "side", "drawn_on"),
    [
        ("tanks", "Russia", ["Russia"]),
        ("tanks", "Ukraine", ["Ukraine"]),
        ("soldiers", "Russia", []),
        (None, None, []),
    ],
)
def test_a_reference_is_drawn_only_where_side_and_category_match(
    connection: sqlite3.Connection, category: str | None, side: str | None, drawn_on: list[str]
) -> None:
    for who in ("Russia", "Ukraine"):
        for day, value in (("2022-06-01", 1000), ("2022-06-20", 1200)):
            _report(connection, f"{who} has lost {value:,} tanks in all.", day, value,
                    cumulative=True, as_of=day, side=who)  # fmt: skip
    reference = Reference("reference (x.csv)", ((dt.date(2022, 6, 5), 1100.0),), category, side)
    charts = chart_groups(read_series(connection, Filters(), today=TODAY), reference)
    with_reference = [
        group.side
        for group in charts.groups
        for panel in group.panels
        if any(line.kind == "reference" for line in panel.lines)
    ]
    assert with_reference == drawn_on
    assert len(charts.groups) == 2


# --- events and fatalities over time ---------------------------------------------------


def _shelling(connection: sqlite3.Connection, claimant: str, killed: int, *, day: str,
              published: str, outlet: str) -> None:  # fmt: skip
    from corpus_helpers import SHELLING

    text = f"{claimant} said shelling killed {killed} people in Lysychansk on Tuesday."
    article = Article(text, published=published, outlet=outlet, url=f"https://x.example/{text}")
    claim = article.claim(claimant, text[:20])
    place = article.place("Lysychansk", **LYSYCHANSK)
    date = article.date("Tuesday", day)
    figure = article.figure(str(killed), killed, category="people", measure="killed",
                            claim=claim, place=place, cumulative=False)  # fmt: skip
    article.event("shelling", SHELLING, place=place, date=date, claim=claim, figures=(figure,))
    write_result(connection, article.result())


def test_events_count_once_and_fatalities_stay_per_claimant(
    connection: sqlite3.Connection,
) -> None:
    from claimwire.store.activity import activity

    _shelling(connection, "Serhiy Haidai", 10, day="2022-06-07", published="2022-06-08",
              outlet="Kyiv Daily")  # fmt: skip
    _shelling(connection, "Government of Russia", 2, day="2022-06-07", published="2022-06-08",
              outlet="Moscow Herald")  # fmt: skip
    _shelling(connection, "UN Monitoring Mission", 12, day="2022-06-07",
              published="2022-06-09", outlet="Euro Post")  # fmt: skip
    _shelling(
        connection,
        "Serhiy Haidai",
        3,
        day="2030-01-01",
        published="2022-06-10",
        outlet="Kyiv Daily",
    )  # fmt: skip  a resolver's slip: after publication
    found = activity(connection, Filters())
    assert found.periods == [dt.date(2022, 6, 7)]
    assert found.events == {"Explosions/Remote violence": [1]}  # three reports, one event
    assert found.fatalities == {
        "UN Monitoring Mission": [12.0],
        "Serhiy Haidai": [10.0],
        "Government of Russia": [2.0],
    }  # never 24
    assert found.excluded == 1 and found.excluded_examples[0]["date"] == "2030-01-01"
    from claimwire.store.activity import TIMELINE

    timeline = connection.execute(*TIMELINE.sql(Filters())).fetchall()
    assert {row["date"] for row in timeline} == {"2022-06-07"}
    assert len(queries.rows(connection, "events", Filters())) == 4  # the export keeps all


def test_a_series_as_data_is_what_asdict_gives(connection: sqlite3.Connection) -> None:
    import dataclasses

    _report(connection, "Russia has lost 1,000 tanks in all.", "2022-06-01", 1000,
            cumulative=True, as_of="2022-06-01")  # fmt: skip
    _report(connection, "Russia lost 36 tanks on Monday.", "2022-06-14", 36, as_of="2022-06-13")
    (entry,) = read_series(connection, Filters())
    data = entry.to_dict()
    assert data == dataclasses.asdict(entry) and len(data["points"]) == 2  # type: ignore[arg-type]


ALEPPO = {"gazetteer_id": "geonames:4", "name": "Aleppo", "admin1": "Aleppo",
          "country": "SY", "feature_class": "P"}  # fmt: skip


def _long_series(connection: sqlite3.Connection) -> None:
    """Two claimants, two measures, two conflicts, over two years: running totals,
    increments on days and over windows that overlap, a town and its province, a figure
    dated after its article, and an older figure that arrives last."""
    start = dt.date(2021, 1, 4)
    for step in range(0, 720, 30):
        day = (start + dt.timedelta(days=step)).isoformat()
        _report(connection, f"Russia has lost {1000 + step:,} tanks in all by {day}.", day,
                1000 + step, cumulative=True, as_of=day)  # fmt: skip
        later = (start + dt.timedelta(days=step + 3)).isoformat()
        _report(connection, f"Russia lost {5 + step % 7} tanks on {later}.", later,
                5 + step % 7, as_of=later)  # fmt: skip
        if step % 60 == 0:  # a window over the day before: overlaps, breaks the total
            window = (start + dt.timedelta(days=step + 1)).isoformat()
            _report(connection, f"Russia lost {20 + step % 5} tanks since {window}.", later,
                    20 + step % 5, since=window, as_of=later)  # fmt: skip
        _report(connection, f"Haidai said {3 + step % 4} civilians died in Lysychansk {later}.",
                later, 3 + step % 4, as_of=later, place=LYSYCHANSK, category="civilians",
                measure="killed", side=None, claimant="Serhiy Haidai")  # fmt: skip
        _report(connection, f"Haidai said {9 + step % 3} died in Luhansk Oblast {later}.", later,
                9 + step % 3, as_of=later, place=LUHANSK, category="civilians",
                measure="killed", side=None, claimant="Serhiy Haidai")  # fmt: skip
        if step % 90 == 0:
            _report(connection, f"Russia lost {2 + step % 3} tanks near Aleppo on {later}.",
                    later, 2 + step % 3, as_of=later, place=ALEPPO)  # fmt: skip
    for step in range(0, 1500, 45):  # over four years: a point a month when thinned
        day = (start + dt.timedelta(days=step)).isoformat()
        _report(connection, f"Shoigu said {400 + step:,} aircraft were destroyed by {day}.",
                day, 400 + step, cumulative=True, as_of=day, category="aircraft",
                side="Ukraine", claimant="Sergei Shoigu")  # fmt: skip
        if step % 90 == 0:
            _report(connection, f"Shoigu said {step % 11} aircraft fell on {day}.", day,
                    step % 11, as_of=day, category="aircraft", side="Ukraine",
                    claimant="Sergei Shoigu")  # fmt: skip
    _report(connection, "Russia lost 7 tanks on 2021-03-02, after its publication.",
            "2021-02-20", 7, as_of="2021-03-02")  # fmt: skip
    _report(connection, "Russia has lost 1,010 tanks in all by 2021-01-20 (late).",
            "2022-12-30", 1010, cumulative=True, as_of="2021-01-20")  # fmt: skip


def test_long_series_read_from_their_days_are_the_points_thinned(
    connection: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimwire.store import buckets

    _long_series(connection)
    read_point_by_point: list[str] = []
    figure_rows = buckets.figure_rows

    def recorded(connection: sqlite3.Connection, series_ids: list[str]) -> object:
        read_point_by_point.extend(series_ids)
        return figure_rows(connection, series_ids)

    monkeypatch.setattr(buckets, "figure_rows", recorded)
    today = dt.date(2025, 6, 1)
    cases = [{}, {"since": dt.date(2021, 5, 1), "until": dt.date(2022, 2, 10)},
             {"since": dt.date(2022, 1, 1)}, {"country": "UA"}, {"country": "SY"},
             {"claimant": "Serhiy Haidai"}, {"measure": "destroyed", "limit": 1, "offset": 0},
             {"until": dt.date(2021, 2, 1)},
             {"since": dt.date(2021, 2, 3), "until": dt.date(2021, 11, 3)}]  # fmt: skip
    by_days, periods = 0, set()
    for limit in (3, 10, 200):
        for case in cases:
            filters = Filters(**{"limit": None, **case})
            expected = [buckets.thin(entry, limit=limit)
                        for entry in read_series(connection, filters, today=today)]  # fmt: skip
            read_point_by_point.clear()
            found = buckets.thinned_series(connection, filters, today=today, limit=limit)
            assert found == expected, (limit, case)
            by_days += len({e.series.id for e in found} - set(read_point_by_point))
            periods |= {e.period for e in found if e.series.id not in read_point_by_point}
    assert by_days >= 10  # most long series were read from their days
    assert periods == {"day", "week", "month"}
    # a day after the last figure: a series with a figure dated later is read point by point
    early = buckets.thinned_series(connection, Filters(limit=None), today=dt.date(2021, 6, 1),
                                   limit=3)  # fmt: skip
    assert early == [buckets.thin(entry, limit=3) for entry in read_series(
        connection, Filters(limit=None), today=dt.date(2021, 6, 1))]  # fmt: skip


def test_series_days_are_kept_equal_to_a_rebuild(connection: sqlite3.Connection) -> None:
    from claimwire.store.series import rebuild_days

    _long_series(connection)

    def tables() -> list[list[tuple]]:
        return [
            [tuple(row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]
            for table in ("series_days", "series_conflicts")
        ]

    kept = tables()
    assert kept[0] and kept[1]
    connection.execute("BEGIN")
    rebuild_days(connection)
    connection.execute("COMMIT")
    assert tables() == kept
