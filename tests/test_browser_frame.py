"""The frame in Chromium: a refused document (another organisation's) and a missing address
show the friendly page inside the frame, with the menu and the ways back, also while DEBUG is
on; the approval sheet and the plan's report download under readable Russian names."""

import pytest

from documents import services as document_services
from orders.flows import OrderFlow
from plans import services as plan_services
from plans.periods import SCHOOL, Period
from workflows.models import Approval

from .browser import BROWSER_TEST, go, shot
from .workflow_helpers import ORDER, decide, start

pytestmark = BROWSER_TEST


def _friendly(page, heading):
    assert page.locator("h1", has_text=heading).is_visible()
    menu = page.locator(".vf-page__menu")
    assert menu.count() == 1
    for section in ("Документы", "Задачи", "Реестр", "Поиск"):
        assert menu.get_by_text(section, exact=True).count() >= 1, section
    assert page.get_by_role("link", name="На главную").is_visible()
    assert page.get_by_role("link", name="Назад").is_visible()
    body = page.inner_text("body")
    assert "URLconf" not in body and "Page not found" not in body


@pytest.mark.parametrize("debug", [False, True])
def test_refused_document_and_missing_page_are_friendly(as_user, people, org_tree, settings, debug):
    settings.DEBUG = debug
    others = document_services.create_document(
        organization=org_tree["school"],
        name="b.txt",
        data="ПОЛОЖЕНИЕ\nо совете школы\n\n1. Общие положения\n1.1. Пункт.".encode(),
    )
    page = as_user(people["methodist"])
    # As if followed from the documents list (the address was shared, say).
    response = page.goto(
        page.base + f"/documents/{others.pk}/", referer=page.base + "/documents/"
    )
    assert response.status == 404
    _friendly(page, "Страница не найдена")
    assert "о совете школы" not in page.inner_text("body")
    shot(page, f"refused-document-{'debug' if debug else 'prod'}-1366")
    page.get_by_role("link", name="Назад").click()
    page.wait_for_url(page.base + "/documents/")
    assert page.locator("h1", has_text="Страница не найдена").count() == 0

    response = page.goto(page.base + "/no-such-page/")
    assert response.status == 404
    _friendly(page, "Страница не найдена")
    page.get_by_role("link", name="На главную").click()
    page.wait_for_url(lambda url: "/no-such-page/" not in url)
    assert page.locator(".vf-page__menu").count() == 1 and "/accounts/login" not in page.url

    phone = as_user(people["methodist"], width=390, height=844)
    phone.goto(phone.base + "/no-such-page/")
    assert phone.get_by_role("link", name="На главную").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(phone, f"missing-page-{'debug' if debug else 'prod'}-390")


def test_refusal_is_a_friendly_403(as_user, org_tree, make_person, journal):
    from orgs.roles import Role

    stranger = make_person("stranger", org_tree["school"], roles=[Role.METHODIST])
    page = as_user(stranger)
    response = page.goto(page.base + f"/registry/journals/{journal.pk}/")
    assert response.status == 403
    _friendly(page, "Доступ запрещён")
    assert "иммет" not in page.inner_text("body")
    shot(page, "refused-journal-1366")


def test_sheet_and_report_download_under_russian_names(as_user, people, journals):
    started = start(OrderFlow, people["methodist"], ORDER, visas=[people["senior"].pk])
    assert started.status_code == 302
    approval = Approval.objects.get(initiator=people["methodist"])
    decide(people["senior"], approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    number = approval.document.number.replace("/", "-")

    page = as_user(people["methodist"])
    go(page, f"/documents/{approval.document.pk}/")
    with page.expect_download() as info:
        page.click(f"a[href='/workflow/approvals/{approval.pk}/sheet/']")
    assert info.value.suggested_filename == f"Лист согласования — Приказ № {number}.docx"

    plan = plan_services.create_plan(
        owner=people["deputy"],
        title="План работы центра на 2026/2027 учебный год",
        period=Period(SCHOOL, "year", 2026),
    )
    page = as_user(people["deputy"])
    go(page, f"/plans/{plan.pk}/report/")
    with page.expect_download() as info:
        page.click(f"a[href='/plans/{plan.pk}/report.docx']")
    assert info.value.suggested_filename == (
        "Отчёт о выполнении плана — План работы центра на 2026-2027 учебный год.docx"
    )
