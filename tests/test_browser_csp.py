"""The Content-Security-Policy holds on the main pages: Chromium reports no violation (neither
in the console nor as a securitypolicyviolation event) on the login page, the documents list, a
form, the search page, the tokens page and the API's Swagger UI, and none of them asks another
host for anything. (No Redoc: it loads its logo from a CDN and starts a worker from a blob.)"""

import pytest

from .browser import BROWSER_TEST, go

pytestmark = BROWSER_TEST

# Seen by the page itself: every violation, also those Chromium reports only as events.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' '
    + (e.sourceFile || '') + ':' + (e.lineNumber || ''));
});
"""


def _watch(page):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(WATCH)
    return errors


def _violations(page, errors):
    page.wait_for_load_state("networkidle")
    return errors + page.evaluate("window.__csp || []")


def test_login_page_has_no_csp_violations(browser, live_server):
    context = browser.new_context(locale="ru-RU")
    try:
        page = context.new_page()
        errors = _watch(page)
        page.base = live_server.url
        response = go(page, "/accounts/login/")
        assert "content-security-policy" in response.headers
        assert _violations(page, errors) == []
        # A wrong password shows the page again (the same policy, the same scripts).
        page.fill("input[name=username]", "nobody")
        page.fill("input[name=password]", "wrong")
        page.click("button[type=submit]")
        page.wait_for_load_state("domcontentloaded")
        assert _violations(page, errors) == []
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/documents/",
        "/documents/upload/",
        "/search/?q=приказ",
        "/workflow/tokens/",
        "/api/v1/docs/",
    ],
)
def test_pages_have_no_csp_violations(as_user, people, path):
    page = as_user(people["methodist"])
    errors = _watch(page)
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((page.base, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    response = go(page, path)
    assert response.status == 200, path
    assert "content-security-policy" in response.headers, path  # the policy is in force
    if path.startswith("/api/v1/docs"):
        # Swagger UI did start (its script is a file of ours, allowed by the policy).
        page.wait_for_selector(".swagger-ui .info", timeout=20_000)
    assert _violations(page, errors) == [], path
    assert elsewhere == [], path
