"""What every browser test shares: Debian's Chromium under Playwright, a page that records
its console errors, failed requests and 4xx/5xx responses, polling, screenshots, export
downloads and the CLI's bytes for them, and the no-horizontal-scroll and axe-core checks.

A browser test module starts with ``require_browser()`` (it skips the module when Chromium
or Playwright is missing) and asks for the ``browser`` and ``page`` fixtures, which
``conftest.py`` imports from here. A module changes the page's viewport by overriding the
``viewport`` fixture. ``page.problems`` lists what went wrong in the page.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}


def require_browser() -> None:
    """Skip the calling test module unless Chromium, Playwright and FastAPI are installed."""
    if not CHROMIUM.exists():
        pytest.skip(
            "no Chromium at /usr/bin/chromium (install Debian's chromium)",
            allow_module_level=True,
        )
    pytest.importorskip("fastapi")
    pytest.importorskip("playwright.sync_api")


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, without a sandbox (the tests run as an unprivileged user)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )


def watch_problems(page: Any) -> Any:
    """Record in ``page.problems`` the page's console errors, uncaught exceptions, responses
    of status 400 or more and failed requests (not those the page aborts itself, as when a
    newer map view replaces a request)."""
    problems: list[str] = []
    page.problems = problems

    def console(message: Any) -> None:
        if message.type == "error":
            problems.append(f"{message.text} {message.location.get('url', '')}".strip())

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.on(
        "requestfailed",
        lambda r: r.failure != "net::ERR_ABORTED" and problems.append(f"failed: {r.url}"),
    )
    return page


def new_page(browser: Any, viewport: dict[str, int] | None = None) -> tuple[Any, Any]:
    """A fresh context (downloads allowed) and its page, recording its problems."""
    context = browser.new_context(viewport=viewport or DESKTOP, accept_downloads=True)
    return context, watch_problems(context.new_page())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def viewport() -> dict[str, int]:
    """The page's viewport; a module overrides this fixture to change it."""
    return dict(DESKTOP)


@pytest.fixture
def page(browser: Any, viewport: dict[str, int]) -> Iterator[Any]:
    """A page in its own context, recording its problems in ``page.problems``."""
    context, opened = new_page(browser, viewport)
    yield opened
    context.close()


def wait_for(page: Any, expression: str, timeout: float = 20.0) -> Any:
    """Poll a JS expression until it is truthy (``page.wait_for_function`` needs eval, which
    the dashboard's CSP forbids); its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {expression}")


def shoot(page: Any, name: str, *, full_page: bool = False) -> Path:
    """A screenshot of the page in ``test-artifacts/``; its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def cli_export(path: Path, link: str) -> bytes:
    """What ``claimwire export`` writes for the format, table and filters of an export link."""
    from click.testing import CliRunner

    from claimwire.cli import main

    parts = urlsplit(link)
    target = parts.path.rsplit("/", 1)[1]
    arguments = ["export", "--db", str(path), "--to", target]
    for name, values in parse_qs(parts.query).items():
        for value in values:
            option = "--" + name.replace("_", "-")
            arguments += [option] if value == "true" else [option, value]
    result = CliRunner().invoke(main, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def download(page: Any, link: Any) -> bytes:
    """Click an export link and return the bytes downloaded."""
    with page.expect_download() as waiting:
        link.click()
    return Path(waiting.value.path()).read_bytes()


def horizontal_overflow(page: Any) -> dict[str, Any]:
    """How far the page scrolls sideways, and the widest elements that stick out."""
    return page.evaluate(
        """() => {
          const width = window.innerWidth;
          const scroll = document.scrollingElement.scrollWidth;
          const wide = [];
          for (const node of document.querySelectorAll('body *')) {
            const box = node.getBoundingClientRect();
            if (box.right > width + 1 && box.width > 0) {
              wide.push(`${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}` +
                `${node.className && typeof node.className === 'string' ?
                  '.' + node.className.trim().split(/\\s+/).join('.') : ''} ` +
                `right=${Math.round(box.right)}`);
            }
          }
          return {width, scroll, wide: wide.slice(0, 8)};
        }"""
    )


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core (vendored under tests/vendor) in the page; the violations of the given
    impacts, one line each with the first offending nodes."""
    if not AXE.exists():
        raise AssertionError(f"axe-core is missing at {AXE}")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # evaluated through the DevTools protocol: the page's CSP (no inline scripts) allows it
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }"
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
        for v in result
        if v["impact"] in impacts
    ]
