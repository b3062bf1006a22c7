"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium comes from the system (`apt-get install chromium`, at /usr/bin/chromium or
CHROMIUM_PATH) and axe-core from npm (`npm ci` puts it in node_modules/). Without them the
browser tests are skipped with a message saying why — unless REQUIRE_BROWSER_TESTS is set,
as CI does, where a missing browser is a failure.
"""

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_requirements() -> list[str]:
    missing = []
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[dev]')")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not AXE_SCRIPT.exists():
        missing.append("axe-core in node_modules (npm ci)")
    return missing


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    missing = missing_requirements()
    if not browser_items or not missing:
        return
    reason = "browser tests skipped: missing " + "; ".join(missing)
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(f"REQUIRE_BROWSER_TESTS is set but {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Generous, as the pages' timeout below: CI shares two cores between the live server,
    # Chromium and the test, and a save that publishes can take seconds there.
    expect.set_options(timeout=30_000)
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    # make there (fixtures, database set-up) are ordinary synchronous code. The flag lives
    # only as long as the browser does, so it never reaches other tests' subprocesses.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as an inline script, which our CSP rightly forbids.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    # Generous: CI shares two cores between the live server, Chromium and the test.
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def one_request_at_a_time(live_server):
    """The live server answering one request at a time; returns a context manager under which
    the test itself may use the database without a request running meanwhile.

    On SQLite the test database is in memory, in one cache shared by every connection to it
    (the live server's request threads each open one, or share the test's when the server
    started after the database was set up). A lock conflict there fails at once with
    "database table is locked" instead of waiting as it does on a real file (WAL and a
    timeout, see the settings), and the admin's background requests (autosave,
    editing-session pings) run beside each save. With another database the server stays
    concurrent and the context manager does nothing.
    """
    from django.db import connection

    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        yield contextlib.nullcontext
        return
    server = live_server.thread
    lock = threading.RLock()
    application = server.httpd.get_app()

    def one_at_a_time(environ, start_response):
        with lock:
            response = application(environ, start_response)
            try:
                # The body too: a streaming response reads the database as it is sent.
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()

    server.httpd.set_app(one_at_a_time)
    try:
        yield lambda: lock
    finally:
        server.httpd.set_app(application)


@pytest.fixture
def demo_site(live_server, transactional_db, one_request_at_a_time):
    """The demo content in the live server's database; returns the server's base URL."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    return live_server.url


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the current page."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }"""
    )


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
