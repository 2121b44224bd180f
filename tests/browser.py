"""Browser tests: Playwright for Python driving Debian's Chromium against the live server.

Chromium is never downloaded by Playwright (`playwright install` is not used): the tests run
the system's /usr/bin/chromium and are skipped, with the reason, where it is absent. `.ci/run`
installs it in CI."""

import os
import re
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
# Screenshots of the journeys land here when asked for (`pytest --screenshots DIR`, or the
# BROWSER_SHOTS variable); None: none are written.
SHOTS = Path(os.environ["BROWSER_SHOTS"]) if os.environ.get("BROWSER_SHOTS") else None

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
    response = page.goto(page.base + path)
    page.wait_for_load_state("domcontentloaded")
    return response


def shot(page, name):
    from . import browser as module  # SHOTS is set by the --screenshots option at start

    if module.SHOTS is None:
        return
    module.SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(module.SHOTS / f"{name}.png"), full_page=True)


def horizontal_overflow(page) -> int:
    """How far the page scrolls sideways (0: it fits the screen)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# Latin that is not English left in the interface: e-mail addresses, file names and their
# extensions, Roman numerals, the names of standards and formats.
_ALLOWED_LATIN = re.compile(
    r"[\w.+-]+@[\w.-]+|\S*\.(?:docx|txt|xlsx|pdf|png)\b|\b[IVXLC]+\b"
    r"|\b(?:SHA|DOCX|XLSX|PDF|TXT|URL|ID|QR|API|MB|KB|kB|JSON|HTTP|BPMN|Word|LibreOffice)\b"
)
_LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
_VISIBLE_TEXT = """() => {
  const skip = (el) => el.closest('.material-icons, .mdc-button__icon, script, style, template,'
    + ' datalist, code, .vf-page__menu-toggle, [aria-hidden=true]');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || skip(el) || !node.textContent.trim()) continue;
    const style = getComputedStyle(el);
    const hidden = style.visibility === 'hidden' || style.display === 'none';
    if (hidden || !el.getClientRects().length) continue;
    out.push(node.textContent);
  }
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(
    (el) => { if (el.getClientRects().length) out.push(el.placeholder); });
  return out.join('\\n');
}"""


def latin_words(page) -> list[str]:
    """The Latin words a user sees on the page (other than addresses, file names, formats)."""
    text = _ALLOWED_LATIN.sub(" ", page.evaluate(_VISIBLE_TEXT))
    return sorted(set(_LATIN_WORD.findall(text)))


def looks_right(page, name):
    """What every page of a journey must be: nothing scrolls sideways, no English left; and a
    screenshot when they are asked for."""
    shot(page, name)
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{name}: scrolls sideways by {overflow} px"
    assert latin_words(page) == [], f"{name}: Latin words on the page: {latin_words(page)}"
    cut = cut_labels(page)
    assert cut == [], f"{name}: field labels cut short: {cut}"


def cut_labels(page) -> list[str]:
    """Labels of Material fields drawn with an ellipsis: their text wider than their box (a
    floated label is drawn at 75 % in a notch sized to it)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.mdc-floating-label')).filter(label => {
            const text = document.createRange();
            text.selectNodeContents(label);
            const box = label.getBoundingClientRect();
            return box.width > 0 && text.getBoundingClientRect().width - box.width > 0.5;
        }).map(label => label.textContent.trim())"""
    )


def at_both_widths(phone, page, path, name):
    """Check one page at 1,366 px (`page`) and at 390 px (`phone`)."""
    for each, width in ((page, 1366), (phone, 390)):
        go(each, path)
        looks_right(each, f"{name}-{width}")


# --- filling the Material forms as a person does --------------------------------------------


def pick(page, name, *texts):
    """Type into a type-to-search picker (common.forms.SearchSelect[Multiple]) and take the
    suggestion, as a person does."""
    for text in texts:
        box = page.locator(f"rg-picker[data-name='{name}'] input[type=search]")
        box.fill(text)
        box.dispatch_event("change")


def choose(page, name, value):
    """Open Viewflow's Material select and click the option."""
    field = page.locator(f"vf-field-select[name='{name}']")
    field.locator(".mdc-select__anchor").click()
    field.locator(f"li[data-value='{value}']").click()


def fill_date(page, name, date):
    page.fill(f"vf-field-date[name='{name}'] input", date.strftime("%d.%m.%Y"))


def add_row(page, name):
    rows = page.locator(f"rg-rows[data-name='{name}']")
    rows.locator(".rg-rows__add").click()


def fill_row(page, name, index, **cells):
    """Fill the `index`-th row (0-based, as shown) of a table of rows."""
    row = page.locator(f"rg-rows[data-name='{name}'] .rg-rows__body .rg-rows__row").nth(index)
    for key, value in cells.items():
        control = row.locator(f"[name$='-{key}']")
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)


def fill_conclusion(page, *, experts, form=None):
    """The conclusion's start page filled in as a methodist does (tests.workflow_helpers'
    CONCLUSION: its text fields, dates through the calendar field, criteria as rows)."""
    import datetime

    from .workflow_helpers import CONCLUSION

    form = form or CONCLUSION
    for name in ("object_title", "object_author", "object_subject", "method"):
        page.fill(f"input[name={name}]", form[name])
    for name in ("collected_from", "collected_to"):
        fill_date(page, name, datetime.date.fromisoformat(form[name]))
    for name in ("theses", "conclusion", "recommendations"):
        page.fill(f"textarea[name={name}]", form[name])
    pick(page, "experts", *[person_label(person) for person in experts])
    choose(page, "verdict", form["verdict"])
    fill_row(page, "criteria", 0, criterion="Соответствие ФГОС", score="5", remark="полностью")
    add_row(page, "criteria")
    fill_row(page, "criteria", 1, criterion="Логика изложения", score="4")


def person_label(person) -> str:
    """How a person is offered in the pickers (workflows.forms.PeopleField)."""
    return f"{person.get_full_name() or person.username}, {person.position}".strip(", ")
