"""Control of execution through the pages, as the real roles: the head's resolution on a
registered letter, delegation, reports with a file and a result document, return and
acceptance (снятие с контроля), extensions (the refusals and who sees what: test_control_access)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from control.models import Assignment, Extension, Resolution
from documents.models import Document, Grant
from documents.selectors import visible_documents
from workflows.models import AuditEntry, Notification

from .control_helpers import (
    TODAY,
    D,
    act,
    at,
    frozen_fixture,  # noqa: F401  (the fixtures `frozen` and `letter`)
    letter_fixture,  # noqa: F401
    page_of,
    post_resolution,
    resolve,
    text_of,
)
from .record_helpers import approved_upload
from .test_workflow_frame import _english_words
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
S = Assignment.Status


def readable(user, document) -> bool:
    return visible_documents(user).filter(pk=document.pk).exists()


def notices(person):
    return list(Notification.objects.filter(recipient=person).order_by("pk"))


# --- the resolution ---------------------------------------------------------------------------


def test_the_heads_resolution_gives_each_executor_an_assignment_a_notice_and_the_letter(
    people, letter
):
    head, methodist, methodist2 = people["head"], people["methodist"], people["methodist2"]
    assert letter.status == Document.Status.REGISTERED and letter.number
    assert letter.visibility == Document.Visibility.RESTRICTED
    assert not readable(methodist, letter) and not readable(methodist2, letter)
    form_page = client_for(head).get(reverse("control:resolution", args=[letter.pk]))
    assert form_page.status_code == 200
    assert _english_words(text_of(form_page)) == set()
    # The document's page offers the resolution to the head only.
    resolution_url = reverse("control:resolution", args=[letter.pk])
    assert resolution_url in text_of(client_for(head).get(letter.get_absolute_url()))
    assert resolution_url not in text_of(client_for(people["clerk"]).get(letter.get_absolute_url()))

    response = post_resolution(
        head,
        letter,
        executor=methodist,
        co_executors=[methodist2, methodist],
        deadline=D(2026, 12, 10),
        text="Подготовить информацию о мониторинге",
    )
    assert response.status_code == 302 and response.url == letter.get_absolute_url()

    resolution = Resolution.objects.get()
    assert (resolution.document, resolution.author, resolution.controller) == (letter, head, head)
    assert resolution.deadline == D(2026, 12, 10)
    responsible, co_executor = Assignment.objects.order_by("pk")
    assert Assignment.objects.count() == 2  # methodist named twice: one поручение
    for assignment, person, role in (
        (responsible, methodist, Assignment.Role.RESPONSIBLE),
        (co_executor, methodist2, Assignment.Role.CO_EXECUTOR),
    ):
        assert (assignment.executor, assignment.role, assignment.controller) == (person, role, head)
        assert (assignment.deadline, assignment.original_deadline) == (D(2026, 12, 10),) * 2
        assert (assignment.organization, assignment.document) == (letter.organization, letter)
        assert (assignment.source, assignment.source_id) == ("resolution", resolution.pk)
        assert assignment.resolution == resolution and assignment.unit == person.unit
        assert assignment.status == S.OPEN and assignment.author == head
        [notice] = notices(person)
        assert notice.url == page_of(assignment)
        assert notice.subject == "Новое поручение, срок 10.12.2026"
        assert notice.body == "Подготовить информацию о мониторинге"
        # The restricted letter opens to the executor through the поручение's grant.
        assert Grant.objects.filter(
            document=letter, user=person, source=Grant.Source.ASSIGNMENT, source_id=assignment.pk
        ).exists()
        assert readable(person, letter)
        assert client_for(person).get(letter.get_absolute_url()).status_code == 200
    assert not readable(people["teacher"], letter)
    # The document's log has the resolution; its page lists the поручения.
    entry = AuditEntry.objects.get(document=letter, action=AuditEntry.Action.ASSIGN)
    assert entry.actor == head and "Подготовить информацию о мониторинге" in entry.details
    document_page = text_of(client_for(methodist).get(letter.get_absolute_url()))
    assert page_of(responsible) in document_page and "Поручения по документу" in document_page


def test_the_controller_named_in_the_resolution_reads_the_letter_and_takes_it_off_control(
    people, letter
):
    [assignment] = resolve(
        people["head"],
        letter,
        people["methodist"],
        controller=people["deputy"],
        deadline=D(2026, 12, 10),
    )
    assert assignment.controller == people["deputy"]
    assert Grant.objects.filter(
        document=letter, user=people["deputy"], source=Grant.Source.ASSIGNMENT
    ).exists()
    assert act(people["methodist"], "report", assignment, {"text": "Готово"}).status_code == 302
    # The author of the resolution is not its controller here.
    act(people["head"], "accept", assignment)
    assignment.refresh_from_db()
    assert assignment.status == S.REPORTED
    act(people["deputy"], "accept", assignment)
    assignment.refresh_from_db()
    assert assignment.status == S.DONE and assignment.closed_by == people["deputy"]


# --- delegation, reports, return and acceptance -----------------------------------------------


def test_delegate_report_return_and_take_off_control(people, letter):
    head, methodist, methodist2 = people["head"], people["methodist"], people["methodist2"]
    [assignment] = resolve(head, letter, methodist, deadline=D(2026, 12, 15))
    own_page = client_for(methodist).get(page_of(assignment))
    assert own_page.status_code == 200
    for form in ("report", "delegate", "extension"):
        assert f'id="{form}"' in text_of(own_page)
    assert _english_words(text_of(own_page)) == set()

    # A part due later than the поручение itself is refused; nothing is stored.
    late = act(
        methodist,
        "delegate",
        assignment,
        {"executor": methodist2.pk, "text": "Собрать сведения школ", "deadline": "2026-12-16"},
    )
    assert late.status_code == 400
    assert "Поручение в части исполняется не позднее самого поручения (15.12.2026)" in text_of(late)
    assert Assignment.objects.count() == 1 and not notices(methodist2)
    delegated = act(
        methodist,
        "delegate",
        assignment,
        {"executor": methodist2.pk, "text": "Собрать сведения школ", "deadline": "2026-12-10"},
    )
    assert delegated.status_code == 302
    part = Assignment.objects.get(parent=assignment)
    assert (part.executor, part.controller, part.author) == (methodist2, methodist, methodist)
    assert (part.source, part.source_id, part.deadline) == (
        "delegation",
        assignment.pk,
        D(2026, 12, 10),
    )
    assert part.resolution_id == assignment.resolution_id and part.document == letter
    assert notices(methodist2)[-1].url == page_of(part) and readable(methodist2, letter)
    # The colleague sees the part, not the поручение it came from.
    assert client_for(methodist2).get(page_of(part)).status_code == 200
    assert client_for(methodist2).get(page_of(assignment)).status_code == 404

    assert act(methodist2, "report", part, {"text": "Сведения собраны"}).status_code == 302
    part.refresh_from_db()
    assert part.status == S.REPORTED and part.report == "Сведения собраны"
    assert notices(methodist)[-1].subject == "Поручение исполнено: Собрать сведения школ"
    assert act(methodist, "accept", part).status_code == 302
    part.refresh_from_db()
    assert (part.status, part.completed_on, part.closed_by) == (S.DONE, TODAY, methodist)
    assert part.state(TODAY) == "done_on_time"
    assert notices(methodist2)[-1].subject == "Снято с контроля: Собрать сведения школ"

    # The executor reports with a file and a document of the system as the result.
    answer = approved_upload(letter.organization, "ПИСЬМО\nОб итогах мониторинга\n\nСообщаем.")
    upload = SimpleUploadedFile("svedeniya.pdf", b"%PDF-1.4 results", "application/pdf")
    reported = act(
        methodist,
        "report",
        assignment,
        {"text": "Ответ подготовлен", "document": answer.pk, "file": upload},
    )
    assert reported.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == S.REPORTED and assignment.result_document == answer
    assert assignment.result_file.name.endswith(".pdf")
    assert assignment.state(TODAY) == "done_on_time"  # counted from the day of the report
    head_page = text_of(client_for(head).get(page_of(assignment)))
    assert 'id="decide"' in head_page and answer.title in head_page
    assert _english_words(head_page) == set()
    download = client_for(head).get(reverse("control:result_file", args=[assignment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == (
        b"%PDF-1.4 results"
    )
    stranger_download = client_for(people["stranger"]).get(
        reverse("control:result_file", args=[assignment.pk])
    )
    assert stranger_download.status_code == 404

    # Returned with remarks: open again, same deadline, the executor told why.
    empty = act(head, "send_back", assignment, {"remarks": ""})
    assert empty.status_code == 400 and "Обязательное поле" in text_of(empty)
    assert (
        act(head, "send_back", assignment, {"remarks": "Добавьте сведения школы № 2"}).status_code
        == 302
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.remarks) == (S.OPEN, "Добавьте сведения школы № 2")
    assert assignment.deadline == D(2026, 12, 15) and assignment.completed_on is None
    assert notices(methodist)[-1].body == "Добавьте сведения школы № 2"

    # Reported again after the deadline and accepted: done, late.
    with at(D(2026, 12, 17)):
        assert act(methodist, "report", assignment, {"text": "Дополнено"}).status_code == 302
        assert act(head, "accept", assignment).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == S.DONE and assignment.completed_on == D(2026, 12, 17)
    assert assignment.state(D(2026, 12, 20)) == "done_late" and assignment.remarks == ""
    assert (
        AuditEntry.objects.filter(
            document=letter,
            action=AuditEntry.Action.DECIDE,
            details__startswith="Снято с контроля (с нарушением срока)",
        ).count()
        == 1
    )
    # Off control: no more report, delegation or extension.
    final = client_for(methodist).get(page_of(assignment))
    assert 'id="report"' not in text_of(final) and 'id="delegate"' not in text_of(final)


def test_a_head_who_controls_their_own_assignment_takes_it_off_control_by_reporting(people, letter):
    [own] = resolve(people["head"], letter, people["head"], deadline=D(2026, 12, 4))
    assert act(people["head"], "report", own, {"text": "Рассмотрено"}).status_code == 302
    own.refresh_from_db()
    assert own.status == S.DONE and own.completed_on == TODAY


# --- extensions -------------------------------------------------------------------------------


def test_extension_asked_approved_and_rejected(people, letter):
    head, methodist = people["head"], people["methodist"]
    [assignment] = resolve(head, letter, methodist, deadline=D(2026, 12, 15))
    earlier = act(
        methodist,
        "extension",
        assignment,
        {"deadline": "2026-12-15", "reason": "Школы не ответили"},
    )
    assert earlier.status_code == 400
    assert "Новый срок должен быть позже текущего" in text_of(earlier)
    assert not Extension.objects.exists()
    assert (
        act(
            methodist,
            "extension",
            assignment,
            {"deadline": "2026-12-25", "reason": "Школы не ответили"},
        ).status_code
        == 302
    )
    extension = Extension.objects.get()
    assert (extension.previous_deadline, extension.deadline) == (D(2026, 12, 15), D(2026, 12, 25))
    assert notices(head)[-1].subject.startswith("Запрос на перенос срока")
    again = act(methodist, "extension", assignment, {"deadline": "2026-12-28", "reason": "Ещё"})
    assert again.status_code == 400 and "уже ожидает решения" in text_of(again)
    assert Extension.objects.count() == 1

    # The executor cannot approve their own request.
    web = client_for(methodist)
    web.post(reverse("control:decide", args=[extension.pk]), {"decision": "approved"})
    extension.refresh_from_db()
    assert extension.status == Extension.Status.PENDING
    Assignment.objects.filter(pk=assignment.pk).update(
        reminded_at=assignment.created_at, escalated_at=assignment.created_at
    )
    decided = client_for(head).post(
        reverse("control:decide", args=[extension.pk]), {"decision": "approved"}
    )
    assert decided.status_code == 302
    assignment.refresh_from_db()
    extension.refresh_from_db()
    assert extension.status == Extension.Status.APPROVED and extension.decided_by == head
    assert (assignment.deadline, assignment.original_deadline) == (D(2026, 12, 25), D(2026, 12, 15))
    assert assignment.reminded_at is None and assignment.escalated_at is None
    assert notices(methodist)[-1].body == "Новый срок: 25.12.2026."

    act(methodist, "extension", assignment, {"deadline": "2027-01-20", "reason": "Каникулы"})
    second = Extension.objects.get(status=Extension.Status.PENDING)
    without_reason = client_for(head).post(
        reverse("control:decide", args=[second.pk]), {"decision": "rejected"}, follow=True
    )
    assert "Укажите, почему запрос отклонён" in text_of(without_reason)
    second.refresh_from_db()
    assert second.status == Extension.Status.PENDING
    client_for(head).post(
        reverse("control:decide", args=[second.pk]),
        {"decision": "rejected", "remarks": "Срок не переносится"},
    )
    second.refresh_from_db()
    assignment.refresh_from_db()
    assert second.status == Extension.Status.REJECTED and second.remarks == "Срок не переносится"
    assert assignment.deadline == D(2026, 12, 25)
    assert notices(methodist)[-1].body == "Срок не переносится"
    listed = text_of(client_for(head).get(page_of(assignment)))
    assert "25.12.2026 → 20.01.2027" in listed and "Срок не переносится" in listed
    assert _english_words(listed) == set()
