"""The integrity of the record (issue 15): what was agreed is what is registered, stored,
downloaded and found. One test per finding, driven through the pages and the API as the real
roles; each fails on the code before the lifecycle."""

import datetime
import hashlib
import io
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from conclusions.flows import ExpertConclusionFlow
from documents.models import Document, DocumentVersion
from orders.flows import OrderFlow
from registry.models import Registration
from workflows.models import Approval

from .docx_factory import to_bytes
from .record_helpers import keeper
from .workflow_helpers import CONCLUSION, ORDER, act, client_for, decide, open_task, rows, start

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today().isoformat()


@pytest.fixture(autouse=True)
def _noon_of_today():
    """TODAY is read once, at collection: midday of that (local) date for every test, so a run
    that crosses midnight compares the same day."""
    noon = datetime.datetime.combine(
        datetime.date.fromisoformat(TODAY),
        datetime.time(12),
        tzinfo=timezone.get_default_timezone(),
    )
    with time_machine.travel(noon, tick=True):
        yield
SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def lines_of(data: bytes) -> list[str]:
    """The text of a .docx as a reader sees it: paragraphs, then table cells."""
    out = docx.Document(io.BytesIO(data))
    cells = [c.text for t in out.tables for r in t.rows for c in r.cells]
    return [p.text for p in out.paragraphs] + cells


def stored(version) -> bytes:
    with version.file.open("rb") as handle:
        return handle.read()


