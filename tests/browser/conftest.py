"""A real browser (Debian's Chromium, driven by Playwright) against a live server.

Playwright's sync API runs an event loop in the test thread, so Django's guard
against ORM calls from async code is lifted for these tests only.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results" / "browser"
AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
# Page label -> (all violations, serious or critical, rule ids), printed after the run.
AXE_RESULTS: dict[str, tuple[int, int, list[str]]] = {}


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def new_page(browser, live_server):
    """A page in a fresh browser context, at desktop size, on the live server."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser, live_server, request):
    page = new_page(browser, live_server)
    yield page
    screenshot_if_failed(request, page)
    page.context.close()


def screenshot_if_failed(request, page, label: str = "") -> None:
    """Keep what the browser showed when a test failed, for the CI artifacts."""
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = f"{request.node.name}-{label}" if label else request.node.name
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def open_as(browser, live_server, request):
    """A page in a browser context of its own, signed in as ``user``: for
    journeys where several people act in turn, each in their own browser."""
    opened = []

    def open_page(user, label: str):
        page = new_page(browser, live_server)
        page.context.add_cookies([session_cookie(user, live_server)])
        opened.append((label, page))
        return page

    yield open_page
    for label, page in opened:
        screenshot_if_failed(request, page, label)
        page.context.close()


@pytest.fixture
def sign_in(page, live_server):
    """Sign ``user`` in to the browser page by giving it a session cookie.

    The sign-in form itself is tested in the account journey; elsewhere this
    saves the time of typing it.
    """

    def sign_in_as(user):
        page.context.clear_cookies()
        page.context.add_cookies([session_cookie(user, live_server)])
        return user

    return sign_in_as


def session_cookie(user, live_server) -> dict:
    """A signed-in session for ``user``, as a cookie for the browser."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "domain": urlsplit(live_server.url).hostname,
        "path": "/",
    }


def check_accessibility(page, label: str) -> list[dict]:
    """Run axe-core on the page; fail on serious or critical violations.

    The script is evaluated through the DevTools protocol, so the page's own
    Content-Security-Policy (no inline scripts) stays as it is.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))"
    )
    blocking = [v for v in result if v["impact"] in BLOCKING_IMPACTS]
    AXE_RESULTS[label] = (
        len(result),
        len(blocking),
        sorted(f"{v['id']} ({v['impact']})" for v in result),
    )
    assert not blocking, f"axe on {label}: " + json.dumps(blocking, indent=1)
    return result


def pytest_terminal_summary(terminalreporter):
    if not AXE_RESULTS:
        return
    terminalreporter.section("axe-core: violations per page (serious or critical)")
    for label, (total, blocking, rules) in sorted(AXE_RESULTS.items()):
        detail = f"  [{', '.join(rules)}]" if rules else ""
        terminalreporter.write_line(f"{total:3} ({blocking}) {label}{detail}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(AXE_RESULTS, indent=1))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
