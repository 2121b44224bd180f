"""What correspondence refuses, with a clear Russian message and nothing stored; its API
(/api/v1/correspondence/…) as the clerk's program uses it; the registered letter in search."""

import pytest
from django.urls import reverse

from correspondence.models import Attachment, Correspondent, Letter
from documents.models import Document, DocumentVersion

from . import correspondence_helpers as helpers
from .correspondence_helpers import (
    TODAY,
    api,
    draft_letter,
    incoming_form,
    letter_docx,
    register,
    registered_letter,
    send,
    sign,
    text_of,
    upload,
)
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
frozen, mail = helpers.frozen, helpers.mail  # the fixtures

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def stored():
    return (
        Letter.objects.count(),
        Document.objects.count(),
        DocumentVersion.objects.count(),
        Attachment.objects.count(),
        Correspondent.objects.count(),
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"new_correspondent": ""},
            "Укажите одного корреспондента: организацию системы или корреспондента из справочника.",
        ),
        (
            {"partner_organization": "__school__"},
            "Укажите одного корреспондента: организацию системы или корреспондента из справочника.",
        ),
        ({"file": "__empty__"}, "Отправленный файл пуст."),
        (
            {"file": "__exe.pdf__"},
            "Это не документ PDF (в файле нет заголовка PDF); возможно, файл переименован.",
        ),
        ({"file": "__exe.doc__"}, "Это файл старого формата Word (.doc)."),
        ({"attachments": "__empty__"}, 'error="Отправленный файл пуст."'),
        ({"received_on": "2026-12-02"}, "Дата поступления не может быть позже сегодняшней."),
        (
            {"their_date": "2026-12-01", "received_on": "2026-11-30"},
            "Дата отправителя позже даты поступления.",
        ),
        ({"summary": "   "}, "Обязательное поле."),
    ],
)
def test_registration_refusals_say_why_and_store_nothing(mail, fields, message):
    special = {
        "__school__": mail["school"].pk,
        "__empty__": upload("Пустое.txt", b""),
        "__exe.pdf__": upload("Письмо.pdf", EXE),
        "__exe.doc__": upload("Письмо.doc", EXE),
    }
    fields = {key: special.get(value, value) for key, value in fields.items()}
    if fields.get("attachments") is not None and not isinstance(fields["attachments"], list):
        fields["attachments"] = [fields["attachments"]]
    before = stored()
    response = register(mail["clerk"], **fields)
    assert response.status_code in (200, 400)
    assert message in text_of(response)
    assert stored() == before


def test_two_correspondents_are_refused(mail):
    known = Correspondent.objects.create(name="Рязанский институт развития образования")
    before = stored()
    response = register(mail["clerk"], correspondent=known.pk)  # and the new one typed in
    assert "Укажите одного корреспондента" in text_of(response)
    assert stored() == before


def test_only_keepers_register_and_only_their_own_organisation(mail):
    before = stored()
    staff = client_for(mail["teacher"])
    assert staff.get(reverse("correspondence:register")).status_code == 403
    response = staff.post(reverse("correspondence:register"), incoming_form())
    assert response.status_code == 403
    assert stored() == before
    letter = registered_letter(mail["clerk"])
    # The school's clerk does not see, register or send the centre's letters.
    other = client_for(mail["school_clerk"])
    assert other.get(letter.get_absolute_url()).status_code == 404
    assert other.post(reverse("correspondence:send", args=[letter.pk])).status_code == 404
    assert (
        other.post(reverse("correspondence:register_arrived", args=[letter.pk])).status_code == 404
    )
    assert (
        api(mail["school_clerk"]).get(f"/api/v1/correspondence/letters/{letter.pk}/").status_code
        == 404
    )
    # An incoming letter is not sent.
    response = send(mail["clerk"], letter)
    assert response.status_code == 400 and "Отправляется только исходящее письмо." in text_of(
        response
    )


