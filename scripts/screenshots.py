"""Screenshots of every dashboard page at 1400 px and 400 px (docs/screenshots/, README).

Builds a sample store in a temporary folder (the bundled example article and a few short
reports this script writes), serves it on loopback, and photographs each page with
Playwright driving Debian's Chromium (``/usr/bin/chromium``) as JPEG, so each file stays
near 100 KB. ``--db`` photographs an existing store instead.

    python scripts/screenshots.py                      # writes docs/screenshots/*.jpg
    python scripts/screenshots.py --db claimwire.db --out /tmp/shots
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {1400: 900, 400: 860}
"""Viewport width: height (each shot is one screen, not the whole page)."""
QUALITY = 60
REPORTS = [
    (
        "Russian missiles struck Kharkiv on Tuesday, killing 5 civilians, the regional "
        "governor Oleh Syniehubov said. The Ukrainian military said it shot down 3 drones "
        "over Kyiv.",
        "2022-06-20",
        "Daily Post",
    ),
    (
        "Ukraine's General Staff said on Monday that Russia had lost 200 tanks since the "
        "start of the invasion. Russia's defence ministry said 7 Ukrainian soldiers were "
        "killed in Kharkiv.",
        "2022-06-21",
        "Evening Herald",
    ),
    (
        "Ukraine's General Staff said on Thursday that Russia had lost 260 tanks since the "
        "start of the invasion. Protesters marched in Tbilisi on Friday, police said.",
        "2022-06-24",
        "Daily Post",
    ),
    (
        "Shelling killed 4 civilians in Kharkiv on Tuesday, the regional governor said. "
        "Russia's defence ministry said on Wednesday that no civilians were killed.",
        "2022-06-22",
        "Kyiv Wire",
    ),
]
PAGES = [
    ("overview", "/"),
    ("map", "/map"),
    ("events", "/events"),
    ("event", None),
    ("series", "/series"),
    ("contradictions", "/contradictions"),
    ("figures", "/figures"),
    ("claims", "/claims"),
    ("articles", "/articles"),
    ("article", None),
    ("sources", "/sources"),
    ("submit", "/submit"),
]


def build_sample_store(path: Path) -> str:
    """The bundled example article and the sample reports in a new store; the example's id."""
    from claimwire.nlp.extract import extract
    from claimwire.store import open_store, write_result

    example = files("claimwire") / "example" / "severodonetsk-2022-06-14.txt"
    connection = open_store(path)
    try:
        seed = extract(
            example.read_text(encoding="utf-8"),
            published="2022-06-14",
            outlet="Example Wire",
            title="Severodonetsk, 14 June 2022 (the bundled example)",
        )
        seed_id = write_result(connection, seed).document_id
        for text, published, outlet in REPORTS:
            write_result(connection, extract(text, published=published, outlet=outlet))
    finally:
        connection.close()
    return seed_id


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """The dashboard of ``db`` on a free loopback port, in a thread; its base URL."""
    from claimwire.web.app import create_app
    from claimwire.web.background import serving_in_thread

    with serving_in_thread(create_app(db, read_only=True)) as url:
        yield url


def wait_for(page, expression: str, timeout: float = 60.0) -> None:
    """Poll a JS expression (the dashboard's CSP forbids ``wait_for_function``'s eval)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {expression}")
        time.sleep(0.2)


def shoot_all(base: str, out: Path, seed_id: str | None) -> list[Path]:
    """Photograph every page at every width into ``out``; the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, path in PAGES:
                url = path and base + path
                if name == "event":
                    rows = page.request.get(base + "/api/clusters?limit=200").json()["items"]
                    if not rows:
                        continue
                    busiest = max(rows, key=lambda row: row.get("reports") or 0)
                    url = f"{base}/events/{busiest['id']}"
                if name == "article":
                    if seed_id is None:
                        rows = page.request.get(base + "/api/articles?limit=1").json()["items"]
                        if not rows:
                            continue
                        seed_id = rows[0]["id"]
                    url = f"{base}/articles/{seed_id}"
                page.goto(url)
                page.wait_for_load_state("networkidle")
                if name in ("map", "event"):
                    ready = "claimwireMap" if name == "map" else "claimwireEventMap"
                    wait_for(page, f"() => window.{ready} && window.{ready}.basemap.ready")
                    time.sleep(1.0)  # the tiles of the base layer fade in
                if name == "article":  # the evidence card of a figure, open
                    page.locator("#article-text .hl.k-figure").nth(3).hover()
                target = out / f"{name}-{width}.jpg"
                page.screenshot(path=str(target), type="jpeg", quality=QUALITY)
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    """Parse the arguments, build or open the store, write the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: a sample one)")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimwire-shots-") as folder:
        db, seed_id = options.db, None
        if db is None:
            db = Path(folder) / "sample.db"
            seed_id = build_sample_store(db)
        with serving(db) as base:
            written = shoot_all(base, options.out, seed_id)
    for path in written:
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
