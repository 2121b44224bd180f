"""PDF uploads: the text layer read and found; a scan stored as it is and recognised in the
background (Tesseract, Russian); renamed, damaged and encrypted PDFs refused with nothing
stored. Uploads go through the page, recognition through the periodic task, search through
the search page on both the embedded engine and the database."""

import functools
import hashlib
import io
import shutil
import subprocess

import pytesseract
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from documents import lifecycle, ocr, tasks
from documents.importer import ImportRejected, extract
from documents.models import Document, DocumentVersion, Recognition
from documents.services import recognition as recognition_service
from documents.services import start_new_revision
from orgs.roles import Role
from search.models import IndexTask
from search.services import drain_outbox

from .docx_factory import new_document, to_bytes
from .record_helpers import keeper

pytestmark = pytest.mark.django_db

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCAN_LINES = [
    "ПИСЬМО",
    "О проведении муниципальной олимпиады",
    "Уважаемые коллеги!",
    "Сообщаем о проведении олимпиады школьников",
    "по литературе в декабре.",
]
REGULATION_LINES = [
    "ПОЛОЖЕНИЕ",
    "о школьной олимпиаде",
    "1. Общие положения",
    "1.1. Олимпиада проводится ежегодно для учащихся.",
    "1.2. Итоги олимпиады публикуются на сайте.",
]


@functools.cache
def tesseract_missing() -> str:
    """Why the real recognition cannot run here ("" when it can)."""
    if shutil.which("tesseract") is None:
        return "tesseract is not installed (Debian: tesseract-ocr)"
    if "rus" not in pytesseract.get_languages(config=""):
        return "tesseract has no Russian data (Debian: tesseract-ocr-rus)"
    return ""


def needs_tesseract():
    if tesseract_missing():
        pytest.skip(tesseract_missing())