def test_sending_before_registration_and_twice_is_refused(mail, django_capture_on_commit_callbacks):
    approval = draft_letter(mail["methodist"])
    letter = Letter.objects.get(document=approval.document)
    response = send(mail["clerk"], letter)
    assert response.status_code == 400
    assert "Письмо отправляется после подписания и регистрации." in text_of(response)
    sign(mail["head"], approval, django_capture_on_commit_callbacks)
    # Not before its registration, not in the future.
    response = send(mail["clerk"], letter, sent_on="2026-12-02")
    assert "Дата отправки — не раньше регистрации письма (01.12.2026)" in text_of(response)
    # The methodist drafted it, but the clerk sends it.
    assert send(mail["methodist"], letter).status_code in (400, 403, 404)
    assert send(mail["clerk"], letter).status_code == 302
    response = send(mail["clerk"], letter)
    assert response.status_code == 400 and "Письмо уже отправлено." in text_of(response)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT and letter.sent_on == TODAY


# --- the API ---------------------------------------------------------------------------------


def test_api_registers_lists_filters_and_sends(mail, django_capture_on_commit_callbacks):
    clerk = api(mail["clerk"])
    answer = clerk.post(
        "/api/v1/correspondence/correspondents/",
        {"name": "Рязанский институт развития образования", "email": "rirо@example.org"},
        format="json",
    )
    assert answer.status_code == 400  # a Cyrillic «о» in the address
    answer = clerk.post(
        "/api/v1/correspondence/correspondents/",
        {"name": "Рязанский институт развития образования", "email": "riro@example.org"},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    correspondent = answer.json()["id"]
    assert api(mail["methodist"]).post(
        "/api/v1/correspondence/correspondents/", {"name": "Кто-то"}, format="json"
    ).json() == {"detail": "Корреспондентов добавляют делопроизводитель и руководитель."}
    listed = clerk.get("/api/v1/correspondence/correspondents/").json()["results"]
    assert [c["name"] for c in listed] == ["Рязанский институт развития образования"]

    form = {
        "kind": "request",
        "correspondent": correspondent,
        "their_number": "01-15/310",
        "their_date": "2026-11-30",
        "received_on": "2026-12-01",
        "channel": "edms",
        "summary": "Запрос сведений о курсах повышения квалификации",
        "file": upload("Запрос.docx", letter_docx("Запрос", "О курсах", "Просим сообщить.")),
        "attachments": [upload("Форма.txt", "Форма сведений".encode())],
    }
    answer = clerk.post("/api/v1/correspondence/letters/incoming/", form, format="multipart")
    assert answer.status_code == 201, answer.json()
    data = answer.json()
    assert data["number"] == "1-вх" and data["date"] == "2026-12-01"
    assert data["status"] == "registered" and data["direction"] == "incoming"
    assert Attachment.objects.get().original_name == "Форма.txt"

    # Refusals: the message in the JSON, nothing stored.
    before = stored()
    refused = clerk.post(
        "/api/v1/correspondence/letters/incoming/",
        {**form, "file": upload("Запрос.pdf", EXE), "attachments": []},
        format="multipart",
    )
    assert refused.status_code == 400
    assert "Это не документ PDF" in refused.json()["detail"]
    refused = clerk.post(
        "/api/v1/correspondence/letters/incoming/",
        {**form, "file": upload("З.docx", letter_docx()), "attachments": [],
         "received_on": "2026-12-05"},
        format="multipart",
    )  # fmt: skip
    assert refused.json() == {"detail": "Дата поступления не может быть позже сегодняшней."}
    refused = clerk.post(
        "/api/v1/correspondence/letters/incoming/",
        {**form, "file": upload("З.docx", letter_docx()), "attachments": [],
         "partner_organization": mail["school"].pk},
        format="multipart",
    )  # fmt: skip
    assert refused.json()["detail"].startswith("Укажите одного корреспондента")
    refused = api(mail["teacher"]).post(
        "/api/v1/correspondence/letters/incoming/",
        {**form, "file": upload("З.docx", letter_docx()), "attachments": []},
        format="multipart",
    )
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "Входящие документы регистрируют делопроизводитель и руководитель."
    }
    assert stored() == before

    # An outgoing letter drafted, signed, sent through the API.
    approval = draft_letter(mail["methodist"], correspondent=correspondent)
    sign(mail["head"], approval, django_capture_on_commit_callbacks)
    outgoing = Letter.objects.get(document=approval.document)
    listed = clerk.get("/api/v1/correspondence/letters/", {"direction": "outgoing"}).json()
    rows = listed["results"]
    assert [r["id"] for r in rows] == [outgoing.pk] and rows[0]["number"] == "1-исх"
    rows = clerk.get("/api/v1/correspondence/letters/", {"status": "registered"}).json()
    rows = rows["results"]
    assert {r["id"] for r in rows} == {outgoing.pk, data["id"]}
    answer = clerk.post(
        f"/api/v1/correspondence/letters/{outgoing.pk}/send/", {"channel": "email"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "sent"
    again = clerk.post(
        f"/api/v1/correspondence/letters/{outgoing.pk}/send/", {"channel": "email"}, format="json"
    )
    assert again.status_code == 409 and again.json() == {"detail": "Письмо уже отправлено."}
    # A methodist lists only what they may read.
    rows = api(mail["methodist"]).get("/api/v1/correspondence/letters/").json()
    rows = rows["results"]
    assert data["id"] not in {r["id"] for r in rows}


def test_api_registers_a_letter_that_arrived_through_the_tree(
    mail, django_capture_on_commit_callbacks
):
    approval = draft_letter(
        mail["uo_clerk"], partner_organization=mail["centre"].pk, title="О совещании",
        text="Приглашаем на совещание.",
    )  # fmt: skip
    sign(mail["uo_head"], approval, django_capture_on_commit_callbacks)
    sent = Letter.objects.get(document=approval.document)
    assert (
        api(mail["uo_clerk"])
        .post(f"/api/v1/correspondence/letters/{sent.pk}/send/", {"channel": "post"}, format="json")
        .json()["channel"]
        == "tree"
    )
    clerk = api(mail["clerk"])
    rows = clerk.get("/api/v1/correspondence/letters/", {"status": "arrived"}).json()
    rows = rows["results"]
    (row,) = rows
    assert (row["their_number"], row["their_date"]) == ("1-исх", "2026-12-01")
    assert (
        api(mail["methodist"])
        .post(f"/api/v1/correspondence/letters/{row['id']}/register/")
        .status_code
        == 404
    )
    answer = clerk.post(f"/api/v1/correspondence/letters/{row['id']}/register/")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["number"] == "1-вх" and answer.json()["status"] == "registered"
    again = clerk.post(f"/api/v1/correspondence/letters/{row['id']}/register/")
    assert again.status_code == 409
    assert again.json() == {"detail": "Письмо уже зарегистрировано."}


def test_the_api_schema_has_correspondence(mail):
    schema = api(mail["clerk"]).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/correspondence/letters/",
        "/api/v1/correspondence/letters/incoming/",
        "/api/v1/correspondence/letters/{id}/register/",
        "/api/v1/correspondence/letters/{id}/send/",
        "/api/v1/correspondence/correspondents/",
    ):
        assert path in paths, path
    body = paths["/api/v1/correspondence/letters/incoming/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["tantivy", "database"])
def test_the_registered_letter_is_found_by_its_keepers_only(
    mail, settings, engine, django_capture_on_commit_callbacks
):
    settings.SEARCH_BACKEND = engine
    with django_capture_on_commit_callbacks(execute=True):
        # A correspondent the file's text never names: found by the letter's card.
        letter = registered_letter(
            mail["clerk"], new_correspondent="Рязанский институт развития образования"
        )
    clerk = client_for(mail["clerk"])
    for query in ("функциональной грамотности", "1-вх", "14-02/1187", "институт развития"):
        found = clerk.get("/api/v1/search/", {"q": query}).json()
        assert letter.document_id in [r["id"] for r in found["results"]], query
    page = text_of(clerk.get("/search/", {"q": "грамотность"}))
    assert "Найдено: 1" in page
    assert "функциональной грамотности" in page.replace("<mark>", "").replace("</mark>", "")
    methodist = client_for(mail["methodist"])
    for query in ("функциональной грамотности", "1-вх", "14-02/1187", "институт развития"):
        found = methodist.get("/api/v1/search/", {"q": query}).json()
        assert letter.document_id not in [r["id"] for r in found["results"]], query
    assert "Ничего не найдено" in text_of(methodist.get("/search/", {"q": "грамотность"}))
