"""Correspondence end to end through the pages, as the real roles: the clerk registers an
incoming letter, the head writes a resolution, the executors work it off; the methodist's
reply is signed, registered in «Исходящие», closes the поручение and is sent."""

import datetime

import pytest
from django.urls import reverse

from control.calendar import add_working_days
from control.models import Assignment, Extension
from correspondence.models import Correspondent, Letter
from documents.models import Document

from . import correspondence_helpers as helpers
from .correspondence_helpers import (
    TODAY,
    docx_text,
    draft_letter,
    registered_letter,
    send,
    sign,
    text_of,
)
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
frozen, mail = helpers.frozen, helpers.mail  # the fixtures


def detail(document) -> str:
    return reverse("documents:detail", args=[document.pk])


def test_the_clerk_registers_an_incoming_letter_seen_only_by_its_keepers(mail):
    clerk = mail["clerk"]
    page = client_for(clerk).get(reverse("correspondence:register"))
    assert page.status_code == 200
    assert 'name="new_correspondent"' in text_of(page) and 'name="attachments"' in text_of(page)

    letter = registered_letter(clerk)
    card = client_for(clerk).get(letter.get_absolute_url())
    assert card.status_code == 200
    document = letter.document
    assert document.number == "1-вх" and document.date == TODAY
    assert document.status == Document.Status.REGISTERED
    assert document.visibility == Document.Visibility.RESTRICTED
    assert document.kind == Document.Kind.LETTER
    assert "№ 1-вх от 01.12.2026" in text_of(card)
    assert "Министерство образования Рязанской области" in text_of(card)
    assert "№ 14-02/1187 от 26.11.2026" in text_of(card)
    assert "График проведения.txt" in text_of(card)
    assert letter.correspondent == Correspondent.objects.get(
        name="Министерство образования Рязанской области"
    )
    assert (letter.their_number, letter.their_date, letter.received_on, letter.channel) == (
        "14-02/1187",
        datetime.date(2026, 11, 26),
        TODAY,
        "email",
    )
    assert letter.registered_by == clerk and letter.status == Letter.Status.REGISTERED
    # The file is the document's version byte for byte; the attachment is downloadable.
    (item,) = letter.attachments.all()
    download = client_for(clerk).get(reverse("correspondence:attachment", args=[item.pk]))
    assert b"".join(download.streaming_content) == "График: 10.12.2026 — 8 классы".encode()
    # The clerk and the head read it; a methodist of the same organisation does not.
    assert client_for(clerk).get(detail(document)).status_code == 200
    assert client_for(mail["head"]).get(detail(document)).status_code == 200
    assert client_for(mail["head"]).get(letter.get_absolute_url()).status_code == 200
    methodist = client_for(mail["methodist"])
    assert methodist.get(detail(document)).status_code == 404
    assert methodist.get(letter.get_absolute_url()).status_code == 404
    assert methodist.get(reverse("correspondence:attachment", args=[item.pk])).status_code == 404
    assert "Министерство" not in text_of(methodist.get(reverse("correspondence:index")))
    # The next one takes the next number.
    second = registered_letter(clerk, new_correspondent="", correspondent=letter.correspondent_id)
    assert second.document.number == "2-вх" and second.correspondent == letter.correspondent
    listing = text_of(client_for(clerk).get(reverse("correspondence:index")))
    assert "1-вх" in listing and "2-вх" in listing


