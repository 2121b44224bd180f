"""The README's journeys in Chromium, as the real roles click them, each page checked at 1,366 and
390 px (nothing scrolls sideways, no English left): the conclusion with a return corrected
through its form, the order with parallel visas, signature and acknowledgement, the plan
imported, approved, reported done and extended, and the clerk's registration, reservation,
cancellation and exports."""

import datetime

import pytest
from django.utils import timezone

from conclusions.flows import ExpertConclusionFlow
from documents.models import Document
from orders.flows import OrderFlow
from plans.models import Extension, Plan
from registry.models import Registration
from workflows.models import Approval

from .browser import (
    BROWSER_TEST,
    add_row,
    choose,
    fill_conclusion,
    fill_date,
    fill_row,
    go,
    looks_right,
    person_label,
    pick,
)
from .test_plans import plan_table
from .workflow_helpers import urls_loaded

pytestmark = BROWSER_TEST
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def named_clerk(people):
    """The clerk has a name here, as every real one has (the shared fixture's has none)."""
    clerk = people["clerk"]
    clerk.last_name, clerk.first_name, clerk.position = "Смирнова", "Татьяна", "Делопроизводитель"
    clerk.save()


def step_of(approval, user, purpose="decision"):
    return approval.steps.get(assignee=user, decided_at__isnull=True, purpose=purpose)


