"""Issue 17's journeys in Chromium: a methodist uploads a school's order and sees what its file
holds (registration from the blank's table, the signature, the executor note) apart from its
clauses; the deputy imports a plan whose table has section rows and sees the sections on the
plan's page."""

import io

import docx

from documents.models import Document
from orders.flows import OrderFlow
from plans import services as plans
from plans.periods import SCHOOL, Period
from workflows.models import Approval

from .browser import BROWSER_TEST, go, shot
from .import_corpus import CORPUS
from .test_plan_sections import METHODICAL, ORGANISATIONAL, sectioned_plan
from .workflow_helpers import ORDER, decide, start

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SAMPLES = {s.name: s for s in CORPUS}
pytestmark = BROWSER_TEST


def upload(page, sample):
    go(page, "/documents/upload/")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": sample.file_name, "mimeType": DOCX, "buffer": sample.build()}],
    )
    page.click("button:has-text('Загрузить')")
    page.wait_for_selector("#in-file")


def test_an_uploaded_order_shows_its_requisites_apart_from_its_clauses(as_user, people):
    page = as_user(people["methodist"])
    upload(page, SAMPLES["gymnasium3-vpr-order-table-blank"])
    in_file = page.inner_text("#in-file")
    assert "№ 02-07/41 от 12.03.2025" in in_file
    assert "Подписано: Директор О.А. Иванова" in in_file
    assert "Исполнитель: Кузнецова Е.П., 8 (4912) 25-00-00" in in_file
    assert page.inner_text("#operative") == "ПРИКАЗЫВАЮ:"
    last_clause = page.locator(".rg-clause[id^=clause-]").last.inner_text()
    assert last_clause.endswith("Контроль исполнения приказа оставляю за собой.")
    assert Document.objects.get().title.startswith(
        "ПРИКАЗ О проведении всероссийских проверочных работ"
    )
    shot(page, "import-order-requisites-1366")

    upload(page, SAMPLES["gymnasium3-portfolio-regulation"])
    assert "ПРИНЯТО на заседании педагогического совета" in page.inner_text("#in-file")
    shot(page, "import-regulation-stamps-1366")


def test_a_plan_with_sections_imported_on_its_page(as_user, people):
    plan = plans.create_plan(
        owner=people["deputy"],
        title="План работы лаборатории на 2026/2027 учебный год",
        period=Period(SCHOOL, "year", 2026),
    )
    page = as_user(people["deputy"])
    go(page, f"/plans/{plan.pk}/")
    page.set_input_files(
        "form[action$='/import/'] input[type=file]",
        files=[{"name": "plan.docx", "mimeType": DOCX, "buffer": sectioned_plan()}],
    )
    page.click("form[action$='/import/'] button[type=submit]")
    page.wait_for_selector("tr.rg-plan-section")
    sections = page.locator("tr.rg-plan-section").all_inner_texts()
    assert [s.strip() for s in sections] == [ORGANISATIONAL, METHODICAL]
    shot(page, "plan-sections-1366")


def test_the_acknowledgement_sheet_of_a_signed_order_is_downloaded_from_its_page(
    as_user, people, journals
):
    start(OrderFlow, people["methodist"], ORDER, acknowledgers=[people["teacher"].pk])
    approval = Approval.objects.get(initiator=people["methodist"])
    assert decide(people["head"], approval).status_code == 302
    page = as_user(people["methodist"])
    go(page, f"/documents/{approval.document_id}/")
    with page.expect_download() as info:
        page.click("a:has-text('Лист ознакомления')")
    sheet = docx.Document(io.BytesIO(open(info.value.path(), "rb").read()))
    texts = [p.text for p in sheet.paragraphs]
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in texts and "Ознакомлены: 0 из 1. Не ознакомлены: 1." in texts
    shot(page, "order-acknowledgement-link-1366")
