"""Downloads under readable Russian file names (RFC 5987 `filename*`, with an ASCII
fallback): the approval and acknowledgement sheets, the plan's report, the registry's exports,
an item's result and the document itself, whose stored bytes go out unchanged."""

import re
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile

from common.downloads import ascii_name, content_disposition, file_name, safe_name
from documents import services as documents_services
from orders.flows import OrderFlow
from plans import services as plan_services
from plans.periods import SCHOOL, Period
from workflows.models import Approval

from .workflow_helpers import ORDER, client_for, decide, start

pytestmark = pytest.mark.django_db


def downloaded_name(response) -> str:
    """The name a browser saves the download under: the UTF-8 one (RFC 5987)."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment;"), header
    match = re.search(r"filename\*=UTF-8''(\S+)", header)
    assert match, header
    return unquote(match.group(1))


def ascii_fallback(response) -> str:
    match = re.search(r'filename="([^"]*)"', response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    fallback = match.group(1)
    assert fallback.isascii()
    return fallback


# --- the helper --------------------------------------------------------------------------------


def test_file_name_joins_parts_and_drops_what_file_systems_refuse():
    assert (
        file_name("Лист согласования", "Приказ № 01-01/5", extension="docx")
        == "Лист согласования — Приказ № 01-01-5.docx"
    )
    name = file_name('Отчёт: "план" <2026>|*?\\\x07\n', extension=".xlsx")
    assert name == "Отчёт план 2026.xlsx"
    assert not set('/\\:*?"<>|') & set(name)
    assert file_name("", None, extension="docx") == "file.docx"


def test_long_names_are_cut_at_a_word_and_keep_the_other_parts():
    name = file_name("Лист согласования", "очень длинное название " * 20, extension="docx")
    assert len(name) <= 130 and name.startswith("Лист согласования — очень длинное")
    assert name.rsplit(" ", 1)[-1] in ("очень.docx", "длинное.docx", "название.docx")
    assert len(safe_name("слово " * 100)) <= 120


def test_header_has_utf8_name_and_ascii_fallback():
    header = content_disposition("Лист согласования — Приказ № 01-01-5.docx")
    assert header.startswith('attachment; filename="List soglasovaniia - Prikaz N 01-01-5.docx"')
    assert "filename*=UTF-8''%D0%9B%D0%B8%D1%81%D1%82" in header
    assert ascii_name("Журнал «Ёлка»") == "Zhurnal Elka"


# --- the downloads -----------------------------------------------------------------------------


@pytest.fixture
def signed_order(people, journals):
    response = start(OrderFlow, people["methodist"], ORDER, visas=[people["senior"].pk])
    assert response.status_code == 302, response.content.decode()[:2000]
    approval = Approval.objects.get(initiator=people["methodist"])
    decide(people["senior"], approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.document.number == "01-01/1"
    return approval


def test_approval_and_acknowledgement_sheets_are_named_in_russian(people, signed_order):
    web = client_for(people["methodist"])
    sheet = web.get(f"/workflow/approvals/{signed_order.pk}/sheet/")
    assert sheet.status_code == 200
    assert downloaded_name(sheet) == "Лист согласования — Приказ № 01-01-1.docx"
    assert ascii_fallback(sheet) == "List soglasovaniia - Prikaz N 01-01-1.docx"
    acknowledgements = web.get(f"/workflow/approvals/{signed_order.pk}/acknowledgements/")
    assert acknowledgements.status_code == 200
    assert downloaded_name(acknowledgements) == "Лист ознакомления — Приказ № 01-01-1.docx"


def test_plan_report_and_item_result_are_named_in_russian(people):
    plan = plan_services.create_plan(
        owner=people["deputy"],
        title="План работы центра на 2026/2027 учебный год",
        period=Period(SCHOOL, "year", 2026),
    )
    report = client_for(people["deputy"]).get(f"/plans/{plan.pk}/report.docx")
    assert report.status_code == 200
    assert (
        downloaded_name(report)
        == "Отчёт о выполнении плана — План работы центра на 2026-2027 учебный год.docx"
    )
    item = plan_services.add_item(plan, user=people["deputy"], activity="Семинар", number="3")
    item.result_file.save("spravka_x1Yz.docx", ContentFile(b"result bytes"))
    result = client_for(people["deputy"]).get(f"/plans/items/{item.pk}/result/")
    assert result.status_code == 200 and b"".join(result.streaming_content) == b"result bytes"
    assert downloaded_name(result) == (
        "Результат пункта 3 — План работы центра на 2026-2027 учебный год.docx"
    )


def test_registry_exports_are_named_in_russian(people, journal, nomenclature, org_tree):
    web = client_for(people["clerk"])
    case = nomenclature.cases.order_by("index").first()
    short = org_tree["centre"].short_name or org_tree["centre"].name
    expected = {
        f"/registry/nomenclatures/{nomenclature.pk}/docx/": (
            f"Номенклатура дел на 2026 год — {short}.docx"
        ),
        f"/api/v1/nomenclatures/{nomenclature.pk}/docx/": (
            f"Номенклатура дел на 2026 год — {short}.docx"
        ),
        f"/registry/cases/{case.pk}/inventory/": (
            f"Опись дела {case.index} — Приказы директора по основной деятельности.docx"
        ),
        f"/api/v1/cases/{case.pk}/inventory/": (
            f"Опись дела {case.index} — Приказы директора по основной деятельности.docx"
        ),
        f"/registry/journals/{journal.pk}/xlsx/": (
            "Журнал регистрации — Приказы по основной деятельности.xlsx"
        ),
        f"/api/v1/journals/{journal.pk}/xlsx/": (
            "Журнал регистрации — Приказы по основной деятельности.xlsx"
        ),
    }
    for url, name in expected.items():
        response = web.get(url)
        assert response.status_code == 200, url
        assert downloaded_name(response) == name, url
        ascii_fallback(response)


def test_document_download_keeps_the_stored_bytes_under_its_title(people, org_tree):
    data = "ПРИКАЗ\nО мониторинге: «итоги» 1/2\n\n1. Провести.".encode()
    document = documents_services.create_document(
        organization=org_tree["centre"], name="o.txt", data=data, author=people["methodist"]
    )
    response = client_for(people["methodist"]).get(f"/documents/{document.pk}/download/")
    assert b"".join(response.streaming_content) == data
    name = downloaded_name(response)
    assert name.endswith(".txt") and "мониторинге" in name
    assert not set('/\\:*?"<>|') & set(name)
    ascii_fallback(response)
