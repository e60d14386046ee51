"""The REST API: every endpoint, filter and error, against the real app and a real server."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

import httpx
from fastapi.testclient import TestClient

from claimwire.web.app import create_app
from web_helpers import build_store, running_server

LISTS = ("articles", "figures", "claims", "events", "clusters", "contradictions", "places")


@pytest.fixture(scope="module")
def store(tmp_path_factory, example_text):
    path = tmp_path_factory.mktemp("web") / "store.db"
    ids = build_store(path, seed_text=example_text)
    return path, ids


LOOPBACK = ("127.0.0.1", 50000)
"""A test client on this machine (submissions are taken from loopback only)."""


@pytest.fixture(scope="module")
def client(store):
    app = create_app(store[0], allowed_hosts=["testserver"], allow_submit=True)
    with TestClient(app, client=LOOPBACK) as client:
        yield client


def form_token(client) -> str:
    """The hidden token of the submit form (the client keeps the session cookie)."""
    page = client.get("/submit").text
    return page.split('name="form_token" value="', 1)[1].split('"', 1)[0]


@pytest.fixture(scope="module")
def read_only(store):
    with TestClient(create_app(store[0], read_only=True, allowed_hosts=["testserver"])) as client:
        yield client


def items(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["status"] == status
    assert body["error"]["message"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_has_one_page_shape(client, name):
    body = client.get(f"/api/{name}").json()
    assert set(body) >= {"items", "total", "limit", "offset", "next", "previous"}
    assert body["total"] >= len(body["items"]) > 0
    assert body["limit"] == 50 and body["offset"] == 0


def test_health_answers_with_the_version(client):
    from claimwire.version import __version__

    assert client.get("/api/health").json() == {
        "status": "ok",
        "version": __version__,
        "read_only": False,
    }


def test_overview_counts_the_store(client, store):
    body = client.get("/api/overview").json()
    assert body["counts"]["articles"] == 4
    assert body["counts"]["figures"] >= 18
    assert {a["id"] for a in body["latest_articles"]} == set(store[1].values())
    assert body["top_claimants"][0]["mentions"] >= body["top_claimants"][-1]["mentions"]


def test_one_article_has_its_whole_result(client, store):
    body = client.get(f"/api/articles/{store[1]['seed']}").json()
    assert body["article"]["outlet"] == "Example Wire"
    result = body["result"]
    text = result["document"]["text"]
    assert len(result["figures"]) >= 18
    for figure in result["figures"]:
        span = figure["span"]
        assert text[span["start"] : span["end"]] == span["text"]


def test_article_page_shows_its_contradictions(client, store):
    result = client.get(f"/api/articles/{store[1]['seed']}").json()["result"]
    page = client.get(f"/articles/{store[1]['seed']}").text
    assert result["contradictions"]
    assert f"Contradictions ({len(result['contradictions'])})" in page
    assert result["contradictions"][0]["reason"].split()[0] in page


def test_series_have_points_in_date_order(client):
    body = client.get("/api/series?measure=destroyed&category=tanks").json()
    # "Russia had lost 200 tanks": Russia's tanks, after the seed's own tally of them
    russian = [s for s in body["items"] if s["side"] == "Russia"]
    values = [p["value"] for s in russian for p in s["points"]]
    assert values[-2:] == [200, 260]
    assert body["reference"] is None


def test_places_filter_by_country(client):
    found = items(client, "/api/places?country=GE")
    assert [place["name"] for place in found] == ["Tbilisi"]


@pytest.mark.parametrize(
    ("url", "check"),
    [
        ("/api/figures?since=2022-06-20&until=2022-06-21",
         lambda row: "2022-06-20" <= row["date"] <= "2022-06-21"),
        ("/api/figures?measure=destroyed&category=tanks",
         lambda row: (row["measure"], row["category"]) == ("destroyed", "tanks")),
        ("/api/figures?hedge=claimed", lambda row: row["hedge"] == "claimed"),
        ("/api/claims?claimant=Syniehubov", lambda row: "Syniehubov" in row["claimant"]),
        ("/api/claims?hedge=claimed", lambda row: row["hedge"] == "claimed"),
        ("/api/events?type=Protests", lambda row: row["type"] == "Protests"),
        ("/api/events?country=Georgia", lambda row: row["country"] == "GE"),
        ("/api/events?hedge=asserted", lambda row: row["hedge"] == "asserted"),
        ("/api/clusters?country=UA", lambda row: row["country"] == "UA"),
        ("/api/contradictions?type=statements&open=true",
         lambda row: row["kind"] == "statements" and row["settled_by"] is None),
        ("/api/articles?outlet=Daily", lambda row: row["outlet"] == "Daily Post"),
        ("/api/articles?since=2022-06-21", lambda row: row["published"] >= "2022-06-21"),
        ("/api/articles?country=GE", lambda row: row["outlet"] == "Daily Post"),
    ],
)  # fmt: skip
def test_filters_select_matching_rows_only(client, url, check):
    found = items(client, url)
    assert found, url
    assert all(check(row) for row in found)


def test_filters_narrow_the_total(client):
    everything = client.get("/api/events").json()["total"]
    protests = client.get("/api/events?type=Protests").json()["total"]
    assert 0 < protests < everything


def test_empty_parameters_mean_not_given(client):
    assert (
        client.get("/api/figures?since=&country=&hedge=").json()["total"]
        == (client.get("/api/figures").json()["total"])
    )


def test_sort_reverses_the_order(client):
    newest = [row["id"] for row in items(client, "/api/figures?limit=500")]
    oldest = [row["id"] for row in items(client, "/api/figures?limit=500&sort=date")]
    assert newest == oldest[::-1]
    dates = [row["date"] for row in items(client, "/api/figures?limit=500")]
    assert dates == sorted(dates, reverse=True)


def test_pages_cover_the_list_once(client):
    total = client.get("/api/claims").json()["total"]
    seen, url = [], "/api/claims?limit=7"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == total
    last = client.get(f"/api/claims?limit=7&offset={total - 1}").json()
    assert last["next"] is None and last["previous"] is not None


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/figures?limit=0", 422, "validation_error"),
        ("/api/figures?limit=501", 422, "validation_error"),
        ("/api/figures?offset=-1", 422, "validation_error"),
        ("/api/figures?limit=ten", 422, "validation_error"),
        ("/api/figures?since=2022-13-45", 422, "validation_error"),
        ("/api/figures?since=yesterday", 422, "validation_error"),
        ("/api/figures?since=2022-07-01&until=2022-06-01", 422, "validation_error"),
        ("/api/figures?hedge=maybe", 422, "validation_error"),
        ("/api/figures?sort=value", 422, "validation_error"),
        ("/api/figures?claimant=" + "x" * 201, 422, "validation_error"),
        ("/api/events?country=Narnia", 422, "invalid_option"),
        ("/api/contradictions?hedge=claimed", 422, "invalid_option"),
        ("/api/articles/doc_0000", 404, "not_found"),
        ("/api/nothing-here", 404, "not_found"),
    ],
)
def test_errors_have_one_shape(client, url, status, code):
    assert_error(client.get(url), status, code)


def test_wrong_method_is_an_error_too(client):
    assert_error(client.post("/api/figures", json={}), 405, "method_not_allowed")


def test_submit_stores_the_article_once(client):
    body = {"text": "Rebels said they killed 4 soldiers near Goma on Sunday.",
            "published": "2023-03-05", "outlet": "Test Times"}  # fmt: skip
    first = client.post("/api/articles", json=body)
    assert first.status_code == 201, first.text
    answer = first.json()
    assert answer["status"] == "new" and first.headers["location"] == answer["api_url"]
    stored = client.get(answer["api_url"]).json()
    assert stored["article"]["outlet"] == "Test Times"
    assert stored["result"]["document"]["published"] == "2023-03-05"
    assert client.post("/api/articles", json=body).json()["status"] == "unchanged"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": ""}, "validation_error"),
        ({"text": "x", "published": "someday"}, "validation_error"),
        ({"words": "no text field"}, "validation_error"),
        ({"text": "   \n  "}, "article_rejected"),
    ],
)
def test_bad_submissions_are_refused(client, body, code):
    assert_error(client.post("/api/articles", json=body), 422, code)


def test_malformed_json_is_a_validation_error(client):
    response = client.post(
        "/api/articles", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_error(response, 422, "validation_error")


def test_oversize_body_is_refused(client):
    response = client.post("/api/articles", json={"text": "a" * (6 * 1024 * 1024)})
    assert_error(response, 413, "body_too_large")


def test_read_only_refuses_submission(read_only):
    assert_error(read_only.post("/api/articles", json={"text": "Some text."}), 403, "read_only")
    assert read_only.post("/submit", data={"text": "Some text."}).status_code == 403
    assert "read-only" in read_only.get("/submit").text
    assert read_only.get("/api/figures").status_code == 200


def test_openapi_and_offline_docs(client):
    schema = client.get("/openapi.json").json()
    for name in (*LISTS, "overview", "series"):
        assert f"/api/{name}" in schema["paths"]
    assert "/api/articles/{document_id}" in schema["paths"]
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_responses_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize(
    ("page", "twin"),
    [("/", "/api/overview"), ("/events?hedge=asserted", "/api/events?hedge=asserted"),
     ("/figures", "/api/figures"), ("/claims", "/api/claims"), ("/series", "/api/series"),
     ("/contradictions", "/api/contradictions"), ("/articles", "/api/articles"),
     ("/map?type=Battles", "/api/clusters?type=Battles")],
)  # fmt: skip
def test_every_page_links_its_json_twin(client, page, twin):
    response = client.get(page)
    assert response.status_code == 200
    assert f'href="{twin.replace("&", "&amp;")}"' in response.text
    assert client.get(twin).status_code == 200


def test_page_errors_are_pages(client):
    response = client.get("/articles/doc_0000")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert client.get("/contradictions?limit=9999").status_code == 422
    kept = client.get("/events?limit=9999&type=Protests")  # list pages keep the other filters
    assert kept.status_code == 200 and "is not a whole number from 1 to 500" in kept.text


def test_a_real_server_answers_and_limits_bodies(store):
    app = create_app(store[0], read_only=True, max_body_bytes=1000)
    with running_server(app) as base:
        assert base.startswith("http://127.0.0.1:")
        overview = httpx.get(f"{base}/api/overview", timeout=10)
        assert overview.status_code == 200 and overview.json()["counts"]["articles"] >= 4
        assert_error(
            httpx.get(f"{base}/api/figures?limit=501", timeout=10), 422, "validation_error"
        )

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        streamed = httpx.post(f"{base}/api/articles", content=chunks(), timeout=10,
                              headers={"content-type": "application/json"})  # fmt: skip
        assert_error(streamed, 413, "body_too_large")
        assert httpx.get(f"{base}/", timeout=10).status_code == 200


def test_the_submit_form_takes_a_file_and_redirects(client):
    upload = (
        "<html><body><p>Officials said 6 civilians were killed in Aleppo on Monday.</p>"
        "</body></html>"
    )
    response = client.post(
        "/submit",
        data={
            "published": "2021-03-01",
            "outlet": "Upload Daily",
            "title": "Uploaded",
            "form_token": form_token(client),
        },
        files={"file": ("article.html", upload.encode(), "text/html")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    document_id = response.headers["location"].rsplit("/", 1)[-1]
    stored = client.get(f"/api/articles/{document_id}").json()
    assert stored["article"]["title"] == "Uploaded"
    assert "Aleppo" in stored["result"]["document"]["text"]
    assert "<p>" not in stored["result"]["document"]["text"]
    assert (
        client.post("/submit", data={"text": " ", "form_token": form_token(client)}).status_code
        == 422
    )


@pytest.mark.parametrize(
    ("context", "evidence", "shown"),
    [
        (
            "Officials said 12 were killed.",
            "12",
            "<q>Officials said <mark>12</mark> were killed.</q>",
        ),
        (None, "<b>", "<q><mark>&lt;b&gt;</mark></q>"),
        ("no such words", "<b>", "<q>no such words</q>"),
        ("x" * 300 + " 5 " + "y" * 300, "5", None),
    ],
)
def test_snippets_are_escaped_and_cut(context, evidence, shown):
    from claimwire.web.pages import snippet

    text = str(snippet(context, evidence))
    if shown is not None:
        assert text == shown
    else:
        assert "<mark>5</mark>" in text and len(text) < 280


@pytest.mark.parametrize(("span", "step"), [(0, 1), (7, 2), (40_000, 10_000), (0.4, 0.1)])
def test_chart_steps_are_round(span, step):
    from claimwire.web.svg import nice_step

    assert nice_step(span) == pytest.approx(step)


def test_serve_command_registers_and_refuses_a_missing_store(tmp_path):
    import click
    from click.testing import CliRunner

    from claimwire.cli.serve import register

    @click.group()
    def main() -> None:
        """A stand-in for the claimwire command group."""

    register(main)
    runner = CliRunner()
    help_text = runner.invoke(main, ["serve", "--help"]).output
    for option in ("--db", "--host", "--port", "--read-only", "--tile-url", "--workers"):
        assert option in help_text
    missing = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db"), "--read-only"])
    assert missing.exit_code == 2 and "no database at" in missing.output


def test_reference_overlay_and_tile_url(store):
    import datetime as dt

    from claimwire.store.charts import Reference

    points = ((dt.date(2022, 6, 1), 150.0), (dt.date(2022, 6, 30), 300.0))
    app = create_app(
        store[0],
        read_only=True,
        tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        reference=Reference("reference (losses.csv)", points, category="tanks", side="Russia"),
        allowed_hosts=["testserver"],
    )
    with TestClient(app) as client:
        body = client.get("/api/series?measure=destroyed").json()
        assert body["reference"]["label"] == "reference (losses.csv)"
        assert body["reference"]["category"] == "tanks"
        assert [p["value"] for p in body["reference"]["points"]] == [150.0, 300.0]
        page = client.get("/series?measure=destroyed&category=tanks")
        assert 'class="reference"' in page.text and "reference (losses.csv)" in page.text
        assert 'class="reference"' not in client.get("/series?category=soldiers").text
        map_page = client.get("/map")
        assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in map_page.text
        policy = map_page.headers["content-security-policy"]
        assert "https://*.tiles.example.org" in policy


@pytest.mark.parametrize(
    ("page", "twin", "function"),
    [
        ("/", "/api/overview", "overview"),
        ("/articles?outlet=Daily", "/api/articles?outlet=Daily", "article_list"),
        ("/figures?measure=killed", "/api/figures?measure=killed", "fact_list"),
        ("/contradictions", "/api/contradictions", "fact_list"),
        ("/series?hedge=claimed", "/api/series?hedge=claimed", "series"),
    ],
)
def test_a_page_and_its_json_twin_make_the_same_service_call(
    client, monkeypatch, page, twin, function
):
    from claimwire.web import service

    calls: list[tuple] = []
    real = getattr(service, function)

    def recording(context, *args):
        calls.append(args)
        return real(context, *args)

    monkeypatch.setattr(service, function, recording)
    assert client.get(page).status_code == 200
    assert client.get(twin).status_code == 200
    assert len(calls) == 2 and calls[0] == calls[1]


def test_the_app_context_is_typed_and_one(client):
    from claimwire.web.context import AppContext

    state = vars(client.app.state)["_state"]
    assert list(state) == ["context"]
    assert isinstance(state["context"], AppContext)


def test_off_topic_articles_are_listed_only_on_request(tmp_path):
    from claimwire.nlp.extract import extract
    from claimwire.store import open_store, write_result

    path = tmp_path / "topics.db"
    connection = open_store(path)
    texts = (
        "Rebels shelled the market in Kofi Town on Monday, killing 6 civilians, police said.",
        "A mudslide killed 9 people on Mount Orrin on Monday, the park service said.",
    )
    for text in texts:
        write_result(connection, extract(text, published="2024-03-04", outlet="Test Post"))
    connection.close()
    with TestClient(create_app(path, allowed_hosts=["testserver"])) as client:
        relevant = items(client, "/api/figures")
        every = items(client, "/api/figures?all_topics=true")
        assert [row["value"] for row in relevant] == [6]
        assert sorted(row["value"] for row in every) == [6, 9]
        assert len(items(client, "/api/articles")) == 1
        assert len(items(client, "/api/articles?all_topics=true")) == 2
        page = client.get("/figures?all_topics=true")
        assert page.status_code == 200
        assert 'name="all_topics" value="true" checked' in page.text
