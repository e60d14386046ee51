"""Helpers of the web tests: a store built from articles the tests write, a real server."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

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
HOSTILE = (
    "<script>window.pwned = 1; alert('x')</script> Officials said 12 people were killed in "
    'Kharkiv on Monday. <img src=x onerror="window.pwned=2"> 🙂🔥\n'
    "قال مسؤولون إن 12 شخصا قتلوا في خاركيف يوم الاثنين.\n"
    "שלום עולם ‮evil‬ text\n" + "A" * 990_000 + "\nThe end.\n"
)


def build_store(path: Path, *, seed_text: str | None = None, hostile: bool = False) -> dict:
    """A store with the test articles (and the seed, the hostile article); their ids."""
    from claimwire.extract import extract
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
                HOSTILE, published="2022-06-25", outlet="<b>Bad</b>", title=HOSTILE_TITLE
            )
            ids["hostile"] = write_result(connection, result).document_id
    finally:
        connection.close()
    return ids


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
