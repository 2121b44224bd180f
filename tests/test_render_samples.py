"""`render_samples DIR` (issue 18, Must 4): one file of every generated kind from the demo data,
made by the real processes, the database left as it was; each sample opens, and where
LibreOffice and poppler are installed its PDF has the executor note on the last page and the
QR code on the first."""

import io
import shutil
import subprocess

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.demo import load_demo_archive
from conclusions.demo import load_demo_approvals
from correspondence.demo import load_demo_correspondence
from demo.samples import KINDS
from documents.demo import load_seed_documents
from documents.models import Document, DocumentVersion
from orgs.demo import load_demo
from plans.demo import load_demo_plans
from registry.demo import load_demo_registry
from workflows.models import Approval, AuditEntry

pytestmark = pytest.mark.django_db

# The kinds that carry an executor note and a QR code (registered documents the system wrote).
WITH_EXECUTOR = {"01-order", "02-amending-order", "03-conclusion", "04-plan",
                 "05-execution-report", "12-letter", "13-discipline-report"}
WITH_QR = {"01-order", "02-amending-order", "03-conclusion", "04-plan", "12-letter",
           "15-inventory", "16-destruction-act"}


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    load_demo()
    load_seed_documents()
    load_demo_registry()
    load_demo_plans()
    load_demo_approvals()
    load_demo_correspondence()
    load_demo_archive()


def _counts():
    return (Document.objects.count(), DocumentVersion.objects.count(), Approval.objects.count(),
            AuditEntry.objects.count())


@pytest.mark.usefixtures("demo")
def test_every_generated_kind_is_written_and_nothing_is_stored(tmp_path):
    before = _counts()
    out = io.StringIO()
    call_command("render_samples", str(tmp_path / "samples"), stdout=out)
    assert _counts() == before
    written = sorted(p.name for p in (tmp_path / "samples").iterdir())
    assert written == sorted(KINDS) and len(written) == 17
    for name in KINDS:
        path = tmp_path / "samples" / name
        if name.endswith(".xlsx"):
            assert openpyxl.load_workbook(path).active.max_row > 3
        else:
            assert docx.Document(str(path)).paragraphs
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler-utils are not both installed: PDFs not checked")
    docs = [str(tmp_path / "samples" / n) for n in KINDS if n.endswith(".docx")]
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *docs],
        capture_output=True, timeout=600, check=False,
    )
    for name in KINDS:
        stem = name.rsplit(".", 1)[0]
        if name.endswith(".xlsx"):
            continue
        pdf = tmp_path / "pdf" / f"{stem}.pdf"
        assert pdf.exists(), stem
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")[:-1]
        if stem in WITH_EXECUTOR:
            # The note's two lines end the last page: the name, then the phone or its blank.
            lines = [line.strip() for line in pages[-1].splitlines() if line.strip()]
            assert lines[-1].startswith("тел.") or any(ch.isdigit() for ch in lines[-1]), stem
            assert len(lines[-2].split()) >= 2 and not any(ch.isdigit() for ch in lines[-2])
        if stem in WITH_QR:
            listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                                     text=True, check=True).stdout.splitlines()[2:]
            assert [int(row.split()[0]) for row in listing] == [1], stem


def test_without_the_demo_data_or_with_a_file_for_a_directory_it_exits_with_2(tmp_path):
    with pytest.raises(CommandError, match="load_demo") as missing:
        call_command("render_samples", str(tmp_path / "samples"))
    assert missing.value.returncode == 2
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(CommandError, match="не каталог") as refused:
        call_command("render_samples", str(a_file))
    assert refused.value.returncode == 2
