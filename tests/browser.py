"""Browser tests: Playwright for Python driving Debian's Chromium against the live server.

Chromium is never downloaded by Playwright (`playwright install` is not used): the tests run
the system's /usr/bin/chromium and are skipped, with the reason, where it is absent. `.ci/run`
installs it in CI."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Screenshots of the journeys land here (look at them: `ls $BROWSER_SHOTS`).
SHOTS = Path(os.environ.get("BROWSER_SHOTS", "/tmp/reglament-shots"))

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium for one module of browser tests (module-scoped, so what it sets for itself is
    gone before other modules run)."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous ones. Only while the browser runs: a
    # deployment check in a later test must not see it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    # Playwright's loop gives this thread a new context, and Django's connections are
    # context-local: the new context's connection objects lack the serialized test data that
    # serialized rollback restores. Hand it over.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def as_user(browser, live_server, settings):
    """`as_user(user, width)` → a page of a browser context logged in as `user`."""
    from django.test import Client

    # The live server speaks plain HTTP: cookies must not be Secure-only there.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    contexts = []

    def open_as(user, width=1366, height=900):
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            locale="ru-RU",
        )
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.base = live_server.url
        return page

    yield open_as
    for context in contexts:
        context.close()


# What every browser test module marks itself with: Chromium present, and real commits (the live
# server reads what the test writes; serialized rollback brings back the rows data migrations
# load, e.g. retention rules, for the tests after).
BROWSER_TEST = [
    needs_chromium,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def go(page, path):
    page.goto(page.base + path)
    page.wait_for_load_state("domcontentloaded")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def horizontal_overflow(page) -> int:
    """How far the page scrolls sideways (0: it fits the screen)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
