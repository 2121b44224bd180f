"""Recognising the text of a scanned PDF: each page rendered with PDFium (pypdfium2) and read
by Debian's Tesseract (pytesseract) in Russian and English. Slow (seconds a page), so it runs
in the background (documents.services.recognition), never in a request."""

from dataclasses import dataclass

import pypdfium2
import pytesseract

from .importer.reader import clean_line

# What Tesseract is asked to read: Russian letters with English words (e-mail addresses,
# names of systems) among them.
LANGUAGES = ("rus", "eng")
# Scans are made at 300 dpi; rendering the page at the same resolution is what Tesseract's
# models are trained for.
DPI = 300
# A page whose longer side would exceed this many pixels is rendered smaller: an A0 drawing
# at 300 dpi would take a gigabyte of memory.
MAX_SIDE_PIXELS = 7000
# A page Tesseract has not read in this many seconds is given up (the recognition fails).
PAGE_TIMEOUT = 180


class OcrUnavailable(Exception):
    """This server cannot recognise text: no tesseract binary, or no Russian data for it."""


@dataclass
class Recognised:
    text: str
    pages: int  # pages read
    page_count: int  # pages in the file


def languages() -> str:
    """The Tesseract languages to read with ("rus+eng", or "rus" without the English data);
    OcrUnavailable when the binary or its Russian data is missing."""
    try:  # `tesseract --list-langs`: whether the binary runs, and what it can read
        installed = set(pytesseract.get_languages(config=""))
    except OSError:  # TesseractNotFoundError is one
        raise OcrUnavailable(
            f"tesseract is not installed ({pytesseract.pytesseract.tesseract_cmd})"
        ) from None
    if "rus" not in installed:
        raise OcrUnavailable("tesseract has no Russian language data (tesseract-ocr-rus)")
    return "+".join(code for code in LANGUAGES if code in installed)


def recognise_pdf(data: bytes, *, max_pages: int) -> Recognised:
    """The text of the first `max_pages` pages, pages apart by a blank line. OcrUnavailable
    before any page is rendered when Tesseract cannot run here; errors of a damaged file or
    of Tesseract itself go to the caller."""
    lang = languages()
    document = pypdfium2.PdfDocument(data)
    try:
        page_count = len(document)
        texts = []
        for index in range(min(page_count, max_pages)):
            texts.append(_cleaned(_page_text(document[index], lang)))
    finally:
        document.close()
    return Recognised(
        text="\n\n".join(text for text in texts if text), pages=len(texts), page_count=page_count
    )


def _cleaned(text: str) -> str:
    """Tesseract's lines as the importer keeps a file's (spaces folded, control characters
    such as its closing form feed dropped), a blank line at most between paragraphs."""
    lines, blank = [], False
    for line in text.splitlines():
        line = clean_line(line)
        if line or not blank:
            lines.append(line)
        blank = not line
    return "\n".join(lines).strip()


def _page_text(page, lang: str) -> str:
    try:
        width, height = page.get_size()  # in points, 72 a inch
        scale = min(DPI / 72, MAX_SIDE_PIXELS / max(width, height, 1))
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            image = bitmap.to_pil()
            return pytesseract.image_to_string(image, lang=lang, timeout=PAGE_TIMEOUT)
        finally:
            bitmap.close()
    finally:
        page.close()