def decide(page, approval, user, decision="agree", remarks="", name="task"):
    """Open the task from its link, choose the decision, send: as the approver does."""
    go(page, step_of(approval, user).task_url)
    looks_right(page, name)
    page.check(f"input[name=decision][value={decision}]", force=True)
    if remarks:
        page.fill("textarea[name=remarks]", remarks)
    page.click(".rg-page form button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def submit(page, label):
    page.click(f"button:has-text('{label}')")
    page.wait_for_load_state("domcontentloaded")


def test_the_conclusion_returned_and_corrected_through_its_form(
    as_user, people, lab_deputy, journals
):
    urls_loaded()
    methodist, phone = as_user(people["methodist"]), as_user(people["methodist"], width=390)
    start = ExpertConclusionFlow.start.reverse("execute")
    go(phone, start)
    looks_right(phone, "conclusion-start-390")
    go(methodist, start)
    fill_conclusion(methodist, experts=[people["methodist"], people["methodist2"]])
    looks_right(methodist, "conclusion-start-1366")
    submit(methodist, "Отправить на согласование")
    approval = Approval.objects.get(kind="conclusion")
    assert approval.form["criteria"] == [
        {"criterion": "Соответствие ФГОС", "score": "5", "remark": "полностью"},
        {"criterion": "Логика изложения", "score": "4", "remark": ""},
    ]
    assert len(approval.form["expert_ids"]) == 2

    decide(as_user(lab_deputy), approval, lab_deputy, name="conclusion-task-1366")
    decide(as_user(people["head"]), approval, people["head"], "return", "Уточните вывод.")

    # The author corrects the form itself: the rows come back as sent, one more is added.
    go(phone, step_of(approval, people["methodist"], "revision").task_url)
    looks_right(phone, "conclusion-revise-390")
    go(methodist, step_of(approval, people["methodist"], "revision").task_url)
    assert "Уточните вывод." in methodist.inner_text("body")
    assert methodist.input_value("[name='edit-criteria-1-criterion']") == "Логика изложения"
    assert methodist.input_value("vf-field-date[name='edit-collected_from'] input") == (
        "01.10.2026"
    )
    methodist.fill("textarea[name='edit-conclusion']", "Программа соответствует требованиям.")
    add_row(methodist, "edit-criteria")
    fill_row(methodist, "edit-criteria", 2, criterion="Цифровые ресурсы", score="3")
    methodist.fill("#id_edit-comment", "Вывод уточнён")
    looks_right(methodist, "conclusion-revise-1366")
    submit(methodist, "Отправить исправленную форму")

    decide(as_user(lab_deputy), approval, lab_deputy)
    decide(as_user(people["head"]), approval, people["head"])
    document = approval.document
    document.refresh_from_db()
    assert document.status == Document.Status.REGISTERED
    assert [row["criterion"] for row in document.current_version.structure.get("criteria", [])] in (
        [],
        ["Соответствие ФГОС", "Логика изложения", "Цифровые ресурсы"],
    )
    approval.refresh_from_db()
    assert approval.form["criteria"][2] == {
        "criterion": "Цифровые ресурсы",
        "score": "3",
        "remark": "",
    }
    for page, width in ((methodist, 1366), (phone, 390)):
        go(page, f"/documents/{document.pk}/")
        assert page.inner_text("#status") == "Зарегистрирован"
        looks_right(page, f"conclusion-registered-{width}")
    go(methodist, "/workflow/dashboard/")
    looks_right(methodist, "dashboard-1366")


def test_the_order_with_parallel_visas_signature_and_acknowledgement(as_user, people, journals):
    urls_loaded()
    methodist = as_user(people["methodist"])
    go(methodist, OrderFlow.start.reverse("execute"))
    methodist.fill("input[name=title]", "О проведении муниципального этапа олимпиады")
    methodist.fill("textarea[name=preamble]", "В соответствии с планом работы")
    fill_row(methodist, "items", 0, text="Провести муниципальный этап олимпиады.")
    add_row(methodist, "items")
    fill_row(methodist, "items", 1, text="Утвердить состав жюри.")
    pick(methodist, "visas", person_label(people["deputy"]), person_label(people["senior"]))
    methodist.check("input[name=parallel_visas]", force=True)
    pick(methodist, "acknowledgers", person_label(people["teacher"]))
    looks_right(methodist, "order-start-1366")
    submit(methodist, "Отправить на согласование")
    approval = Approval.objects.get(kind="order")
    assert approval.form["items"] == [
        "Провести муниципальный этап олимпиады.",
        "Утвердить состав жюри.",
    ]
    # Both visas are open at once (in parallel).
    open_visas = approval.steps.filter(decided_at__isnull=True, purpose="decision")
    assert {s.assignee for s in open_visas} == {people["deputy"], people["senior"]}

    decide(as_user(people["senior"]), approval, people["senior"], name="order-visa-1366")
    decide(as_user(people["deputy"]), approval, people["deputy"])
    head, head_phone = as_user(people["head"]), as_user(people["head"], width=390)
    go(head_phone, step_of(approval, people["head"]).task_url)
    looks_right(head_phone, "order-signature-390")
    decide(head, approval, people["head"], name="order-signature-1366")
    order = approval.document
    order.refresh_from_db()
    assert order.status == Document.Status.REGISTERED and order.number

    teacher = as_user(people["teacher"])
    step = step_of(approval, people["teacher"], "acknowledgement")
    go(teacher, step.task_url)
    looks_right(teacher, "order-acknowledge-1366")
    teacher.click(".rg-page form button[type=submit]")
    teacher.wait_for_load_state("domcontentloaded")
    step.refresh_from_db()
    assert step.decided_at is not None
    for page, width in ((methodist, 1366), (as_user(people["methodist"], width=390), 390)):
        go(page, f"/documents/{order.pk}/")
        assert "Лебедева" in page.inner_text("body")
        looks_right(page, f"order-registered-{width}")


def test_the_plan_imported_approved_reported_done_and_extended(as_user, people, journals):
    urls_loaded()
    today = timezone.localdate()
    deputy = as_user(people["deputy"])
    go(deputy, "/plans/new/")
    deputy.fill("input[name=title]", "План работы лаборатории на 2026/2027 учебный год")
    looks_right(deputy, "plan-create-1366")
    submit(deputy, "Создать")
    plan = Plan.objects.get()
    # An item typed on the plan's page is added in place, without reloading it.
    deputy.evaluate("window.notReloaded = true")
    deputy.fill("vf-field-input[name=section] input", "1. Организационная работа")
    deputy.fill("textarea[name=activity]", "Совещание руководителей методических объединений")
    deputy.fill("vf-field-input[name=due_text] input", "декабрь")
    pick(deputy, "responsible", person_label(people["methodist"]))
    deputy.click("form[action$='/items/new/'] button[type=submit]")
    deputy.wait_for_selector("text=Совещание руководителей методических объединений")
    assert deputy.evaluate("window.notReloaded") is True
    assert plan.items.get().section == "1. Организационная работа"
    table = plan_table(
        [
            ["1", "Семинар для методистов", "январь", "Волкова А.С.", "справка"],
            ["2", "Мониторинг адаптации", "март", "Попова А.С.", "справка"],
        ]
    )
    deputy.set_input_files(
        "form[action$='/import/'] input[type=file]",
        files=[{"name": "план.docx", "mimeType": DOCX, "buffer": table}],
    )
    deputy.click("form[action$='/import/'] button[type=submit]")
    deputy.wait_for_load_state("domcontentloaded")
    assert plan.items.count() == 3
    # The item form suggests the plan's sections and the usual forms of result as one types.
    suggested = deputy.get_attribute("vf-field-input[name=result_form] input", "list")
    assert deputy.locator(f"datalist#{suggested} option").count() > 3
    looks_right(deputy, "plan-draft-1366")
    phone = as_user(people["deputy"], width=390)
    go(phone, f"/plans/{plan.pk}/")
    looks_right(phone, "plan-draft-390")

    deputy.click("a:has-text('Отправить на согласование')")
    deputy.wait_for_load_state("domcontentloaded")
    looks_right(deputy, "plan-send-1366")
    submit(deputy, "Отправить на согласование")
    approval = Approval.objects.get(kind="plan")
    # Whoever the route names agrees in turn; the head approves last.
    while step := approval.steps.filter(decided_at__isnull=True, purpose="decision").first():
        decide(as_user(step.assignee), approval, step.assignee, name="plan-approval-1366")
        approval.refresh_from_db()
    # The organisation keeps no journal of plans: the clerk chooses where it is registered.
    if registration := approval.steps.filter(decided_at__isnull=True, purpose="registration"):
        clerk = as_user(people["clerk"])
        go(clerk, registration.get().task_url)
        choose(clerk, "journal", str(journals["orders"].pk))
        looks_right(clerk, "plan-registration-1366")
        clerk.click(".rg-page form button[type=submit]")
        clerk.wait_for_load_state("domcontentloaded")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED

    # The responsible methodist reports the first item done with a document of the system.
    item = plan.items.get(activity="Семинар для методистов")
    methodist = as_user(people["methodist"])
    go(methodist, f"/plans/items/{item.pk}/")
    looks_right(methodist, "plan-item-1366")
    methodist.fill("form[action$='/complete/'] textarea[name=report]", "Семинар проведён.")
    offered = methodist.locator("rg-picker[data-name=document] option").first
    pick(methodist, "document", offered.get_attribute("value"))
    methodist.click("form[action$='/complete/'] button[type=submit]")
    methodist.wait_for_load_state("domcontentloaded")
    item.refresh_from_db()
    assert item.completed_at is not None and item.result_document_id is not None

    # The senior methodist asks for more time for the second; the owner approves it.
    second = plan.items.get(activity="Мониторинг адаптации")
    senior = as_user(people["senior"])
    go(senior, f"/plans/items/{second.pk}/")
    later = max(second.due_on, today) + datetime.timedelta(days=20)
    fill_date(senior, "due_on", later)
    senior.fill("form[action$='/extension/'] textarea[name=reason]", "Сдвинуты сроки диагностики.")
    senior.click("form[action$='/extension/'] button[type=submit]")
    senior.wait_for_load_state("domcontentloaded")
    extension = Extension.objects.get(item=second)
    go(deputy, f"/plans/items/{second.pk}/")
    deputy.check("input[name=decision][value=approved]", force=True)
    looks_right(deputy, "plan-extension-1366")
    deputy.click(f"form[action$='/{extension.pk}/decide/'] button[type=submit]")
    deputy.wait_for_load_state("domcontentloaded")
    second.refresh_from_db()
    assert second.due_on == later
    go(deputy, f"/plans/{plan.pk}/report/")
    looks_right(deputy, "plan-report-1366")
    go(phone, f"/plans/{plan.pk}/report/")
    looks_right(phone, "plan-report-390")


def test_the_clerk_registers_reserves_cancels_and_exports(as_user, people, journals, document):
    urls_loaded()
    clerk, phone = as_user(people["clerk"]), as_user(people["clerk"], width=390)
    journal = journals["orders"]
    for page, width in ((clerk, 1366), (phone, 390)):
        go(page, "/registry/")
        looks_right(page, f"registry-{width}")

    # Register a document approved on paper from its page.
    go(clerk, f"/documents/{document.pk}/")
    clerk.click(f"a[href$='/registry/register/{document.pk}/']")
    clerk.wait_for_load_state("domcontentloaded")
    choose(clerk, "journal", str(journal.pk))
    looks_right(clerk, "register-1366")
    submit(clerk, "Зарегистрировать")
    document.refresh_from_db()
    assert document.status == Document.Status.REGISTERED and document.number == "01-01/1"

    # Reserve a number, then cancel it with a reason.
    go(clerk, f"/registry/journals/{journal.pk}/")
    clerk.click(f"form[action$='/journals/{journal.pk}/reserve/'] button[type=submit]")
    clerk.wait_for_load_state("domcontentloaded")
    reserved = Registration.objects.filter(journal=journal, document__isnull=True).get()
    cancel = clerk.locator(f"form[action$='/entries/{reserved.pk}/cancel/']")
    cancel.locator("input[name=reason]").fill("Номер зарезервирован ошибочно")
    cancel.locator("button[type=submit]").click()
    clerk.wait_for_load_state("domcontentloaded")
    reserved.refresh_from_db()
    assert reserved.status == "cancelled"
    looks_right(clerk, "journal-1366")
    go(phone, f"/registry/journals/{journal.pk}/")
    looks_right(phone, "journal-390")

    # The journal and the nomenclature download under Russian names.
    go(clerk, f"/registry/journals/{journal.pk}/")
    with clerk.expect_download() as info:
        clerk.click(f"a[href*='/journals/{journal.pk}/xlsx/']")
    assert info.value.suggested_filename.startswith("Журнал регистрации")
    nomenclature = journals["orders"].organization.nomenclatures.get(year=2026)
    go(clerk, f"/registry/nomenclatures/{nomenclature.pk}/")
    looks_right(clerk, "nomenclature-1366")
    with clerk.expect_download() as info:
        clerk.click("a:has-text('.docx')")
    assert info.value.suggested_filename.startswith("Номенклатура дел на 2026 год")


SECTION_PAGES = {
    "methodist": [
        "/documents/",
        "/documents/upload/",
        "/workflow/",
        "/workflow/dashboard/",
        "/workflow/notifications/",
        "/workflow/substitutions/",
        "/plans/",
        "/plans/new/",
        "/search/",
        "/search/?q=мониторинг",
        "/search/bank/",
        "/search/bank/upload/",
    ],
    "head": ["/workflow/routes/", "/workflow/routes/conclusion/", "/registry/"],
}


def test_every_section_page_fits_a_phone_and_speaks_russian(as_user, people, journals):
    for role, paths in SECTION_PAGES.items():
        desktop, phone = as_user(people[role]), as_user(people[role], width=390)
        for path in paths:
            name = path.strip("/").replace("/", "-").replace("?q=", "-") or "home"
            for page, width in ((desktop, 1366), (phone, 390)):
                assert go(page, path).status == 200, path
                looks_right(page, f"section-{name}-{width}")


def test_bad_input_is_refused_in_russian_and_nothing_is_stored(as_user, people, journals):
    urls_loaded()
    methodist = as_user(people["methodist"])
    # An order whose title does not start with «О», its only item left empty.
    go(methodist, OrderFlow.start.reverse("execute"))
    methodist.fill("input[name=title]", "Проведение олимпиады")
    methodist.fill("textarea[name=preamble]", "В соответствии с планом")
    submit(methodist, "Отправить на согласование")
    body = methodist.inner_text(".rg-page")
    assert "Заголовок приказа начинается с «О …»." in body
    assert "Обязательное поле." in body
    # A criterion's score that is not a number, named by its row.
    go(methodist, ExpertConclusionFlow.start.reverse("execute"))
    fill_conclusion(methodist, experts=[people["methodist"]])
    fill_row(methodist, "criteria", 1, criterion="Логика изложения", score="хорошо")
    submit(methodist, "Отправить на согласование")
    assert "Строка 2: «Балл» — должно быть число." in methodist.inner_text(".rg-page")
    # The rows come back as typed, to be corrected.
    assert methodist.input_value("[name$='-score'] >> nth=1") == "хорошо"
    looks_right(methodist, "refused-conclusion-1366")
    # A person typed who is not on the list.
    go(methodist, OrderFlow.start.reverse("execute"))
    box = methodist.locator("rg-picker[data-name=visas] input[type=search]")
    box.fill("Неизвестный Человек")
    box.dispatch_event("change")
    assert box.evaluate("el => el.validationMessage") == "Выберите из списка"
    assert not Approval.objects.exists() and not Document.objects.exists()
