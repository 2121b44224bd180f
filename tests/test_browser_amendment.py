"""The amendment journey in Chromium (issue 19's blocker): the methodist composes changes as rows
on the start page, previews the redline, adds a row and sends the amending order — the page as a
browser submits it, hidden fields and all."""

import pytest

from documents.models import Amendment
from orders.flows import AmendmentFlow
from workflows.models import Approval

from .browser import BROWSER_TEST, go, shot
from .test_workflow_amendment import NEW_31, regulation  # noqa: F401 (a fixture)
from .workflow_helpers import urls_loaded

pytestmark = BROWSER_TEST


@pytest.mark.usefixtures("journals")
def test_the_amendment_start_page_previews_adds_a_row_and_sends(as_user, people, regulation):  # noqa: F811
    urls_loaded()
    page = as_user(people["methodist"])
    go(page, f"{AmendmentFlow.start.reverse('execute')}?regulation={regulation.pk}")
    page.select_option("select[name='changes-0-op']", "set")
    page.fill("input[name='changes-0-clause']", "3.1")
    page.fill("textarea[name='changes-0-text']", NEW_31)
    page.click("button[name=preview]")
    page.wait_for_selector("#preview")
    assert "Добавьте хотя бы одно изменение" not in page.content()
    preview = page.inner_text("#preview")
    assert "3.1." in preview and "изменён" in preview  # the redline of the changed clause
    assert page.locator("#preview ins").count() >= 1
    shot(page, "amendment-preview-1366")

    page.click("button[name=more]")
    page.wait_for_selector("select[name='changes-1-op']")
    assert page.input_value("input[name='changes-0-clause']") == "3.1"  # the first row stays
    page.select_option("select[name='changes-1-op']", "repeal")
    page.fill("input[name='changes-1-clause']", "5.7")
    page.click("button:has-text('Отправить на согласование')")
    page.wait_for_load_state("domcontentloaded")
    assert "Добавьте хотя бы одно изменение" not in page.content()
    approval = Approval.objects.get(kind="amendment")
    amendment = Amendment.objects.get(order=approval.document)
    assert [(op["op"], op["clause"]) for op in amendment.operations] == [
        ("set", "3.1"), ("repeal", "5.7")
    ]
