"""Contradiction cards: bounds and sides decide what contradicts, reviews are stored through
a write endpoint that is off without a token and takes loopback clients only by default."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from claimwire.models import Figure, TimeRef
from claimwire.store import open_store, queries, write_result
from claimwire.store.contradictions import with_details
from claimwire.store.queries import Filters
from claimwire.store.reviews import latest_reviews, review_contradiction
from corpus_helpers import Article

MARIUPOL = {"gazetteer_id": "geonames:70", "name": "Mariupol", "admin1": "Donetsk",
            "country": "UA", "feature_class": "P"}  # fmt: skip


def _report(
    connection: sqlite3.Connection,
    text: str,
    number: str,
    *,
    claimant: str,
    value: float,
    claimant_side: str | None = None,
    lower: float | None = None,
    upper: float | None = None,
    qualifier: str | None = None,
    side: str | None = None,
    category: str = "civilians",
    measure: str = "killed",
) -> str:
    article = Article(text, published="2022-06-14", outlet="Daily", url=f"https://x.example/{text}")
    claim = article.claim(claimant, text[:15], side=claimant_side)
    place = article.place("Mariupol", **MARIUPOL) if "Mariupol" in text else None
    article.figures.append(
        Figure(
            id="F1",
            span=article.span(number),
            value=value,
            lower=lower,
            upper=upper,
            qualifier=qualifier,
            category=category,
            measure=measure,
            side=side,
            claim_id=claim,
            place_ids=[place] if place else [],
            time=TimeRef(as_of=dt.date(2022, 6, 13), cumulative=False),
        )
    )
    return write_result(connection, article.result()).document_id


@pytest.fixture
def connection(tmp_path: Path) -> sqlite3.Connection:
    connection = open_store(tmp_path / "cards.db")
    yield connection
    connection.close()


UP_TO_250 = ("Officials said up to 250 civilians died in Mariupol.", "up to 250",
             {"value": 250, "upper": 250, "qualifier": "up to"})  # fmt: skip
MORE_THAN_200 = ("Monitors said more than 200 civilians died in Mariupol.", "more than 200",
                 {"value": 200, "lower": 200, "qualifier": "more than"})  # fmt: skip
UP_TO_150 = ("The mayor said up to 150 civilians died in Mariupol.", "up to 150",
             {"value": 150, "upper": 150, "qualifier": "up to"})  # fmt: skip
EXACT_300 = ("Monitors said 300 civilians died in Mariupol.", "300", {"value": 300})
EXACT_200 = ("The mayor said 200 civilians died in Mariupol.", "200", {"value": 200})
UA_TANKS = {"side": "Ukraine", "category": "tanks", "measure": "destroyed"}
TANKS_UA = ("Russia destroyed 7 Ukrainian tanks in Mariupol.", "7",
            {"value": 7, "claimant_side": "Russia", **UA_TANKS})  # fmt: skip
TANKS_NONE = ("Russia lost 10 tanks in Mariupol, Kyiv said.", "10",
              {"value": 10, "category": "tanks", "measure": "destroyed",
               "claimant_side": "Ukraine"})  # fmt: skip
TANKS_OF_ENEMY = ("Moscow said Kyiv lost 10 tanks in Mariupol.", "10",
                  {"value": 10, "category": "tanks", "measure": "destroyed",
                   "claimant_side": "Russia"})  # fmt: skip
TANKS_UA_10 = ("Kyiv admitted losing 10 tanks in Mariupol.", "10", {"value": 10, **UA_TANKS})


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        (UP_TO_250, MORE_THAN_200, None),  # 200 < x <= 250 satisfies both
        (UP_TO_150, MORE_THAN_200, {"up to 150", "more than 200"}),
        (EXACT_300, EXACT_200, {"300", "200"}),
        (UP_TO_250, EXACT_300, {"up to 250", "300"}),
        (MORE_THAN_200, EXACT_300, None),
        (TANKS_UA, TANKS_NONE, None),  # Kyiv's unstated side is not its own: Russia's tanks
        (TANKS_UA, TANKS_OF_ENEMY, {"7", "10"}),  # Moscow's unstated side: Ukraine's
        (TANKS_UA, TANKS_UA_10, {"7", "10"}),  # the same side, two values
    ],
    ids=[
        "overlapping-bounds",
        "disjoint-bounds",
        "two-values",
        "bound-and-value",
        "bound-met",
        "side-missing",
        "side-missing-enemy",
        "same-side",
    ],
)
def test_what_contradicts(connection, first, second, values) -> None:
    for claimant, (text, number, fields) in (("Mayor", first), ("Monitor", second)):
        _report(connection, text, number, claimant=claimant, **fields)
    rows = queries.contradictions(connection, Filters())
    if values is None:
        assert rows == []
    else:
        (row,) = rows
        assert {row["a_value"], row["b_value"]} == values


def test_cards_show_bounds_sides_and_withdraw_what_old_rules_recorded(connection) -> None:
    first = _report(connection, UP_TO_250[0], UP_TO_250[1], claimant="Mayor", **UP_TO_250[2])
    second = _report(connection, MORE_THAN_200[0], MORE_THAN_200[1], claimant="Monitor",
                     **MORE_THAN_200[2])  # fmt: skip
    # what an older claimwire stored: "250" against "200", "cannot both hold"
    connection.execute(
        "INSERT INTO contradictions (id, kind, reason, measure, category, date, a_kind, a_id, "
        "a_document, a_claimant, a_value, a_evidence, b_kind, b_id, b_document, b_claimant, "
        "b_value, b_evidence, detected_by) VALUES ('contra:old', 'figures', 'cannot both hold', "
        "'killed', 'civilians', '2022-06-13', 'figure', ?, ?, 'Mayor', '250', 'up to 250', "
        "'figure', ?, ?, 'Monitor', '200', 'more than 200', ?)",
        (f"{first}:F1", first, f"{second}:F1", second, second),
    )
    (card,) = with_details(connection, queries.contradictions(connection, Filters()))
    assert (card["a_value"], card["b_value"]) == ("up to 250", "more than 200")
    assert card["holds"] is False and card["review_verdict"] is None and card["reviews"] == 0


def test_reviews_are_kept_and_the_latest_is_the_state(connection) -> None:
    _report(connection, *EXACT_300[:2], claimant="Mayor", **EXACT_300[2])
    _report(connection, *EXACT_200[:2], claimant="Monitor", **EXACT_200[2])
    (row,) = queries.contradictions(connection, Filters())
    when = dt.datetime(2022, 7, 1, 12, tzinfo=dt.UTC)
    review_contradiction(connection, row["id"], verdict="confirmed", reason="two counts",
                         now=when)  # fmt: skip
    review_contradiction(connection, row["id"], verdict="dismissed", reason="  different\n days ",
                         now=when + dt.timedelta(hours=1))  # fmt: skip
    latest = latest_reviews(connection, [row["id"]])[row["id"]]
    assert (latest["verdict"], latest["reason"], latest["reviews"]) == (
        "dismissed",
        "different days",
        2,
    )
    assert review_contradiction(connection, "contra:none", verdict="confirmed", reason="x") is None
    from claimwire.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError, match="verdict"):
        review_contradiction(connection, row["id"], verdict="maybe", reason="x")
    with pytest.raises(InvalidOptionError, match="reason"):
        review_contradiction(connection, row["id"], verdict="confirmed", reason="  ")


# --- the write endpoint ---------------------------------------------------------------

pytest.importorskip("fastapi")


@pytest.fixture
def store_path(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "web.db"
    connection = open_store(path)
    _report(connection, *EXACT_300[:2], claimant="Mayor", **EXACT_300[2])
    _report(connection, *EXACT_200[:2], claimant="Monitor", **EXACT_200[2])
    (row,) = queries.contradictions(connection, Filters())
    connection.close()
    return path, str(row["id"])


def _post(base: str, contradiction: str, token: str | None, verdict: str = "confirmed"):
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return httpx.post(
        f"{base}/api/contradictions/{contradiction}/review",
        json={"verdict": verdict, "reason": "the mayor counted the city only"},
        headers=headers,
    )


def test_reviews_are_off_without_a_token(store_path) -> None:
    from claimwire.web.app import create_app
    from web_helpers import running_server

    path, contradiction = store_path
    with running_server(create_app(path)) as base:
        response = _post(base, contradiction, "anything")
        assert response.status_code == 403 and response.json()["error"]["code"] == "reviews_off"


def test_a_review_needs_the_right_token_and_is_stored(store_path) -> None:
    import httpx

    from claimwire.web.app import create_app
    from web_helpers import running_server

    path, contradiction = store_path
    with running_server(create_app(path, token="s3cret-token")) as base:
        assert _post(base, contradiction, None).status_code == 401
        wrong = _post(base, contradiction, "s3cret-tokeN")
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "bad_token"
        assert _post(base, "contra:nothing", "s3cret-token").status_code == 404
        bad = _post(base, contradiction, "s3cret-token", verdict="perhaps")
        assert bad.status_code == 422
        done = _post(base, contradiction, "s3cret-token", verdict="dismissed")
        assert done.status_code == 201, done.text
        body = httpx.get(f"{base}/api/contradictions/{contradiction}").json()
        assert body["review_verdict"] == "dismissed"
        assert body["review_reason"] == "the mayor counted the city only"
    connection = open_store(path, readonly=True)
    assert connection.execute("SELECT count(*) FROM contradiction_reviews").fetchone()[0] == 1


def test_reviews_come_from_loopback_only_unless_asked(store_path) -> None:
    from fastapi.testclient import TestClient

    from claimwire.web.app import create_app

    path, contradiction = store_path
    url = f"/api/contradictions/{contradiction}/review"
    body = {"verdict": "confirmed", "reason": "checked"}
    headers = {"Authorization": "Bearer tok"}
    with TestClient(
        create_app(path, token="tok", allowed_hosts=["testserver"])
    ) as client:  # its client is "testclient"
        refused = client.post(url, json=body, headers=headers)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_loopback"
    with TestClient(
        create_app(path, token="tok", review_from_anywhere=True, allowed_hosts=["testserver"])
    ) as client:
        assert client.post(url, json=body, headers=headers).status_code == 201
    with TestClient(
        create_app(path, token="tok", read_only=True, allowed_hosts=["testserver"])
    ) as client:
        assert client.post(url, json=body, headers=headers).status_code == 403
