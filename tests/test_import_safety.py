"""Bad input is refused with a clear message before parsing, and nothing is stored."""

import io
import zipfile

import pytest

from documents.importer import ImportRejected, extract
from documents.models import Document, DocumentVersion

from .docx_factory import add_part, new_document, rewrite_part, to_bytes


def valid_docx(text="Текст документа.") -> bytes:
    document = new_document()
    document.add_paragraph(text)
    return to_bytes(document)


def rejected(name, data) -> str:
    with pytest.raises(ImportRejected) as error:
        extract(name, data)
    return error.value.message


def test_not_a_zip():
    assert "не является ZIP-архивом" in rejected("a.docx", b"just some bytes, not a zip")


def test_corrupt_docx():
    data = valid_docx()
    assert "повреждён" in rejected("a.docx", data[: len(data) // 2])


def test_old_binary_doc():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert ".doc" in rejected("old.doc", ole)
    assert ".doc" in rejected("renamed.docx", ole)


def test_file_renamed_to_docx():
    assert "не является ZIP-архивом" in rejected("scan.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("xl/workbook.xml", "<workbook/>")
    assert "не документ Word" in rejected("table.docx", archive.getvalue())


def test_empty_file():
    assert "пуст" in rejected("a.docx", b"")
    assert "пуст" in rejected("a.txt", b"")


def test_no_text():
    assert "нет текста" in rejected("blank.docx", to_bytes(new_document()))
    assert "нет текста" in rejected("blank.txt", b"\n \n\t\n")


def test_oversized(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    assert "1 МБ" in rejected("big.txt", "а".encode() * (600 * 1024))


def test_zip_bomb_is_refused_before_parsing(settings):
    bomb = add_part(valid_docx(), "word/media/padding.bin", b"\x00" * (30 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    assert "zip-бомба" in rejected("bomb.docx", bomb)
    settings.DOCUMENT_MAX_UNCOMPRESSED_MB = 10
    assert "более чем в 10 МБ" in rejected("bomb.docx", bomb)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("СЕКРЕТ")
    data = valid_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    evil = xml.replace(
        "<w:document ",
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]><w:document ',
        1,
    ).replace("Текст документа.", "&xxe;")
    evil_docx = rewrite_part(data, "word/document.xml", evil.encode())
    message = rejected("evil.docx", evil_docx)
    assert "XML-сущности" in message
    assert "СЕКРЕТ" not in message


def test_entities_hidden_behind_a_long_commented_prolog_are_found():
    data = valid_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    padding = "<!-- <a> " + "x" * 40_000 + " -->"
    evil = xml.replace(
        "<w:document ", f'{padding}<!DOCTYPE w:document [<!ENTITY big "big">]><w:document ', 1
    )
    assert "XML-сущности" in rejected(
        "evil.docx", rewrite_part(data, "word/document.xml", evil.encode())
    )


def test_non_utf8_text():
    assert "UTF-8" in rejected("cp1251.txt", "Положение о службе".encode("cp1251"))


def test_unsupported_extension():
    assert ".pdf" in rejected("scan.pdf", b"%PDF-1.7")


def test_valid_files_pass():
    assert extract("ok.docx", valid_docx()).text == "Текст документа."
    assert extract("ok.txt", "\ufeffТекст".encode()).text == "Текст"


@pytest.mark.django_db
def test_rejected_upload_stores_nothing(client, settings, make_person, org_tree):
    make_person("m", org_tree["centre"])
    client.login(username="m", password="pw")
    media = settings.MEDIA_ROOT
    before = {p for p in media.rglob("*")} if media.exists() else set()
    for name, data in [
        ("a.docx", b"not a zip"),
        ("b.txt", "текст".encode("cp1251")),
        ("c.docx", b""),
    ]:
        response = client.post(
            "/api/v1/documents/", {"file": io.BytesIO(data) and _named(name, data)}
        )
        assert response.status_code == 400, response.content
        assert response.json()["file"]
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0
    after = {p for p in media.rglob("*")} if media.exists() else set()
    assert after == before


def _named(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
