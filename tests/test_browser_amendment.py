"""The amendment journey in Chromium: the methodist composes the changes as rows edited in place
on the start page (one of each kind: new wording, a new clause, words replaced, a clause
repealed), previews the redline and sends the amending order — the page as a browser submits
it; the senior methodist agrees and the head signs: the regulation in force changes."""

import pytest

from documents.models import Amendment
from orders.flows import AmendmentFlow
from workflows.models import Approval

from .browser import BROWSER_TEST, add_row, fill_row, go, looks_right, pick
from .test_workflow_amendment import NEW_31, regulation  # noqa: F401 (a fixture)
from .workflow_helpers import urls_loaded

pytestmark = BROWSER_TEST


@pytest.mark.usefixtures("journals")
def test_the_amendment_start_page_previews_adds_rows_in_place_and_sends(
    as_user, people, regulation  # noqa: F811
):
    urls_loaded()
    page = as_user(people["methodist"])
    go(page, AmendmentFlow.start.reverse("execute"))
    pick(page, "regulation", page.locator("datalist option").first.get_attribute("value"))
    fill_row(page, "operations", 0, op="set", clause="3.1", text=NEW_31)
    # Rows are added on the page: no reload (what the page knows stays).
    page.evaluate("window.notReloaded = true")
    for _ in range(3):
        add_row(page, "operations")
    assert page.evaluate("window.notReloaded") is True
    fill_row(page, "operations", 1, op="add", clause="3.7", text="Деятельность наставников.")
    fill_row(
        page,
        "operations",
        2,
        op="replace",
        clause="3.2",
        words="Информационная",
        replacement="Информационно-аналитическая",
    )
    fill_row(page, "operations", 3, op="repeal", clause="5.7")
    page.click("button[name=preview]")
    page.wait_for_selector("#preview")
    preview = page.inner_text("#preview")
    assert "3.1." in preview and "изменён" in preview and "3.7." in preview
    assert page.locator("#preview ins").count() >= 2
    looks_right(page, "amendment-preview-1366")
    # The rows come back as they were sent.
    assert page.input_value("[name='operations-3-clause']") == "5.7"

    page.click("button:has-text('Отправить на согласование')")
    page.wait_for_load_state("domcontentloaded")
    approval = Approval.objects.get(kind="amendment")
    amendment = Amendment.objects.get(order=approval.document)
    assert [(op["op"], op["clause"]) for op in amendment.operations] == [
        ("set", "3.1"),
        ("add", "3.7"),
        ("replace", "3.2"),
        ("repeal", "5.7"),
    ]