def scan_pdf(pages) -> bytes:
    """A scan as a scanner makes one: each page an A4 image at 300 dpi with the lines of text
    on it, no text layer."""
    font = ImageFont.truetype(FONT, 46)  # about 11 pt at 300 dpi
    images = []
    for lines in pages:
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((240, 300 + row * 90), line, font=font, fill=0)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=300.0, save_all=True, append_images=images[1:])
    return buffer.getvalue()


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory) -> bytes:
    """A PDF with a text layer, as Word or LibreOffice exports one."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: no PDF with a text layer to read")
    folder = tmp_path_factory.mktemp("pdf")
    document = new_document()
    for line in REGULATION_LINES:
        document.add_paragraph(line)
    (folder / "regulation.docx").write_bytes(to_bytes(document))
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "regulation.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = folder / "regulation.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    return pdf.read_bytes()


@pytest.fixture
def member(client, org_tree, make_person):
    person = make_person("methodist", org_tree["centre"], roles=[Role.METHODIST])
    client.force_login(person)
    return person


@pytest.fixture
def engine(request, settings):
    settings.SEARCH_BACKEND = request.param
    return request.param


both_engines = pytest.mark.parametrize("engine", ["tantivy", "database"], indirect=True)


@pytest.fixture
def upload(client, member, django_capture_on_commit_callbacks):
    """Post a file on the upload page as the member; the response."""

    def post(name, data, title=""):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/documents/upload/",
                {
                    "file": SimpleUploadedFile(name, data),
                    "visibility": "organization",
                    "kind": "",
                    "title": title,
                    "comment": "",
                },
            )

    return post


@pytest.fixture
def run_recognition():
    """The periodic task, as the schedule runs it."""

    def run():
        return tasks.recognise_pending.apply().get()

    return run


def drain_queued(document):
    """The search outbox as its background drain takes it, once the recognition has queued
    the document there (the test's transaction never commits, so no kick comes by itself)."""
    assert IndexTask.objects.filter(document_id=document.pk).exists()
    drain_outbox()


def stored(response) -> Document:
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(pk=int(response["Location"].strip("/").rsplit("/", 1)[-1]))


def found(client, query) -> str:
    return client.get("/search/", {"q": query}).content.decode()


def downloaded(client, document) -> bytes:
    response = client.get(f"/documents/{document.pk}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# --- a PDF with a text layer --------------------------------------------------------------


@both_engines
def test_a_pdf_with_text_is_read_line_by_line_and_found(client, upload, text_pdf, engine):
    document = stored(upload("положение.pdf", text_pdf))
    version = document.current_version
    assert document.kind == "regulation" and document.title == "ПОЛОЖЕНИЕ о школьной олимпиаде"
    assert "1.1. Олимпиада проводится ежегодно для учащихся." in version.text.splitlines()
    assert list(version.clauses.values_list("number", flat=True)) == ["1.1", "1.2"]
    assert not Recognition.objects.exists()  # it has its text: nothing to recognise
    assert downloaded(client, document) == text_pdf

    page = found(client, "итоги олимпиад")
    assert "Найдено: 1" in page and f"/documents/{document.pk}/" in page
    assert "Текст распознаётся" not in client.get(f"/documents/{document.pk}/").content.decode()


# --- a scan: stored, recognised in the background, found ----------------------------------


@both_engines
def test_a_scan_is_stored_then_recognised_and_found(client, upload, run_recognition, engine):
    needs_tesseract()
    data = scan_pdf([SCAN_LINES])
    document = stored(upload("Письмо об олимпиаде.pdf", data))
    version = document.current_version
    assert document.title == "Письмо об олимпиаде"  # no text to take a title from: the name
    assert version.text == "" and version.sha256 == hashlib.sha256(data).hexdigest()
    assert Recognition.objects.get(version=version).status == Recognition.Status.PENDING
    assert downloaded(client, document) == data
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Текст распознаётся…" in page
    assert "Найдено: 1" not in found(client, "олимпиада литература")

    assert run_recognition() == {"done": 1}
    recognition = Recognition.objects.get(version=version)
    assert recognition.status == Recognition.Status.DONE and recognition.finished_at
    assert (recognition.pages, recognition.page_count, recognition.error) == (1, 1, "")
    assert "Сообщаем о проведении олимпиады школьников" in recognition.text
    version.refresh_from_db()
    assert version.text == ""  # the version is immutable: the text is the recognition's

    drain_queued(document)
    page = found(client, "олимпиада литература")  # other forms of the words on the scan
    assert "Найдено: 1" in page and f"/documents/{document.pk}/" in page
    assert "<mark>олимпиады</mark> школьников" in page  # the hit quotes the text recognised
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Текст распознаётся" not in page and "Текст не распознан" not in page
    assert "Уважаемые коллеги!" in page  # the text recognised is shown
    assert downloaded(client, document) == data  # «Скачать» still gives the scan itself


def test_only_the_first_pages_up_to_the_limit_are_recognised(upload, run_recognition, settings):
    needs_tesseract()
    settings.DOCUMENT_OCR_MAX_PAGES = 1
    document = stored(upload("скан.pdf", scan_pdf([["Первая страница"], ["Вторая страница"]])))
    assert run_recognition() == {"done": 1}
    recognition = document.current_version.recognition
    assert (recognition.pages, recognition.page_count) == (1, 2)
    assert "Первая" in recognition.text and "Вторая" not in recognition.text


# --- when recognition cannot run or fails -------------------------------------------------


def test_without_tesseract_the_scan_is_kept_and_marked_unrecognised(
    client, upload, run_recognition, monkeypatch, tmp_path
):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "tesseract"))
    data = scan_pdf([SCAN_LINES])
    document = stored(upload("скан.pdf", data, title="Письмо министерства"))
    assert document.title == "Письмо министерства"

    assert run_recognition() == {"unavailable": 1}
    recognition = document.current_version.recognition
    assert recognition.status == Recognition.Status.UNAVAILABLE
    assert "tesseract is not installed" in recognition.error and recognition.text == ""
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Текст не распознан" in page and "Текст распознаётся" not in page
    assert downloaded(client, document) == data
    assert run_recognition() == {}  # not tried again and again


