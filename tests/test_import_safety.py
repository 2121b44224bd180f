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
    assert ".rtf" in rejected("notes.rtf", b"{\\rtf1")


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


# --- damaged archives and XML parts by content type (issue #20) ------------------------------


def _with_method(data: bytes, name: str, method: int) -> bytes:
    """The archive with one part's compression method field rewritten (in its local header
    and its central-directory entry), e.g. to deflate64 (9), which zipfile cannot read."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, method_at, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            length_at = name_at - (4 if signature == b"PK\x03\x04" else 18)
            length = int.from_bytes(raw[start + length_at : start + length_at + 2], "little")
            if raw[start + name_at : start + name_at + length] == encoded:
                raw[start + method_at : start + method_at + 2] = method.to_bytes(2, "little")
            start += 4
    return bytes(raw)


def _stored_copy(data: bytes) -> bytes:
    """The same .docx with every part stored uncompressed (bytes can be flipped in place)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item))
    return out.getvalue()


def _with_crc_error(data: bytes, name: str) -> bytes:
    """The .docx (stored uncompressed) with one byte in the middle of a part flipped: the
    archive opens, the part's CRC fails only when it is read to its end."""
    data = bytearray(_stored_copy(data))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    header = info.header_offset
    name_length = int.from_bytes(data[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(data[header + 28 : header + 30], "little")
    data[header + 30 + name_length + extra_length + info.file_size // 2] ^= 0x01
    return bytes(data)


def test_a_crc_error_in_a_part_is_refused_as_damaged():
    data = _with_crc_error(valid_docx(), "docProps/thumbnail.jpeg")
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(data)).read("docProps/thumbnail.jpeg")
    assert "повреждён" in rejected("crc.docx", data)


def test_a_deflate64_part_is_refused_as_damaged():
    data = _with_method(valid_docx(), "docProps/thumbnail.jpeg", 9)
    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(data)).read("docProps/thumbnail.jpeg")
    assert "повреждён" in rejected("deflate64.docx", data)


def _declare(data: bytes, override: str = "", default: str = "") -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    types = types.replace("</Types>", override + "</Types>").replace(
        '<Default Extension="xml"', default + '<Default Extension="xml"'
    )
    return rewrite_part(data, "[Content_Types].xml", types.encode())


EVIL_XML = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "e">]><r>&e;</r>'


def test_entities_in_an_xml_part_not_named_xml_are_found_by_its_override():
    data = add_part(valid_docx(), "customXml/item2.dat", EVIL_XML)
    data = _declare(
        data, override='<Override PartName="/CUSTOMXML/item2.DAT" ContentType="application/xml"/>'
    )
    assert "XML-сущности" in rejected("evil.docx", data)


def test_entities_in_a_part_whose_default_type_is_xml_are_found():
    data = add_part(valid_docx(), "word/extra.bin", EVIL_XML)
    data = _declare(
        data, default='<Default Extension="BIN" ContentType="application/vnd.example+xml"/>'
    )
    assert "XML-сущности" in rejected("evil.docx", data)


def test_a_binary_part_is_not_taken_for_xml():
    data = add_part(valid_docx(), "word/media/blob.bin", b"\x00\x01<!DOCTYPE not xml")
    data = _declare(data, default='<Default Extension="bin" ContentType="image/png"/>')
    assert extract("ok.docx", data).text == "Текст документа."


@pytest.mark.django_db
def test_damaged_docx_uploads_answer_400_not_500(client, make_person, org_tree):
    make_person("m", org_tree["centre"])
    client.login(username="m", password="pw")
    crc = _with_crc_error(valid_docx(), "docProps/thumbnail.jpeg")
    deflate64 = _with_method(valid_docx(), "docProps/thumbnail.jpeg", 9)
    for data in (crc, deflate64):
        response = client.post("/api/v1/documents/", {"file": _named("d.docx", data)})
        assert response.status_code == 400, response.content
        assert "повреждён" in response.json()["file"][0]
    assert Document.objects.count() == 0