def media_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def start_conclusion(people, **extra):
    response = start(
        ExpertConclusionFlow,
        people["methodist"],
        CONCLUSION,
        experts=[people["methodist"].pk, people["methodist2"].pk],
        **extra,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Approval.objects.filter(initiator=people["methodist"]).latest("pk")


def returned(people, approval, deputy):
    decide(deputy, approval)
    decide(people["head"], approval, "return", "Уточните заключение.")
    return open_task(people["methodist"], approval, purpose="revision")


def download(user, document) -> bytes:
    response = client_for(user).get(f"/documents/{document.pk}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def corrected(data: bytes, old: str, new: str) -> bytes:
    """The returned file with one paragraph corrected, as the author would in Word."""
    out = docx.Document(io.BytesIO(data))
    paragraph = next(p for p in out.paragraphs if p.text == old)
    paragraph.runs[0].text, *_rest = [new]
    for run in paragraph.runs[1:]:
        run.text = ""
    return to_bytes(out)


# --- 1. the revision agreed is the revision registered ----------------------------------------


def test_1_a_revised_upload_is_what_is_approved_registered_and_published(
    people, lab_deputy, journals
):
    approval = start_conclusion(people)
    document = approval.document
    revision = returned(people, approval, lab_deputy)
    # The author takes the returned version from the task, corrects it and uploads it.
    original = "Программа составлена в соответствии с требованиями."
    fixed = "Программа составлена в соответствии с требованиями; сроки уточнены."
    data = corrected(download(people["methodist"], document), original, fixed)
    response = act(
        people["methodist"],
        revision,
        {"mode": "file", "comment": "Уточнено"},
        {"file": SimpleUploadedFile("заключение.docx", data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    agreed = document.current_version
    assert agreed.number == 2 and hashlib.sha256(data).hexdigest() == agreed.sha256
    assert "«___»" not in agreed.structure["preamble"]  # the blank is a requisite, not text
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    document.refresh_from_db()
    assert approval.status == Approval.Status.DONE and document.status == "registered"

    final = document.current_version
    assert final.structure["base_version"] == agreed.number
    text = "\n".join(lines_of(stored(final)))
    assert fixed in text and original not in text.replace(fixed, "")
    assert "УТВЕРЖДАЮ" in text and document.number in text
    # The comparison of the agreed and the registered versions strikes nothing out.
    page = client_for(people["methodist"]).get(
        f"/documents/{document.pk}/compare/?a={agreed.number}&b={final.number}"
    )
    assert "<del>" not in page.content.decode()
    # The bank publishes that document, and the search finds the agreed wording.
    assert document.publication.document_id == document.pk


def test_1_an_edited_form_is_what_is_approved(people, lab_deputy, journals):
    approval = start_conclusion(people)
    document = approval.document
    revision = returned(people, approval, lab_deputy)
    page = client_for(people["methodist"]).get(
        revision.task.flow_task.reverse(
            "execute", args=[revision.task.process_id, revision.task_id]
        )
    )
    assert "Исправить форму" in page.content.decode()
    fields = {f"edit-{k}": v for k, v in CONCLUSION.items()}
    fields.update(
        {
            "mode": "form",
            "edit-experts": [people["methodist"].pk],
            "edit-conclusion": "Программа исправлена по замечаниям.",
            **rows(
                "edit-criteria",
                {"criterion": "Соответствие ФГОС", "score": "5", "remark": "полностью"},
                {"criterion": "Логика", "score": "5", "remark": "исправлено"},
            ),
            "edit-comment": "Исправлено в форме",
        }
    )
    assert act(people["methodist"], revision, fields).status_code == 302
    document.refresh_from_db()
    agreed = document.current_version
    assert agreed.structure["form"]["conclusion"] == "Программа исправлена по замечаниям."
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    document.refresh_from_db()
    text = "\n".join(lines_of(stored(document.current_version)))
    assert "Программа исправлена по замечаниям." in text and "исправлено" in text
    assert CONCLUSION["conclusion"] not in text
    assert document.current_version.structure["tables"] == agreed.structure["tables"]


# --- 2. an approved or registered document takes no new version --------------------------------


def test_2_a_new_version_of_a_registered_document_is_refused_with_409(
    people, lab_deputy, journals, settings
):
    approval = start_conclusion(people)
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    document = Document.objects.get(pk=approval.document_id)
    assert document.status == "registered"
    before = (
        DocumentVersion.objects.count(),
        media_files(settings),
        stored(document.current_version),
    )
    response = api(people["methodist"]).post(
        f"/api/v1/documents/{document.pk}/versions/",
        {"file": SimpleUploadedFile("v.txt", "ЗАКЛЮЧЕНИЕ\nДругой текст".encode())},
        format="multipart",
    )
    assert response.status_code == 409
    assert "новую редакцию" in response.json()["detail"]
    document.refresh_from_db()
    assert document.status == "registered"
    after = (
        DocumentVersion.objects.count(),
        media_files(settings),
        stored(document.current_version),
    )
    assert after == before
    # The page does not offer it either, and its address says why.
    page = client_for(people["methodist"]).get(f"/documents/{document.pk}/versions/new/")
    assert page.status_code == 302


# --- 3. registration of a document on approval ---------------------------------------------------


def test_3_a_document_on_approval_is_not_registered_and_the_process_registers_it(
    people, lab_deputy, journals
):
    approval = start_conclusion(people)
    document = approval.document
    # The clerk does not even see a draft on its route; the head does, and is told at once.
    assert client_for(people["clerk"]).get(f"/registry/register/{document.pk}/").status_code == 404
    told = client_for(people["head"]).get(f"/registry/register/{document.pk}/").content.decode()
    assert 'id="refusal"' in told and "на согласовании" in told
    page = client_for(people["head"]).post(
        f"/registry/register/{document.pk}/",
        {"journal": journals["conclusions"].pk, "date": TODAY},
    )
    assert "на согласовании" in page.content.decode()
    response = api(people["head"]).post(
        f"/api/v1/documents/{document.pk}/register", {"journal": journals["conclusions"].pk}
    )
    assert response.status_code == 409 and "на согласовании" in response.json()["detail"]
    assert not Registration.objects.exists()
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    document.refresh_from_db()
    assert approval.status == Approval.Status.DONE and approval.registration_error == ""
    assert (document.status, document.number) == ("registered", "01-02/1")


def test_3_the_manual_registration_task_completes_when_the_clerk_registered_it_meanwhile(
    people, lab_deputy, nomenclature, journal
):
    approval = start_conclusion(people)  # no conclusions journal: registered by hand
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.APPROVED and approval.registration_error
    # Meanwhile the clerk registers the approved conclusion from the Реестр page.
    response = client_for(people["clerk"]).post(
        f"/registry/register/{approval.document_id}/", {"journal": journal.pk, "date": TODAY}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    step = open_task(people["clerk"], approval, purpose="registration")
    task_page = client_for(people["clerk"]).get(
        step.task.flow_task.reverse("execute", args=[step.task.process_id, step.task_id])
    )
    assert "уже зарегистрирован" in task_page.content.decode()
    assert act(people["clerk"], step, {}).status_code == 302
    approval.refresh_from_db()
    document = Document.objects.get(pk=approval.document_id)
    assert approval.status == Approval.Status.DONE
    assert document.status == "registered" and document.number == "01-01/1"
    assert Registration.objects.filter(document=document).count() == 1
    assert "01-01/1" in "\n".join(lines_of(stored(document.current_version)))


# --- 4. an upload takes nothing from the file's text ---------------------------------------------


def test_4_an_upload_is_a_draft_whatever_its_text_says(people, org_tree, make_person):
    from orgs.roles import Role

    text = "ПРИКАЗ\n01.02.2026 № 01-01/777\nО проведении проверки\n\n1. Провести проверку."
    response = api(people["methodist"]).post(
        "/api/v1/documents/",
        {"file": SimpleUploadedFile("приказ.txt", text.encode()), "visibility": "all"},
        format="multipart",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["status"], data["number"], data["date"]) == ("draft", "", None)
    assert data["in_file"]["number"] == "01-01/777" and data["approval"] is None
    assert not Registration.objects.exists()
    # Staff of another school neither see the draft nor find it by that number.
    outsider = make_person("teacher2", org_tree["school"], roles=[Role.STAFF])
    found = api(outsider).get("/api/v1/search/", {"q": "01-01/777"}).json()
    assert found["count"] == 0
    assert api(outsider).get(f"/api/v1/documents/{data['id']}/").status_code == 404
    page = client_for(people["methodist"]).get(f"/documents/{data['id']}/").content.decode()
    assert "В файле" in page and "№ 01-01/777" in page and 'id="registration"' not in page


# --- 5. «Скачать» gives back the stored bytes ----------------------------------------------------


def test_5_download_gives_back_the_stored_bytes_of_an_imported_document(people, org_tree):
    seed = next(SEEDS.glob("003_*"))
    response = client_for(people["head"]).post(
        "/documents/upload/",
        {"file": SimpleUploadedFile(seed.name, seed.read_bytes()), "visibility": "organization"},
    )
    assert response.status_code == 302
    document = Document.objects.get(kind="conclusion")
    body = download(people["head"], document)
    assert hashlib.sha256(body).hexdigest() == hashlib.sha256(seed.read_bytes()).hexdigest()
    disposition = unquote(
        client_for(people["head"]).get(f"/documents/{document.pk}/docx/")["Content-Disposition"]
    )
    assert "ЗАКЛЮЧЕНИЕ Об участии" in disposition and disposition.endswith(".txt")
    assert people["head"].last_name.encode() not in body  # nobody's signature added


def test_5_a_registered_order_keeps_its_preamble_and_one_signature(people, journals):
    response = start(OrderFlow, people["methodist"], ORDER)
    assert response.status_code == 302
    approval = Approval.objects.get(initiator=people["methodist"])
    decide(people["head"], approval)
    document = Document.objects.get(pk=approval.document_id)
    assert document.status == "registered"
    text = lines_of(download(people["methodist"], document))
    assert f"{ORDER['preamble']}," in text  # leading into ПРИКАЗЫВАЮ
    assert sum(people["head"].initials_name in line for line in text) == 1
    executor = people["methodist"].get_full_name()
    assert sum(line.startswith(executor) for line in text) == 1
    page = client_for(people["methodist"]).get(f"/documents/{document.pk}/").content.decode()
    assert ORDER["preamble"] in page and 'id="signature"' in page


# --- 6. tables survive -------------------------------------------------------------------------


def test_6_the_criteria_table_stays_a_table_through_revision(people, lab_deputy, journals):
    approval = start_conclusion(people)
    document = approval.document
    page = client_for(people["methodist"]).get(f"/documents/{document.pk}/").content.decode()
    assert "<th>Критерий</th>" in page and "<td>Соответствие ФГОС</td>" in page
    sections = api(people["methodist"]).get(f"/api/v1/documents/{document.pk}/").json()["sections"]
    assert any(t["rows"][1][1] == "Соответствие ФГОС" for s in sections for t in s["tables"])
    revision = returned(people, approval, lab_deputy)
    returned_file = download(people["methodist"], document)
    assert docx.Document(io.BytesIO(returned_file)).tables[-1].rows[1].cells[1].text == (
        "Соответствие ФГОС"
    )
    data = corrected(
        returned_file,
        "Дополнить перечень цифровых ресурсов.",
        "Дополнить перечень цифровых ресурсов и заданий.",
    )
    act(
        people["methodist"],
        revision,
        {"mode": "file"},
        {"file": SimpleUploadedFile("v2.docx", data)},
    )
    document.refresh_from_db()
    tables = document.current_version.structure["tables"]
    assert tables and tables[0]["rows"][1][1:3] == ["Соответствие ФГОС", "5"]
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    document.refresh_from_db()
    assert document.current_version.structure["tables"] == tables
    registered = docx.Document(io.BytesIO(stored(document.current_version)))
    rows = [[c.text for c in r.cells] for t in registered.tables for r in t.rows]
    assert ["1", "Соответствие ФГОС", "5", "полностью"] in rows


# --- 7. a control character breaks nothing -------------------------------------------------------


def test_7_control_characters_are_refused_and_stored_ones_break_no_export(
    people, journals, settings
):
    before = media_files(settings)
    response = api(people["methodist"]).post(
        "/api/v1/documents/",
        {"file": SimpleUploadedFile("a.txt", "ПОЛОЖЕНИЕ\nо совете".encode()), "title": "Со\x0bвет"},
        format="multipart",
    )
    assert response.status_code == 400 and "управляющие" in response.json()["title"][0]
    page = client_for(people["methodist"]).post(
        "/documents/upload/",
        {
            "file": SimpleUploadedFile("a.txt", "ПОЛОЖЕНИЕ\nо совете".encode()),
            "title": "Со\x0bвет",
            "visibility": "organization",
        },
    )
    assert page.status_code == 200 and "управляющие" in page.content.decode()
    assert not Document.objects.exists() and media_files(settings) == before
    # A value stored before the rule (or by any other way in) is written out, not a 500.
    text = "ПРИКАЗ\nО совете\n\n1. Провести."
    document = approved_upload_as(people["clerk"], text)
    response = client_for(people["clerk"]).post(
        f"/registry/register/{document.pk}/", {"journal": journals["orders"].pk, "date": TODAY}
    )
    assert response.status_code == 302
    Document.objects.filter(pk=document.pk).update(title="О совете\x0b\x01")
    entry = Registration.objects.get(document=document)
    clerk = client_for(people["clerk"])
    for url in (
        f"/registry/journals/{entry.journal_id}/xlsx/",
        f"/registry/cases/{entry.case_id}/inventory/",
        f"/registry/nomenclatures/{entry.case.nomenclature_id}/docx/",
        f"/documents/{document.pk}/download/",
        f"/documents/{document.pk}/",
    ):
        assert clerk.get(url).status_code == 200, url


def approved_upload_as(user, text):
    from documents import lifecycle, services

    document = services.create_document(
        organization=user.organization, name="x.txt", data=text.encode(), author=user
    )
    lifecycle.enter_from_archive(document, actor=keeper())
    document.refresh_from_db()
    return document
