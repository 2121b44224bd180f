"""Registry API: nomenclatures, cases, journals, reservation, registration, cancellation."""

import io

import docx
import openpyxl
import pytest

from orgs.roles import Role
from registry.models import Nomenclature

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_clerk(client, clerk):
    client.force_login(clerk)
    return client


def test_nomenclature_lifecycle_over_the_api(client, clerk, head, org_tree, rules):
    client.force_login(clerk)
    created = client.post("/api/v1/nomenclatures/", {"year": 2027})
    assert created.status_code == 201
    nid = created.json()["id"]
    url = f"/api/v1/nomenclatures/{nid}/"
    case = client.post(
        f"{url}cases/",
        {
            "unit": org_tree["units"]["imc-01"].pk,
            "title": "Приказы",
            "retention_rule": rules["permanent"].pk,
        },
    )
    assert case.status_code == 201 and case.json()["index"] == "01-01"
    assert case.json()["retention"] == "Постоянно, ст. 19а"
    clash = client.post(
        f"{url}cases/",
        {
            "unit": org_tree["units"]["imc-01"].pk,
            "index": "01-01",
            "title": "Дубль",
            "retention_rule": rules["five"].pk,
        },
    )
    assert clash.status_code == 400 and "уже используется" in clash.json()["detail"]
    refused = client.post(f"{url}approve/", {"order_number": "1", "order_date": "2026-12-01"})
    assert refused.status_code == 400 and "руководитель" in refused.json()["detail"]
    client.force_login(head)
    approved = client.post(
        f"{url}approve/", {"order_number": "01-12/9", "order_date": "2026-12-01"}
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    detail = client.get(url).json()
    assert detail["final_record"]["permanent"]["total"] == 1 and len(detail["cases"]) == 1
    exported = client.get(f"{url}docx/")
    assert exported.status_code == 200
    rendered = docx.Document(io.BytesIO(b"".join(exported.streaming_content)))
    assert "на 2027 год" in [p.text for p in rendered.paragraphs]


def test_rollover_over_the_api(as_clerk, nomenclature):
    response = as_clerk.post("/api/v1/nomenclatures/rollover/", {"year": 2027})
    assert response.status_code == 200 and response.json()["year"] == 2027
    again = as_clerk.post("/api/v1/nomenclatures/rollover/", {"year": 2027})
    assert again.json()["id"] == response.json()["id"]
    assert Nomenclature.objects.get(year=2027).cases.count() == 2
    bad = as_clerk.post("/api/v1/nomenclatures/rollover/", {"year": 2031})
    assert bad.status_code == 400 and "нет утверждённой номенклатуры" in bad.json()["detail"]


def test_journal_template_is_validated(as_clerk, nomenclature):
    bad = as_clerk.post(
        "/api/v1/journals/", {"name": "Входящие", "kind": "incoming", "number_template": "{n}/{x}"}
    )
    assert bad.status_code == 400 and "{x}" in bad.json()["detail"]
    good = as_clerk.post(
        "/api/v1/journals/",
        {
            "name": "Входящие",
            "kind": "incoming",
            "number_template": "{n}-вх",
            "default_case_index": "01-02",
        },
    )
    assert good.status_code == 201


def test_register_reserve_cancel_and_journal(as_clerk, journal, document, org_tree):
    reserved = as_clerk.post(f"/api/v1/journals/{journal.pk}/reserve/", {"date": "2026-04-01"})
    assert reserved.status_code == 201 and reserved.json()["number"] == "01-01/1"
    response = as_clerk.post(
        f"/api/v1/documents/{document.pk}/register", {"journal": journal.pk, "date": "2026-04-02"}
    )
    assert response.status_code == 201
    assert (response.json()["number"], response.json()["date"], response.json()["case"]) == (
        "01-01/2",
        "2026-04-02",
        "01-01",
    )
    again = as_clerk.post(f"/api/v1/documents/{document.pk}/register", {"journal": journal.pk})
    assert again.status_code == 400 and "уже зарегистрирован" in again.json()["detail"]
    cancel = as_clerk.post(
        f"/api/v1/journal-entries/{reserved.json()['id']}/cancel/", {"reason": "не понадобился"}
    )
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"
    entries = as_clerk.get(f"/api/v1/journals/{journal.pk}/entries/?status=cancelled").json()
    assert [e["number"] for e in entries] == ["01-01/1"]
    sheet = as_clerk.get(f"/api/v1/journals/{journal.pk}/xlsx/")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(sheet.streaming_content)))
    assert [r[1] for r in book.active.iter_rows(min_row=4, values_only=True)] == [
        "01-01/1",
        "01-01/2",
    ]
    docs = as_clerk.get(f"/api/v1/cases/{journal.entries.get(number='01-01/2').case_id}/documents/")
    assert [e["number"] for e in docs.json()] == ["01-01/2"]


def test_register_refusals_are_400_with_message(as_clerk, journal, document, nomenclature):
    case = nomenclature.cases.get(index="01-01")
    as_clerk.post(f"/api/v1/cases/{case.pk}/close/")
    response = as_clerk.post(
        f"/api/v1/documents/{document.pk}/register", {"journal": journal.pk, "date": "2026-12-01"}
    )
    assert response.status_code == 400 and "закрыто" in response.json()["detail"]
    response = as_clerk.post(
        f"/api/v1/documents/{document.pk}/register", {"journal": journal.pk, "date": "2031-01-01"}
    )
    assert (
        response.status_code == 400 and "нет утверждённой номенклатуры" in response.json()["detail"]
    )


def test_only_keepers_register_and_other_organisations_see_nothing(
    client, journal, document, org_tree, make_person
):
    staff = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    client.force_login(staff)
    response = client.post(f"/api/v1/documents/{document.pk}/register", {"journal": journal.pk})
    assert response.status_code == 403
    assert client.get(f"/api/v1/journals/{journal.pk}/").status_code == 200  # may read
    outsider = make_person("outsider", org_tree["school"], roles=[Role.CLERK])
    client.force_login(outsider)
    assert client.get(f"/api/v1/journals/{journal.pk}/").status_code == 404
    assert client.get("/api/v1/nomenclatures/").json()["results"] == []


def test_schema_lists_registry_paths(as_clerk):
    paths = as_clerk.get("/api/v1/schema/?format=json").json()["paths"]
    for path in (
        "/api/v1/nomenclatures/",
        "/api/v1/nomenclatures/{id}/approve/",
        "/api/v1/nomenclatures/rollover/",
        "/api/v1/journals/{id}/reserve/",
        "/api/v1/journal-entries/{id}/cancel/",
        "/api/v1/documents/{id}/register",
        "/api/v1/cases/{id}/close/",
    ):
        assert path in paths, path
