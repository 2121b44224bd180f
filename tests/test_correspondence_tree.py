"""Letters inside the tree: the authority writes to its school; marked sent, the letter arrives
at the school waiting for its clerk, who registers it with one action (the file byte for byte
the sender's registered version); the school's reply arrives back at the authority."""

import hashlib

import pytest
from django.urls import reverse

from correspondence.flows import LetterFlow
from correspondence.models import Letter
from documents.models import Document

from . import correspondence_helpers as helpers
from .correspondence_helpers import (
    TODAY,
    docx_text,
    draft_letter,
    send,
    sign,
    text_of,
)
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
frozen, mail = helpers.frozen, helpers.mail  # the fixtures


def sha256(document) -> str:
    with document.current_version.file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_a_letter_of_the_authority_arrives_at_the_school_is_registered_and_answered(
    mail, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    school, authority = mail["school"], mail["authority"]
    approval = draft_letter(
        mail["uo_clerk"],
        partner_organization=school.pk,
        addressee="Директору МБОУ «Школа № 1»\nА.С. Соколовой",
        title="О представлении отчёта о мониторинге",
        text="Просим представить отчёт о мониторинге до 15.12.2026.",
    )
    sign(mail["uo_head"], approval, capture)
    sent = Letter.objects.get(document=approval.document)
    assert sent.status == Letter.Status.REGISTERED and sent.document.number == "1-исх"
    assert not Letter.objects.filter(organization=school).exists()  # not before it is sent

    response = send(mail["uo_clerk"], sent)
    assert response.status_code == 302, text_of(response)[-2000:]
    sent.refresh_from_db()
    assert sent.status == Letter.Status.SENT and sent.channel == Letter.Channel.TREE
    arrived = Letter.objects.get(organization=school)
    assert arrived.status == Letter.Status.ARRIVED and arrived.document is None
    assert arrived.direction == Letter.Direction.INCOMING
    assert arrived.partner_organization == authority and arrived.sent_letter == sent
    assert (arrived.their_number, arrived.their_date) == ("1-исх", TODAY)

    # The school's clerk finds it in «Ожидают регистрации», reads its file and registers it.
    clerk = client_for(mail["school_clerk"])
    tab = text_of(clerk.get(reverse("correspondence:index") + "?tab=arrived"))
    assert "О представлении отчёта о мониторинге" in tab
    assert "Ожидают регистрации (1)" in tab
    card = text_of(clerk.get(arrived.get_absolute_url()))
    assert reverse("correspondence:register_arrived", args=[arrived.pk]) in card
    name = "Письмо — Управление образования — № 1-исх от 01.12.2026.docx"
    assert name in card
    download = clerk.get(reverse("correspondence:sent_file", args=[arrived.pk]))
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == sha256(sent.document)
    # Another organisation's clerk does not even see it.
    other = client_for(mail["clerk"])
    assert other.get(arrived.get_absolute_url()).status_code == 404
    assert (
        other.post(reverse("correspondence:register_arrived", args=[arrived.pk])).status_code == 404
    )
    assert other.get(reverse("correspondence:sent_file", args=[arrived.pk])).status_code == 404

    response = clerk.post(reverse("correspondence:register_arrived", args=[arrived.pk]))
    assert response.status_code == 302
    arrived.refresh_from_db()
    document = arrived.document
    assert arrived.status == Letter.Status.REGISTERED and arrived.received_on == TODAY
    assert document.number == "1-вх" and document.organization == school
    assert document.status == Document.Status.REGISTERED
    assert document.visibility == Document.Visibility.RESTRICTED
    assert sha256(document) == sha256(sent.document)
    assert document.current_version.original_name == name
    assert "Зарегистрировано: № 1-вх." in text_of(clerk.get(arrived.get_absolute_url()))
    # Once only.
    again = clerk.post(reverse("correspondence:register_arrived", args=[arrived.pk]))
    assert "Письмо уже зарегистрировано." in text_of(clerk.get(again["Location"]))
    assert Document.objects.filter(organization=school).count() == 1

    # The school's head reads it and replies from its card.
    head = client_for(mail["school_head"])
    assert head.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    start = LetterFlow.start.reverse("execute")
    page = text_of(head.get(f"{start}?reply_to={arrived.pk}"))
    assert f'name="partner_organization" value="{authority.pk}"' in page
    assert "Начальнику Управления образования\nН.П. Васильевой" in page  # its head, dative
    reply = draft_letter(
        mail["school_clerk"],
        in_reply_to=arrived.pk,
        partner_organization=authority.pk,
        addressee="Начальнику управления образования\nН.П. Васильевой",
        title="О представлении отчёта о мониторинге",
        text="Направляем отчёт о мониторинге.",
    )
    sign(mail["school_head"], reply, capture)
    answer = Letter.objects.get(document=reply.document)
    assert answer.document.number == "1-исх"
    assert "На № 1-исх от 01.12.2026" in docx_text(answer.document)
    assert send(mail["school_clerk"], answer).status_code == 302
    back = Letter.objects.get(organization=authority, direction=Letter.Direction.INCOMING)
    assert back.status == Letter.Status.ARRIVED and back.sent_letter == answer
    assert back.in_reply_to == sent  # it answers the authority's own letter
    response = client_for(mail["uo_clerk"]).post(
        reverse("correspondence:register_arrived", args=[back.pk])
    )
    back.refresh_from_db()
    assert back.document.number == "1-вх" and back.document.organization == authority
    authority_card = text_of(client_for(mail["uo_clerk"]).get(sent.get_absolute_url()))
    assert "1-вх" in authority_card  # the reply is listed on the card of the letter it answers


def test_a_reply_to_a_letter_of_the_tree_goes_back_to_its_sender(
    mail, django_capture_on_commit_callbacks
):
    """The reply form refuses another organisation of the tree as the addressee."""
    approval = draft_letter(
        mail["uo_clerk"], partner_organization=mail["school"].pk, title="О встрече",
        text="Приглашаем.",
    )  # fmt: skip
    sign(mail["uo_head"], approval, django_capture_on_commit_callbacks)
    send(mail["uo_clerk"], Letter.objects.get(document=approval.document))
    arrived = Letter.objects.get(organization=mail["school"])
    client_for(mail["school_clerk"]).post(
        reverse("correspondence:register_arrived", args=[arrived.pk])
    )
    response = client_for(mail["school_clerk"]).post(
        LetterFlow.start.reverse("execute"),
        {
            "in_reply_to": arrived.pk,
            "partner_organization": mail["centre"].pk,
            "addressee": "Директору ИМЦ",
            "title": "О встрече",
            "text": "Будем.",
        },
    )
    assert response.status_code == 200
    assert "Ответ направляется тому, кто прислал письмо." in text_of(response)
    assert Letter.objects.filter(organization=mail["school"]).count() == 1


def test_who_is_told_the_clerks_or_the_head_where_there_is_no_clerk(
    mail, django_capture_on_commit_callbacks
):
    from workflows.models import Notification

    approval = draft_letter(
        mail["uo_clerk"], partner_organization=mail["school"].pk, title="О встрече",
        text="Приглашаем.",
    )  # fmt: skip
    mail["uo_clerk"].is_active = False  # the authority has no clerk now: its head sends
    mail["uo_clerk"].save()
    sign(mail["uo_head"], approval, django_capture_on_commit_callbacks)
    to_send = Notification.objects.filter(subject__startswith="К отправке: О встрече")
    assert [n.recipient for n in to_send] == [mail["uo_head"]]
    assert send(mail["uo_head"], Letter.objects.get(document=approval.document)).status_code == 302
    arrived = Notification.objects.filter(subject__startswith="Поступило письмо: О встрече")
    assert [n.recipient for n in arrived] == [mail["school_clerk"]]
