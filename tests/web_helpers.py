"""Helpers of the web tests: a store built from articles the tests write, a real server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from claimwire.store import mapindex
from claimwire.web.background import serving_in_thread

ARTICLES = [
    (
        "Russian missiles struck Kharkiv on Tuesday, killing 5 civilians, the regional governor "
        "Oleh Syniehubov said. The Ukrainian military said it shot down 3 drones over Kyiv.",
        "2022-06-20",
        "Daily Post",
    ),
    (
        "Ukraine's General Staff said on Monday that Russia had lost 200 tanks since the start "
        "of the invasion. Russia's defence ministry said 7 Ukrainian soldiers were killed in "
        "Kharkiv.",
        "2022-06-21",
        "Evening Herald",
    ),
    (
        "Ukraine's General Staff said on Thursday that Russia had lost 260 tanks since the start "
        "of the invasion. Protesters marched in Tbilisi on Friday, police said.",
        "2022-06-24",
        "Daily Post",
    ),
]
KHARKIV = (49.98, 36.25)
TBILISI = (41.69, 44.83)

HOSTILE_TITLE = "<script>window.pwned=1</script> hostile"


def hostile_text(run: int = 60_000) -> str:
    """Markup, scripts, mixed directions and one unbroken word of ``run`` characters (far
    wider than any screen; ``run=990_000`` makes the article nearly the default limit)."""
    return (
        "<script>window.pwned = 1; alert('x')</script> Officials said 12 people were killed "
        'in Kharkiv on Monday. <img src=x onerror="window.pwned=2"> 🙂🔥\n'
        "قال مسؤولون إن 12 شخصا قتلوا في خاركيف يوم الاثنين.\n"
        "שלום עולם ‮evil‬ text\n" + "A" * run + "\nThe end.\n"
    )


def build_store(
    path: Path, *, seed_text: str | None = None, hostile: bool = False, hostile_run: int = 60_000
) -> dict:
    """A store with the test articles (and the seed, the hostile article with an unbroken
    word of ``hostile_run`` characters); their ids."""
    from claimwire.nlp.extract import extract
    from claimwire.store import open_store, write_result

    connection = open_store(path)
    ids: dict[str, str] = {}
    try:
        if seed_text is not None:
            result = extract(
                seed_text, published="2022-06-14", outlet="Example Wire", title="Seed example"
            )
            ids["seed"] = write_result(connection, result).document_id
        for index, (text, published, outlet) in enumerate(ARTICLES):
            result = extract(text, published=published, outlet=outlet)
            ids[f"article{index}"] = write_result(connection, result).document_id
        if hostile:
            result = extract(
                hostile_text(hostile_run),
                published="2022-06-25",
                outlet="<b>Bad</b>",
                title=HOSTILE_TITLE,
            )
            ids["hostile"] = write_result(connection, result).document_id
    finally:
        connection.close()
    return ids


@contextlib.contextmanager
def running_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    with serving_in_thread(app, start_timeout=20) as url:
        yield url


def generate_store(path: Path, *, articles: int = 20_000, seed: int = 7) -> None:
    """A large store written row by row in SQL (no extraction): ``articles`` documents with
    3 figures, 2 claims and 1 event each, clusters, series and contradictions."""
    import datetime as dt
    import random

    from claimwire.store import open_store

    rng = random.Random(seed)
    connection = open_store(path)
    start = dt.date(2022, 2, 24)
    claimants = [(f"claimant:{i}", f"Spokesperson {i}", "person") for i in range(60)]
    places = [
        (f"place:{i}", f"Town {i}", rng.choice(["UA", "SY", "SD", "YE", "ML"]),
         rng.uniform(10, 55), rng.uniform(-10, 50))
        for i in range(300)
    ]  # fmt: skip
    outlets = [f"Outlet {i}" for i in range(40)]
    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"]
    hedges = ["asserted", "claimed", "reported", "unconfirmed", "denied"]
    measures = [("killed", "civilians"), ("killed", "soldiers"), ("destroyed", "tanks")]
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO entities (id, kind, name, type, mentions) VALUES (?, 'claimant', ?, ?, 0)",
        claimants,
    )
    connection.executemany(
        "INSERT INTO entity_names (kind, key, name, entity_id) VALUES ('claimant', ?, ?, ?)",
        [(name.lower(), name, entity) for entity, name, _ in claimants],
    )
    connection.executemany(
        "INSERT INTO entities (id, kind, name, type, country, lat, lon, mentions) "
        "VALUES (?, 'place', ?, 'P', ?, ?, ?, 1)",
        places,
    )
    series = {}
    for entity, name, _ in claimants:
        for measure, category in measures:
            series_id = f"series:{entity}:{measure}:{category}"
            series[(entity, measure, category)] = series_id
            connection.execute(
                "INSERT INTO series (id, claimant_entity, claimant, measure, category, unit, "
                "points) VALUES (?, ?, ?, ?, ?, 'count', 1)",
                (series_id, entity, name, measure, category),
            )
    documents, figures, claims, events, clusters = [], [], [], [], []
    for seq in range(1, articles + 1):
        document = f"doc_{seq:010d}"
        published = (start + dt.timedelta(days=rng.randrange(700))).isoformat()
        outlet = rng.choice(outlets)
        text = f"Article {seq}. " + "Officials said 12 people were killed in Town 3. " * 6
        documents.append((document, seq, document, f"hash{seq}", outlet, published, text))
        for index in range(3):
            entity, name, kind = rng.choice(claimants)
            measure, category = rng.choice(measures)
            place = rng.choice(places)
            figures.append((
                f"{document}:f{index}", document, rng.randrange(1, 500), 0, "count", category,
                measure, 0, "actual", "new", published, "published", f"{document}:c0", name,
                kind, entity, rng.choice(hedges), place[1], place[0], place[2],
                series[(entity, measure, category)], 15, 17, "12", text[:120], outlet, published,
            ))  # fmt: skip
        for index in range(2):
            entity, name, kind = rng.choice(claimants)
            claims.append((
                f"{document}:c{index}", document, name, kind, entity, "indirect",
                rng.choice(hedges), "said", text[10:80], 10, 80, published, outlet, published,
            ))  # fmt: skip
        entity, name, kind = rng.choice(claimants)
        place = rng.choice(places)
        event_type = rng.choice(types)
        cluster = f"{document}:e0"
        events.append((
            cluster, document, event_type, "new", "[]", "[]", place[1], place[0], place[2],
            place[3], place[4], published, published, published, "published", name, kind,
            entity, rng.choice(hedges), cluster, 40, 46, "killed", text[:120], outlet, published,
        ))  # fmt: skip
        clusters.append((cluster, event_type, place[0], place[2], published, published))
    connection.executemany(
        "INSERT INTO documents (id, seq, version_key, text_hash, outlet, published, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        documents,
    )
    connection.executemany(
        "INSERT INTO clusters (id, type, place_entity, country, date_start, date_end, reports, "
        "outlets) VALUES (?, ?, ?, ?, ?, ?, 1, 1)",
        clusters,
    )
    connection.executemany(
        "INSERT INTO figures (id, document_id, value, approx, unit, category, measure, negated, "
        "modality, status, date, date_basis, claim_id, claimant, claimant_type, "
        "claimant_entity, hedge, place, place_entity, country, series_id, start_char, "
        "end_char, evidence, context, outlet, published) "
        f"VALUES ({', '.join('?' * 27)})",
        figures,
    )
    connection.executemany(
        "INSERT INTO claims (id, document_id, claimant, claimant_type, claimant_entity, form, "
        "hedge, cue, content, start_char, end_char, date, outlet, published) "
        f"VALUES ({', '.join('?' * 14)})",
        claims,
    )
    connection.executemany(
        "INSERT INTO events (id, document_id, type, status, actors_json, targets_json, place, "
        "place_entity, country, lat, lon, date_start, date_end, date, date_basis, claimant, "
        "claimant_type, claimant_entity, hedge, cluster_id, start_char, end_char, evidence, "
        f"context, outlet, published) VALUES ({', '.join('?' * 26)})",
        events,
    )
    contradictions = []
    for index in range(2_000):
        a, b = rng.sample(figures, 2)
        contradictions.append((
            f"contra:{index}", "figures", "different values", a[6], a[5], a[10], "figure", a[0],
            a[1], a[13], str(a[2]), a[23], "figure", b[0], b[1], b[13], str(b[2]), b[23], b[1],
        ))  # fmt: skip
    connection.executemany(
        "INSERT INTO contradictions (id, kind, reason, measure, category, date, a_kind, a_id, "
        "a_document, a_claimant, a_value, a_evidence, b_kind, b_id, b_document, b_claimant, "
        f"b_value, b_evidence, detected_by) VALUES ({', '.join('?' * 19)})",
        contradictions,
    )
    connection.execute(
        "UPDATE entities SET mentions = (SELECT count(*) FROM claims WHERE claimant_entity = "
        "entities.id) WHERE kind = 'claimant'"
    )
    mapindex.rebuild(connection)  # the map's events, as the write path keeps them
    connection.execute("COMMIT")
    connection.close()
