"""Реестр pages: nomenclature editor, approval, journals with filters, register action."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from registry.models import Nomenclature, Registration

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _noon_of_today():
    """The tests' TODAY is read once, at collection: midday of it for every test, so a run
    that crosses midnight (Moscow time) compares the same day."""
    noon = datetime.datetime.combine(
        TODAY, datetime.time(12), tzinfo=timezone.get_default_timezone()
    )
    with time_machine.travel(noon, tick=True):
        yield


@pytest.fixture
def this_year(org_tree, rules, head):
    """An approved nomenclature for the current year with case 01-01, and a journal."""
    from registry import services
    from registry.models import Journal

    n = Nomenclature.objects.create(organization=org_tree["centre"], year=TODAY.year)
    services.add_case(
        n, unit=org_tree["units"]["imc-01"], title="Приказы", retention_rule=rules["permanent"]
    )
    services.approve_nomenclature(
        n, approver=head, order_number="1", order_date=datetime.date(TODAY.year, 1, 1)
    )
    journal = services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Приказы",
            kind="orders_main",
            number_template="{n}-од",
            default_case_index="01-01",
        )
    )
    return n, journal


def test_clerk_builds_a_nomenclature_and_head_approves(client, clerk, head, org_tree, rules):
    client.force_login(clerk)
    assert "Номенклатуры дел" in client.get("/registry/").content.decode()
    response = client.post("/registry/nomenclatures/new/", {"year": 2027})
    n = Nomenclature.objects.get(year=2027)
    assert response["Location"] == f"/registry/nomenclatures/{n.pk}/"
    client.post(
        f"/registry/nomenclatures/{n.pk}/cases/new/",
        {
            "unit": org_tree["units"]["imc-02"].pk,
            "title": "Отчёты лаборатории",
            "retention_rule": rules["five"].pk,
            "volumes": 1,
            "epk": "unknown",
            "index": "",
        },
    )
    assert n.cases.get().index == "02-01"
    page = client.get(f"/registry/nomenclatures/{n.pk}/").content.decode()
    assert "02-01" in page and "Отчёты лаборатории" in page and "Итоговая запись" in page
    refused = client.post(
        f"/registry/nomenclatures/{n.pk}/approve/",
        {"order_number": "5", "order_date": "2026-12-01"},
        follow=True,
    )
    assert "Номенклатуру утверждает руководитель" in refused.content.decode()
    client.force_login(head)
    client.post(
        f"/registry/nomenclatures/{n.pk}/approve/",
        {"order_number": "5", "order_date": "2026-12-01"},
    )
    n.refresh_from_db()
    assert n.status == "approved"
    docx = client.get(f"/registry/nomenclatures/{n.pk}/docx/")
    assert docx.status_code == 200 and ".docx" in docx["Content-Disposition"]


def test_register_from_the_document_page(client, clerk, this_year, document):
    client.force_login(clerk)
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert f"/registry/register/{document.pk}/" in page
    form = client.get(f"/registry/register/{document.pk}/").content.decode()
    # Viewflow's calendar field, with today in the locale's form.
    assert f'name="date" value="{TODAY:%d.%m.%Y}"' in form and "<vf-field-date" in form
    _n, journal = this_year
    response = client.post(
        f"/registry/register/{document.pk}/",
        {"journal": journal.pk, "case": "", "date": TODAY.isoformat()},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.number == "1-од" and document.status == "registered"
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert f"/registry/register/{document.pk}/" not in page
    again = client.post(
        f"/registry/register/{document.pk}/", {"journal": journal.pk, "date": TODAY.isoformat()}
    )
    assert "уже зарегистрирован" in again.content.decode()


def test_journal_page_filters_reserves_cancels_and_exports(client, clerk, this_year, document):
    from registry import services

    _n, journal = this_year
    services.register_document(document, journal, user=clerk, on_date=TODAY)
    client.force_login(clerk)
    client.post(f"/registry/journals/{journal.pk}/reserve/")
    reserved = Registration.objects.get(status="reserved")
    client.post(f"/registry/entries/{reserved.pk}/cancel/", {"reason": "не нужен"})
    reserved.refresh_from_db()
    assert reserved.status == "cancelled"
    page = client.get(f"/registry/journals/{journal.pk}/?status=cancelled").content.decode()
    assert "<s>2-од</s>" in page and "1-од" not in page
    export = client.get(f"/registry/journals/{journal.pk}/xlsx/?status=registered")
    assert export.status_code == 200 and ".xlsx" in export["Content-Disposition"]
    case_page = client.get(f"/registry/cases/{document.registrations.get().case_id}/")
    assert document.title in case_page.content.decode()


def test_staff_cannot_register_or_edit(client, this_year, document, org_tree, make_person):
    from orgs.roles import Role

    teacher = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    client.force_login(teacher)
    assert client.get(f"/registry/register/{document.pk}/").status_code == 403
    n, journal = this_year
    assert client.post(f"/registry/journals/{journal.pk}/reserve/").status_code == 403
    page = client.get(f"/registry/nomenclatures/{n.pk}/").content.decode()
    assert "Добавить дело" not in page
    outsider = make_person("outsider", org_tree["school"], roles=[Role.CLERK])
    client.force_login(outsider)
    assert client.get(f"/registry/journals/{journal.pk}/").status_code == 403
