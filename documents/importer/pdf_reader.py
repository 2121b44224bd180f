"""Reading an uploaded PDF with pypdf: its text layer, line by line. A scan (no text at all) is
not refused: it is stored as it is and recognised in the background (documents.ocr)."""

import io
import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .blocks import Block, Extraction
from .errors import ImportRejected
from .reader import clean_line

PDF_MAGIC = b"%PDF-"
# Readers accept the header anywhere in the first kilobyte (some producers put bytes before it).
MAGIC_WINDOW = 1024
# What pypdf raises on a broken file besides its own errors (a crafted one: a reference loop).
BROKEN = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    RecursionError,
)
# pypdf logs every repair of a sloppy file at WARNING: noise in the log for each upload.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def is_pdf(data: bytes) -> bool:
    return PDF_MAGIC in data[:MAGIC_WINDOW]


def open_pdf(data: bytes) -> PdfReader:
    """The reader of a PDF that is neither renamed, damaged nor encrypted; refused with the
    reason otherwise."""
    if not is_pdf(data):
        raise ImportRejected(
            _("The file is not a PDF document (it has no PDF header); it may be renamed.")
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except BROKEN:
        raise ImportRejected(_("The PDF file is damaged and cannot be opened.")) from None
    if encrypted:
        # Even a file that opens without a password may forbid copying its text; the clerk
        # can save an unprotected copy, the system should not break the protection.
        raise ImportRejected(
            _(
                "The PDF file is protected with a password or encrypted: save it without "
                "protection and upload it again."
            )
        )
    if not pages:
        raise ImportRejected(_("The PDF file has no pages."))
    return reader


def read_pdf(data: bytes) -> Extraction:
    """The text layer, a block a line and an empty block between pages (a paragraph break
    for the analysis). Not a letter or digit on any page: a scan, fmt "pdf-scan", no blocks."""
    reader = open_pdf(data)
    blocks = []
    try:
        for page in reader.pages:
            if blocks:
                blocks.append(Block(""))
            blocks += [Block(clean_line(line)) for line in (page.extract_text() or "").splitlines()]
    except BROKEN:
        raise ImportRejected(_("The PDF file is damaged and cannot be opened.")) from None
    if not any(character.isalnum() for block in blocks for character in block.text):
        return Extraction(blocks=[], fmt="pdf-scan")
    return Extraction(blocks=blocks, fmt="pdf")
