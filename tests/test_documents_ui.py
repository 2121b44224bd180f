"""The Документы section: list, upload with errors shown on the form, clause view, versions."""

from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import services
from documents.models import Document
from orgs.roles import Role

REGULATION = "ПОЛОЖЕНИЕ\nо совете\n\n1. Общие положения\n1.1. Первый пункт.\n1.2. Второй пункт.\n"


@pytest.fixture
def methodist(client, org_tree, make_person):
    person = make_person("methodist", org_tree["centre"], roles=[Role.METHODIST])
    client.force_login(person)
    return person


def test_upload_form_creates_document_and_shows_clauses(client, methodist):
    response = client.post(
        "/documents/upload/",
        {
            "file": SimpleUploadedFile("reg.txt", REGULATION.encode()),
            "visibility": "organization",
            "kind": "",
            "title": "",
            "comment": "",
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "ПОЛОЖЕНИЕ о совете" in page
    assert 'id="clause-1.1"' in page and "Первый пункт." in page
    assert "Скачать" in page and "reg.txt" in page
    assert "Проект" in page  # an upload is a draft


def test_bad_upload_shows_the_reason_on_the_form(client, methodist):
    response = client.post(
        "/documents/upload/",
        {
            "file": SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
            "visibility": "organization",
        },
    )
    assert response.status_code in (200, 422)
    assert "Сохраните его как .docx" in response.content.decode()
    assert Document.objects.count() == 0


def test_list_filters_and_hides_other_organisations(client, methodist, org_tree):
    services.create_document(
        organization=org_tree["centre"], name="a.txt", data=REGULATION.encode()
    )
    services.create_document(
        organization=org_tree["school"], name="b.txt", data="ПРИКАЗ\nО школе\n1. Текст.".encode()
    )
    page = client.get("/documents/").content.decode()
    assert "ПОЛОЖЕНИЕ о совете" in page and "О школе" not in page
    page = client.get("/documents/?kind=order").content.decode()
    assert "ПОЛОЖЕНИЕ о совете" not in page


def test_new_version_page_and_original_file_download(client, methodist, org_tree):
    document = services.create_document(
        organization=org_tree["centre"], name="a.txt", data=REGULATION.encode(), author=methodist
    )
    response = client.post(
        f"/documents/{document.pk}/versions/new/",
        {
            "file": SimpleUploadedFile("b.txt", REGULATION.replace("Первый", "Новый").encode()),
            "comment": "правка",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Новый пункт." in page and "правка" in page
    original = client.get(f"/documents/{document.pk}/versions/1/file/")
    assert b"".join(original.streaming_content) == REGULATION.encode()
    # A readable Russian name: the title, and which version when it is not the current one.
    disposition = unquote(original["Content-Disposition"])
    assert "ПОЛОЖЕНИЕ о совете (версия 1).txt" in disposition
    current = client.get(f"/documents/{document.pk}/download/")
    assert b"".join(current.streaming_content) == REGULATION.replace("Первый", "Новый").encode()
    assert "ПОЛОЖЕНИЕ о совете.txt" in unquote(current["Content-Disposition"])


def test_hidden_documents_are_not_found(client, methodist, org_tree):
    other = services.create_document(
        organization=org_tree["school"], name="b.txt", data=REGULATION.encode()
    )
    for url in (
        f"/documents/{other.pk}/",
        f"/documents/{other.pk}/docx/",
        f"/documents/{other.pk}/versions/1/file/",
    ):
        assert client.get(url).status_code == 404, url


def test_detail_shows_the_approval_stamp_with_russian_dates(client, methodist, org_tree):
    from pathlib import Path

    seed = next((Path(__file__).resolve().parent.parent / "documents" / "seeds").glob("004_*"))
    document = services.create_document(
        organization=org_tree["centre"], name=seed.name, data=seed.read_bytes()
    )
    page = client.get(f"/documents/{document.pk}/").content.decode()
    # What the file says, as the file's words (with Russian dates), not as the record's stamp.
    assert 'id="in-file"' in page and 'id="stamp"' not in page
    assert "УТВЕРЖДАЮ" in page and "И.Н. Серёгина" in page
    assert "приказ № 69/1 от 31.08.2017" in page
    assert "No viewsets found" not in page


def test_the_page_shows_every_requisite_the_uploaded_file_holds(client, methodist):
    from .import_corpus import CORPUS

    samples = {s.name: s for s in CORPUS}
    regulation = samples["gymnasium3-portfolio-regulation"]
    order = samples["gymnasium3-vpr-order-table-blank"]
    pages = {}
    for sample in (regulation, order):
        response = client.post(
            "/documents/upload/",
            {
                "file": SimpleUploadedFile(sample.file_name, sample.build()),
                "visibility": "organization",
                "kind": "",
                "title": "",
                "comment": "",
            },
        )
        assert response.status_code == 302
        pages[sample.name] = client.get(response["Location"]).content.decode()
    page = pages[regulation.name]
    # The side stamp with its body and protocol, the approving order with Russian dates.
    assert "ПРИНЯТО на заседании педагогического совета, протокол от 27.08.2025 № 1" in page
    assert "№ 77-о/д от 28.08.2025" in page
    page = pages[order.name]
    assert "№ 02-07/41 от 12.03.2025" in page
    assert "Подписано: Директор О.А. Иванова" in page
    assert "Исполнитель: Кузнецова Е.П., 8 (4912) 25-00-00" in page
    # Nothing of the closing block inside the clauses.
    clauses = page[page.index('id="clause-'):]
    assert "О.А. Иванова" not in clauses.split("Подписано")[0]
