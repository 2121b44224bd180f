"""Согласование документа: an uploaded draft approved as it is, and «Новая редакция» of an
approved regulation taken to the end, through the pages as the real roles."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from drafts.flows import DocumentFlow
from workflows.models import Approval

from .docx_factory import new_document, to_bytes
from .record_helpers import keeper
from .workflow_helpers import act, client_for, decide, open_task, urls_loaded

pytestmark = pytest.mark.django_db


def regulation_docx(clause="1.1. Лаборатория ведёт мониторинг качества образования.") -> bytes:
    out = new_document()
    for line in ("ПОЛОЖЕНИЕ", "о лаборатории мониторинга", "1. Общие положения", clause):
        out.add_paragraph(line)
    return to_bytes(out)


def lines(data: bytes) -> list[str]:
    out = docx.Document(io.BytesIO(data))
    return [p.text for p in out.paragraphs] + [
        c.text for t in out.tables for r in t.rows for c in r.cells
    ]


def stored(document) -> bytes:
    with document.current_version.file.open("rb") as handle:
        return handle.read()


def test_an_uploaded_regulation_is_agreed_approved_on_its_own_file_and_registered(
    people, journals
):
    urls_loaded()
    methodist = client_for(people["methodist"])
    data = regulation_docx()
    response = methodist.post(
        "/documents/upload/",
        {"file": SimpleUploadedFile("положение.docx", data), "visibility": "organization"},
    )
    document = Document.objects.get()
    page = methodist.get(f"/documents/{document.pk}/").content.decode()
    assert "Отправить на согласование" in page
    start_url = DocumentFlow.start.reverse("execute")
    assert methodist.get(f"{start_url}?document={document.pk}").status_code == 200
    response = methodist.post(
        start_url, {"document": document.pk, "add_approvers": [people["senior"].pk]}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    approval = Approval.objects.get(kind="document")
    document.refresh_from_db()
    assert document.status == "on_approval" and approval.route == [
        {"participants": [people["senior"].pk], "days": 3},
        {"participants": [people["head"].pk], "days": 3},
    ]
    decide(people["senior"], approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    document.refresh_from_db()
    # Approved on its own file; no journal for regulations: the clerk registers it by hand.
    assert document.status == "approved" and approval.registration_error
    approved = lines(stored(document))
    assert "УТВЕРЖДАЮ" in "\n".join(approved)
    assert set(lines(data)) <= set(approved)  # the file's own text, untouched
    step = open_task(people["clerk"], approval, purpose="registration")
    assert act(people["clerk"], step, {"journal": journals["orders"].pk}).status_code == 302
    approval.refresh_from_db()
    document.refresh_from_db()
    assert approval.status == Approval.Status.DONE and document.status == "registered"
    assert document.number in "\n".join(lines(stored(document)))


def test_a_txt_draft_must_become_a_docx_before_it_is_sent(people):
    urls_loaded()
    methodist = client_for(people["methodist"])
    methodist.post(
        "/documents/upload/",
        {
            "file": SimpleUploadedFile("п.txt", "ПОЛОЖЕНИЕ\nо совете\n1.1. Текст.".encode()),
            "visibility": "organization",
        },
    )
    document = Document.objects.get()
    page = methodist.get(f"/documents/{document.pk}/").content.decode()
    assert "загрузите его в формате .docx" in page
    response = methodist.post(DocumentFlow.start.reverse("execute"), {"document": document.pk})
    assert response.status_code == 200 and "только файл .docx" in response.content.decode()
    assert not Approval.objects.exists()


def test_a_new_revision_of_a_regulation_goes_through_approval_and_replaces_it(
    people, journals
):
    from documents import lifecycle, services

    urls_loaded()
    old = services.create_document(
        organization=people["head"].organization,
        name="положение.docx",
        data=regulation_docx(),
        author=people["methodist"],
    )
    lifecycle.enter_from_archive(old, actor=keeper())
    methodist = client_for(people["methodist"])
    # The approved regulation takes no new version; the page offers a new revision.
    response = methodist.get(f"/documents/{old.pk}/versions/new/", follow=True)
    assert "новую редакцию" in response.content.decode()
    methodist.post(f"/documents/{old.pk}/new-revision/")
    draft = Document.objects.get(supersedes=old)
    changed = regulation_docx("1.1. Лаборатория ведёт мониторинг и аналитическую работу.")
    response = methodist.post(
        f"/documents/{draft.pk}/versions/new/",
        {"file": SimpleUploadedFile("положение-2.docx", changed), "comment": "новая редакция"},
    )
    assert response.status_code == 302
    methodist.post(DocumentFlow.start.reverse("execute"), {"document": draft.pk})
    approval = Approval.objects.get(document=draft)
    decide(people["head"], approval)
    step = open_task(people["clerk"], approval, purpose="registration")
    act(people["clerk"], step, {"journal": journals["orders"].pk})
    old.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == "registered" and old.status == "superseded"
    page = methodist.get(f"/documents/{old.pk}/").content.decode()
    assert "Заменён новой редакцией" in page and f"/documents/{draft.pk}/" in page
