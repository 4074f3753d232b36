"""A real browser against a real server: Debian's headless Chromium driven by Playwright.

Serves the app with uvicorn on a free 127.0.0.1 port, filters the list, opens an event, checks the
evidence is highlighted, checks hostile text runs no script and the CSP blocks nothing we ship,
and saves screenshots. Skips (loudly) when Chromium or Playwright is missing on a developer's
machine; under CI (CI=true or EVENTWATCH_REQUIRE_BROWSER=1, set by .ci/setup.d/30-chromium.sh)
it fails instead, so the browser test cannot silently stop running.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_samples import FakePipeline, documents

from eventwatch.store import Store
from eventwatch.web import Settings, create_app

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("EVENTWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("EVENTWATCH_REQUIRE_BROWSER") == "1"


def _missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}: apt-get install -y chromium chromium-driver"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install playwright (never `playwright install`)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on http://127.0.0.1:PORT over a store of the sample documents."""
    missing = _missing()
    if missing:
        if _required():
            pytest.fail(f"BROWSER TEST CANNOT RUN UNDER CI: {missing}")
        pytest.skip(f"BROWSER TEST SKIPPED: {missing}")
    import uvicorn

    store = Store(str(tmp_path_factory.mktemp("browser") / "web.db"))
    for doc in documents():
        store.add(doc)
    pipeline = FakePipeline()
    app = create_app(Settings(db=store.url, read_only=True), store=store, pipeline_factory=lambda: pipeline)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    """Headless Chromium from Debian."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors and any JavaScript dialog (which would mean XSS)."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

    def dialog(d: Any) -> None:
        page.problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    yield page
    page.close()


def _screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("EVENTWATCH_SCREENSHOT_DIR")
    return Path(folder) if folder else tmp_path_factory.mktemp("screens")


def test_filter_open_event_and_see_highlighted_evidence(
    server: str, page: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    screens = _screens(tmp_path_factory)
    page.goto(server + "/")
    assert page.text_content("#total") == "6"
    page.wait_for_selector("#map[data-markers]")
    assert page.get_attribute("#map", "data-markers") == "3"  # three places
    assert page.locator("#map path.leaflet-interactive").count() == 3
    assert page.locator("svg.timeline rect").count() >= 4
    page.screenshot(path=str(screens / "index.png"), full_page=True)

    page.select_option("select[name=type]", ["attack"])
    page.fill("input[name=q]", "Kupiansk")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "type=attack" in page.url and "q=Kupiansk" in page.url  # the filter state lives in the URL
    assert page.text_content("#total") == "2"
    page.goto(page.url)  # the URL alone reproduces the view
    assert page.text_content("#total") == "2"

    page.click("a.evidence-link >> nth=-1")
    page.wait_for_selector("blockquote.evidence")
    assert "/events/" in page.url
    trigger = page.locator("blockquote.evidence mark.hl-trigger")
    assert trigger.text_content() == "shelled"
    colour = trigger.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 213, 74)", colour  # the trigger is visibly highlighted
    assert page.locator("blockquote.evidence mark.hl-actor-agent").text_content() == "Soldiers"
    assert page.locator("blockquote.evidence mark.hl-place").text_content() == "Kupiansk"
    page.wait_for_selector("#map path.leaflet-interactive")
    page.screenshot(path=str(screens / "event.png"), full_page=True)

    page.click("text=Shelling near Kupiansk")
    page.wait_for_selector("article.doc-text")
    assert page.locator("article.doc-text a.hl-trigger").count() == 2
    page.screenshot(path=str(screens / "document.png"), full_page=True)

    page.click("nav >> text=Canonical events")
    page.wait_for_load_state()
    assert page.locator("table.clusters tbody tr").count() == 6  # each sample mention is its own event
    assert page.problems == []


def test_hostile_text_runs_no_script(
    server: str, page: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    for path in ("/", "/documents", "/events/5", "/events/6", "/documents/3"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    page.screenshot(path=str(_screens(tmp_path_factory) / "hostile.png"), full_page=True)
    assert page.locator("article.doc-text img").count() == 0
    assert "<script>alert('x')</script>" in page.text_content("article.doc-text")
    assert page.problems == []  # no alert dialog, no CSP violation, no script error
