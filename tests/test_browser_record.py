"""The record's journeys in Chromium, as the real roles click them: an upload stays a draft and
says what its file shows; a conclusion returned, corrected in Word and uploaded again is the
one stamped, registered and downloaded; an approved regulation gets a new revision that goes
through approval and replaces it."""

import hashlib
import io
import re
from pathlib import Path

import docx

from conclusions.flows import ExpertConclusionFlow
from documents import lifecycle, services
from documents.models import Document
from workflows.models import Approval

from .browser import BROWSER_TEST, choose, fill_conclusion, go, shot
from .docx_factory import new_document, to_bytes
from .record_helpers import keeper
from .workflow_helpers import CONCLUSION, urls_loaded

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
pytestmark = BROWSER_TEST


def task_path(approval, user, purpose="decision"):
    step = approval.steps.get(assignee=user, decided_at__isnull=True, purpose=purpose)
    return step.task_url


def decide(page, approval, user, decision="agree", remarks=""):
    go(page, task_path(approval, user))
    page.check(f"input[name=decision][value={decision}]")
    if remarks:
        page.fill("textarea[name=remarks]", remarks)
    page.click("button:has-text('Готово')")
    page.wait_for_load_state("domcontentloaded")


def downloaded(page, click) -> bytes:
    with page.expect_download() as info:
        page.click(click)
    return Path(info.value.path()).read_bytes()


def test_an_upload_is_a_draft_and_shows_what_its_file_says(as_user, people):
    page = as_user(people["methodist"])
    go(page, "/documents/upload/")
    text = "ПРИКАЗ\n01.02.2026 № 01-01/777\nО проведении проверки\n\n1. Провести проверку."
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "приказ.txt", "mimeType": "text/plain", "buffer": text.encode()}],
    )
    choose(page, "visibility", "all")
    page.click("button:has-text('Загрузить')")
    page.wait_for_selector("#in-file")
    assert page.inner_text("#status") == "Проект"
    assert "№ 01-01/777" in page.inner_text("#in-file")
    assert page.locator("#registration").count() == 0
    shot(page, "upload-draft-1366")
    document = Document.objects.get()
    assert (document.status, document.number) == ("draft", "")
    phone = as_user(people["methodist"], width=390, height=844)
    go(phone, f"/documents/{document.pk}/")
    shot(phone, "upload-draft-390")


def test_a_conclusion_corrected_in_word_is_what_is_stamped_and_downloaded(
    as_user, people, lab_deputy, journals
):
    urls_loaded()
    methodist = as_user(people["methodist"])
    go(methodist, ExpertConclusionFlow.start.reverse("execute"))
    fill_conclusion(methodist, experts=[people["methodist"]])
    methodist.click("button:has-text('Отправить на согласование')")
    methodist.wait_for_selector("#status")
    approval = Approval.objects.get(kind="conclusion")
    document = approval.document
    assert methodist.locator("th:has-text('Критерий')").count() == 1  # the criteria table

    decide(as_user(lab_deputy), approval, lab_deputy)
    decide(as_user(people["head"]), approval, people["head"], "return", "Уточните вывод.")

    # The author takes the returned version from the task, corrects it in Word, uploads it.
    go(methodist, task_path(approval, people["methodist"], "revision"))
    shot(methodist, "revise-task-1366")
    returned = downloaded(methodist, "text=Скачать возвращённую версию")
    edited = docx.Document(io.BytesIO(returned))
    paragraph = next(p for p in edited.paragraphs if p.text == CONCLUSION["conclusion"])
    paragraph.runs[0].text = "Программа соответствует требованиям после доработки."
    corrected = to_bytes(edited)
    methodist.set_input_files(
        "#upload-form input[name=file]",
        files=[
            {"name": "заключение.docx", "mimeType": "application/octet-stream", "buffer": corrected}
        ],
    )
    methodist.fill("#upload-form textarea[name=comment]", "Вывод уточнён")
    methodist.click("#upload-form button:has-text('Отправить')")
    methodist.wait_for_load_state("domcontentloaded")

    decide(as_user(lab_deputy), approval, lab_deputy)
    decide(as_user(people["head"]), approval, people["head"])
    document.refresh_from_db()
    assert document.status == "registered"

    go(methodist, f"/documents/{document.pk}/")
    assert methodist.inner_text("#status") == "Зарегистрирован"
    assert "УТВЕРЖДАЮ" in methodist.inner_text("#stamp")
    assert document.number in methodist.inner_text("#registration")
    shot(methodist, "registered-conclusion-1366")
    body = downloaded(methodist, "a:has-text('Скачать')")
    assert hashlib.sha256(body).hexdigest() == document.current_version.sha256
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    assert "Программа соответствует требованиям после доработки." in text
    assert CONCLUSION["conclusion"] not in text and document.number in text


def regulation(clause) -> bytes:
    out = new_document()
    for line in ("ПОЛОЖЕНИЕ", "о лаборатории мониторинга", "1. Общие положения", clause):
        out.add_paragraph(line)
    return to_bytes(out)


def test_a_new_revision_goes_through_approval_and_replaces_the_regulation(
    as_user, people, journals
):
    urls_loaded()
    old = services.create_document(
        organization=people["head"].organization,
        name="положение.docx",
        data=regulation("1.1. Лаборатория ведёт мониторинг."),
        author=people["methodist"],
        visibility="organization",
    )
    lifecycle.enter_from_archive(old, actor=keeper())
    methodist = as_user(people["methodist"])
    go(methodist, f"/documents/{old.pk}/")
    methodist.click("button:has-text('Новая редакция')")
    methodist.wait_for_selector("#status")
    draft = Document.objects.get(supersedes=old)
    assert re.search(rf"/documents/{draft.pk}/$", methodist.url)
    methodist.click("text=Загрузить новую версию")
    methodist.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "положение-2.docx",
                "mimeType": DOCX,
                "buffer": regulation("1.1. Лаборатория ведёт мониторинг и анализ."),
            }
        ],
    )
    methodist.click("button:has-text('Загрузить')")
    methodist.wait_for_selector("#status")
    methodist.click("text=Отправить на согласование")
    methodist.click("button:has-text('Отправить на согласование')")
    methodist.wait_for_selector("#status")
    approval = Approval.objects.get(document=draft)
    decide(as_user(people["head"]), approval, people["head"])
    clerk = as_user(people["clerk"])
    go(clerk, task_path(approval, people["clerk"], "registration"))
    choose(clerk, "journal", str(journals["orders"].pk))
    clerk.click("button:has-text('Готово')")
    clerk.wait_for_load_state("domcontentloaded")
    go(methodist, f"/documents/{old.pk}/")
    assert methodist.inner_text("#status") == "Заменён новой редакцией"
    assert "Заменён новой редакцией" in methodist.inner_text("#history")
    assert methodist.locator("text=Подготовить изменения").count() == 0
    shot(methodist, "superseded-1366")
    draft.refresh_from_db()
    assert draft.status == "registered"