def test_a_resolution_is_worked_off_delegated_reported_accepted_and_taken_off(mail):
    head, methodist, teacher = mail["head"], mail["methodist"], mail["teacher"]
    letter = registered_letter(mail["clerk"])
    card = text_of(client_for(head).get(letter.get_absolute_url()))
    resolution_url = reverse("control:resolution", args=[letter.document_id])
    assert resolution_url in card
    # A methodist has no «Резолюция» (and no page for it).
    assert client_for(methodist).get(resolution_url).status_code == 404

    due = add_working_days(TODAY, 5)
    response = client_for(head).post(
        resolution_url,
        {
            "text": "Подготовить информацию и проект ответа",
            "executor": methodist.pk,
            "co_executors": [mail["methodist2"].pk],
            "working_days": "5",
        },
    )
    assert response.status_code == 302, text_of(response)[-2000:]
    mine = Assignment.objects.get(executor=methodist)
    co = Assignment.objects.get(executor=mail["methodist2"])
    assert mine.deadline == co.deadline == due == datetime.date(2026, 12, 8)
    assert (mine.role, co.role) == ("responsible", "co_executor")
    assert mine.controller == head and mine.document == letter.document
    # The executors read the letter now (a grant), and see the поручение in «Поручения».
    assert client_for(methodist).get(detail(letter.document)).status_code == 200
    assert client_for(methodist).get(letter.get_absolute_url()).status_code == 200
    listing = text_of(client_for(methodist).get(reverse("control:index")))
    assert "Подготовить информацию и проект ответа" in listing
    # The letter's card lists its поручения.
    card = text_of(client_for(head).get(letter.get_absolute_url()))
    assert card.count("Подготовить информацию и проект ответа") == 2
    assert "(соисполнитель)" in card
    # The teacher does not read it yet.
    assert client_for(teacher).get(detail(letter.document)).status_code == 404

    page = reverse("control:assignment", args=[mine.pk])

    def post(user, name, pk, data=None):
        return client_for(user).post(reverse(f"control:{name}", args=[pk]), data or {})

    response = post(
        methodist, "delegate", mine.pk,
        {"executor": teacher.pk, "text": "Собрать списки 8 классов", "working_days": "2"},
    )  # fmt: skip
    assert response.status_code == 302, text_of(response)[-2000:]
    part = Assignment.objects.get(executor=teacher)
    assert part.parent == mine and part.controller == methodist
    assert client_for(teacher).get(detail(letter.document)).status_code == 200

    # An extension once: the methodist asks, the head approves.
    response = post(
        methodist, "extension", mine.pk,
        {"deadline": "2026-12-10", "reason": "Ждём данные школ"},
    )  # fmt: skip
    assert response.status_code == 302, text_of(response)[-2000:]
    extension = Extension.objects.get()
    response = post(head, "decide", extension.pk, {"decision": "approved"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.deadline == datetime.date(2026, 12, 10) and mine.original_deadline == due

    response = post(teacher, "report", part.pk, {"text": "Списки собраны"})
    assert response.status_code == 302, text_of(response)[-2000:]
    response = post(methodist, "accept", part.pk)
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == Assignment.Status.DONE and part.closed_by == methodist

    response = post(methodist, "report", mine.pk, {"text": "Информация подготовлена"})
    assert response.status_code == 302, text_of(response)[-2000:]
    assert "Снять с контроля" in text_of(client_for(head).get(page))
    response = post(head, "accept", mine.pk)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Assignment.Status.DONE and mine.completed_on == TODAY
    assert mine.closed_by == head


def test_the_reply_is_signed_registered_closes_the_assignment_and_is_sent(
    mail, django_capture_on_commit_callbacks
):
    from correspondence.flows import LetterFlow

    head, methodist, clerk = mail["head"], mail["methodist"], mail["clerk"]
    incoming = registered_letter(clerk)
    response = client_for(head).post(
        reverse("control:resolution", args=[incoming.document_id]),
        {"text": "Подготовить ответ", "executor": methodist.pk, "working_days": "5"},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(executor=methodist)

    # «Ответить» on the letter's card opens the letter flow's page, the reply filled in.
    card = text_of(client_for(methodist).get(incoming.get_absolute_url()))
    start = LetterFlow.start.reverse("execute")
    assert f"{start}?reply_to={incoming.pk}" in card
    page = text_of(client_for(methodist).get(f"{start}?reply_to={incoming.pk}"))
    assert f'name="in_reply_to" value="{incoming.pk}"' in page
    assert f'name="correspondent" value="{incoming.correspondent_id}"' in page
    # Addressed to the ministry by its name; the heading from the letter's summary.
    assert 'value="Министерство образования Рязанской области"' in page
    assert 'value="О проведении регионального мониторинга функциональной грамотности"' in page

    approval = draft_letter(
        methodist,
        in_reply_to=incoming.pk,
        correspondent=incoming.correspondent_id,
        title="О проведении регионального мониторинга",
        text="Сообщаем, что обучающиеся 8 классов примут участие в мониторинге.",
    )
    outgoing = Letter.objects.get(document=approval.document)
    assert outgoing.direction == Letter.Direction.OUTGOING
    assert outgoing.status == Letter.Status.ON_APPROVAL
    assert outgoing.in_reply_to == incoming and outgoing.correspondent == incoming.correspondent
    # Not sent before it is registered.
    refused = send(clerk, outgoing)
    assert refused.status_code == 400
    assert "Письмо отправляется после подписания и регистрации." in text_of(refused)

    sign(head, approval, django_capture_on_commit_callbacks)
    outgoing.refresh_from_db()
    document = outgoing.document
    assert document.status == Document.Status.REGISTERED and document.number == "1-исх"
    assert outgoing.status == Letter.Status.REGISTERED
    text = docx_text(document)
    assert "Министру образования Рязанской области" in text
    assert "На № 14-02/1187 от 26.11.2026" in text
    assert "О проведении регионального мониторинга" in text
    assert "Сообщаем, что обучающиеся 8 классов примут участие в мониторинге." in text
    assert "1-исх" in text and "01.12.2026" in text
    assert mail["head"].initials_name in text  # the signature
    # The methodist's поручение is reported with the reply as its result.
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.REPORTED
    assert assignment.result_document == document
    assert "1-исх" in assignment.report

    # The clerk, who sends it, reads the signed letter (a grant), and nobody else new does.
    assert client_for(clerk).get(detail(document)).status_code == 200
    assert client_for(mail["teacher"]).get(detail(document)).status_code == 404

    response = send(clerk, outgoing, channel="post")
    assert response.status_code == 302, text_of(response)[-2000:]
    outgoing.refresh_from_db()
    assert outgoing.status == Letter.Status.SENT and outgoing.sent_on == TODAY
    assert outgoing.channel == "post" and outgoing.sent_by == clerk
    # Twice: refused, with the reason.
    again = send(clerk, outgoing)
    assert again.status_code == 400
    assert "Письмо уже отправлено." in text_of(again)
    incoming_card = text_of(client_for(clerk).get(incoming.get_absolute_url()))
    assert "1-исх" in incoming_card  # the reply is listed on the incoming letter's card