def test_a_failure_is_kept_with_its_error(client, upload, run_recognition, monkeypatch):
    monkeypatch.setattr(ocr, "languages", lambda: "rus+eng")

    def broken(page, lang):
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(ocr, "_page_text", broken)
    document = stored(upload("скан.pdf", scan_pdf([SCAN_LINES])))
    assert run_recognition() == {"failed": 1}
    recognition = document.current_version.recognition
    assert recognition.status == Recognition.Status.FAILED
    assert "Tesseract process timeout" in recognition.error
    assert "Текст не распознан" in client.get(f"/documents/{document.pk}/").content.decode()


# --- who recognises, and once ---------------------------------------------------------------


def fake_ocr(monkeypatch, text="Приказ о проведении олимпиады"):
    """Recognition without Tesseract (what is tested here is who runs it, not the OCR)."""
    calls = []
    monkeypatch.setattr(ocr, "languages", lambda: "rus+eng")

    def page_text(page, lang):
        calls.append(lang)
        page.close()
        return text

    monkeypatch.setattr(ocr, "_page_text", page_text)
    return calls


def test_with_a_broker_a_task_is_queued_after_commit(upload, monkeypatch, settings):
    queued = []
    monkeypatch.setattr(tasks.recognise_version, "delay", queued.append)
    settings.CELERY_BROKER_URL = ""
    stored(upload("a.pdf", scan_pdf([["А"]])))
    assert queued == []  # no worker: the periodic task takes it, not the upload's request

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    document = stored(upload("b.pdf", scan_pdf([["Б"]])))
    assert queued == [document.current_version_id]


def test_a_version_is_recognised_once(upload, run_recognition, monkeypatch):
    calls = fake_ocr(monkeypatch)
    document = stored(upload("a.pdf", scan_pdf([["А"]])))
    version = document.current_version
    assert tasks.recognise_version.apply(args=[version.pk]).get() == "done"
    assert run_recognition() == {}
    assert recognition_service.recognise(version).status == Recognition.Status.DONE
    assert calls == ["rus+eng"]  # one page, read once


def test_a_new_revision_of_a_recognised_scan_keeps_its_text(upload, run_recognition, member):
    needs_tesseract()
    document = stored(upload("письмо.pdf", scan_pdf([SCAN_LINES])))
    run_recognition()
    lifecycle.enter_from_archive(document, actor=keeper(), reason="тест")
    draft = start_new_revision(Document.objects.get(pk=document.pk), user=keeper())
    recognition = draft.current_version.recognition
    assert recognition.status == Recognition.Status.DONE
    assert recognition.text == document.current_version.recognition.text


# --- refused: nothing stored ----------------------------------------------------------------


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    # Opens without a password, but copying its text is forbidden: still refused.
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert PdfReader(io.BytesIO(buffer.getvalue())).is_encrypted
    return buffer.getvalue()


@pytest.mark.parametrize(
    "build, reason",
    [
        (lambda: "ПИСЬМО\nО проведении олимпиады\n".encode(), "Это не документ PDF"),
        (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R", "Файл PDF повреждён"),
        (lambda: scan_pdf([SCAN_LINES])[:3000], "Файл PDF повреждён"),
        (encrypted_pdf, "Файл PDF защищён паролем"),
    ],
    ids=["a-text-file-named-pdf", "damaged", "truncated", "encrypted"],
)
def test_a_pdf_that_cannot_be_read_is_refused_and_nothing_is_stored(upload, build, reason):
    response = upload("письмо.pdf", build())
    assert response.status_code in (200, 422)
    assert reason in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert not Recognition.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    big = scan_pdf([SCAN_LINES]) + b"\n%" + b"0" * (1024 * 1024)
    with pytest.raises(ImportRejected, match="больше допустимых 1 МБ"):
        extract("скан.pdf", big)
