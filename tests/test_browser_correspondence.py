"""Correspondence in Chromium, as the clerk and the head click it, each page checked at 1,366 and
390 px (nothing scrolls sideways, no English left): the clerk registers an incoming letter
through the page's pickers, dates and file inputs and sees its number; the head writes a
resolution from the letter's card and the executor finds the поручение in «Поручения»."""

import datetime

import pytest
from django.urls import reverse

from control.models import Assignment
from correspondence.models import Correspondent, Letter

from . import correspondence_helpers as helpers
from .browser import BROWSER_TEST, at_both_widths, choose, fill_date, go, looks_right, pick
from .browser import person_label as label

pytestmark = BROWSER_TEST
frozen, mail = helpers.frozen, helpers.mail  # the fixtures
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def ministry(mail):
    return Correspondent.objects.create(name="Министерство образования Рязанской области")


def submit(page, label_text):
    page.click(f".rg-page button[type=submit]:has-text('{label_text}')")
    page.wait_for_load_state("domcontentloaded")


def register_through_the_page(page, ministry):
    go(page, reverse("correspondence:register"))
    pick(page, "correspondent", ministry.name)
    choose(page, "kind", "request")
    page.fill("vf-field-input[name=their_number] input", "ОБ/14-1187")
    fill_date(page, "their_date", datetime.date(2026, 11, 26))
    fill_date(page, "received_on", datetime.date(2026, 11, 30))
    choose(page, "channel", "post")
    page.fill(
        "vf-field-textarea[name=summary] textarea",
        "О проведении регионального мониторинга функциональной грамотности",
    )
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "Письмо министерства.docx",
                "mimeType": DOCX,
                "buffer": helpers.letter_docx(
                    "МИНИСТЕРСТВО ОБРАЗОВАНИЯ РЯЗАНСКОЙ ОБЛАСТИ",
                    "О проведении регионального мониторинга функциональной грамотности",
                    "Просим обеспечить участие обучающихся 8 классов.",
                ),
            }
        ],
    )
    page.set_input_files(
        "input[name=attachments]",
        files=[
            {"name": "График.txt", "mimeType": "text/plain", "buffer": "10.12 — 8 А".encode()},
            {"name": "Форма.txt", "mimeType": "text/plain", "buffer": "Ф. И. О.".encode()},
        ],
    )


def test_the_clerk_registers_an_incoming_letter_through_the_page(as_user, mail, ministry):
    clerk, phone = as_user(mail["clerk"]), as_user(mail["clerk"], width=390)
    at_both_widths(phone, clerk, reverse("correspondence:register"), "correspondence-register")
    register_through_the_page(clerk, ministry)
    looks_right(clerk, "correspondence-register-filled-1366")
    submit(clerk, "Зарегистрировать")
    clerk.wait_for_selector("#number")
    letter = Letter.objects.get()
    assert clerk.url.endswith(letter.get_absolute_url())
    assert clerk.inner_text("#number") == "№ 1-вх от 01.12.2026"
    assert "Зарегистрировано: № 1-вх." in clerk.inner_text("body")
    assert (letter.correspondent, letter.kind, letter.channel) == (ministry, "request", "post")
    assert (letter.their_number, letter.their_date) == ("ОБ/14-1187", datetime.date(2026, 11, 26))
    assert letter.received_on == datetime.date(2026, 11, 30)
    assert sorted(a.original_name for a in letter.attachments.all()) == ["График.txt", "Форма.txt"]
    looks_right(clerk, "correspondence-letter-1366")
    go(phone, letter.get_absolute_url())
    looks_right(phone, "correspondence-letter-390")
    at_both_widths(phone, clerk, reverse("correspondence:index"), "correspondence-index")
    assert "1-вх" in clerk.inner_text("table")


def test_the_head_writes_a_resolution_and_the_executor_sees_it(as_user, mail, ministry):
    clerk = as_user(mail["clerk"])
    register_through_the_page(clerk, ministry)
    submit(clerk, "Зарегистрировать")
    clerk.wait_for_selector("#number")
    letter = Letter.objects.get()

    head, phone = as_user(mail["head"]), as_user(mail["head"], width=390)
    go(phone, letter.get_absolute_url())
    looks_right(phone, "correspondence-head-letter-390")
    go(head, letter.get_absolute_url())
    head.click(".rg-actions a:has-text('Резолюция')")
    head.wait_for_url(f"**{reverse('control:resolution', args=[letter.document_id])}")
    go(phone, reverse("control:resolution", args=[letter.document_id]))
    looks_right(phone, "resolution-390")
    head.fill("vf-field-textarea[name=text] textarea", "Подготовить график и списки участников")
    pick(head, "executor", label(mail["methodist"]))
    pick(head, "co_executors", label(mail["methodist2"]))
    fill_date(head, "deadline", datetime.date(2026, 12, 8))
    looks_right(head, "resolution-1366")
    submit(head, "Записать резолюцию")
    head.wait_for_url(f"**/documents/{letter.document_id}/")
    responsible = Assignment.objects.get(executor=mail["methodist"])
    assert responsible.deadline == datetime.date(2026, 12, 8)
    assert responsible.role == "responsible" and responsible.controller == mail["head"]
    assert Assignment.objects.get(executor=mail["methodist2"]).role == "co_executor"
    looks_right(head, "resolution-document-1366")

    methodist, phone = as_user(mail["methodist"]), as_user(mail["methodist"], width=390)
    at_both_widths(phone, methodist, reverse("control:index"), "assignments-mine")
    assert "Подготовить график и списки участников" in methodist.inner_text("body")
    assert "08.12.2026" in methodist.inner_text("body")
    methodist.click("a:has-text('Подготовить график и списки участников')")
    methodist.wait_for_url(f"**{reverse('control:assignment', args=[responsible.pk])}")
    looks_right(methodist, "assignment-1366")
    go(phone, reverse("control:assignment", args=[responsible.pk]))
    looks_right(phone, "assignment-390")
    # The letter itself, which the поручение lets the methodist read.
    go(methodist, letter.get_absolute_url())
    looks_right(methodist, "correspondence-methodist-letter-1366")
