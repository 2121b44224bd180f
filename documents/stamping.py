"""Requisites stamped onto an uploaded .docx: the file's own paragraphs and tables stay as they
are. The approval stamp and the registration (date and number) go into the blanks the system's
own drafts leave for them (the empty right cell of the requisites block, the ««___» … № ____»
line) when the file has them, else into a block above the text; a signature and the QR code
(requisite 31) go below."""

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from common.gost import BLANK_REGISTRATION, add_qr, fill_cell, registration_line, signature_text
from common.text import xml_safe

from .rendering import qr_payload, stamp_lines


def stamp_docx(data: bytes, *, document, requisites) -> bytes:
    out = docx.Document(io.BytesIO(data))
    approval = requisites.get("approval")
    registration = requisites.get("registration")
    signature = requisites.get("signature")
    lines = stamp_lines(document, approval) if approval else []
    stamp_cell = _blank_stamp_cell(out) if lines else None
    if stamp_cell is not None:
        fill_cell(stamp_cell, lines)
        lines = []
    if registration and _fill_blank_registration(out, registration_line(registration, tab=True)):
        registration = None
    if lines or registration:
        table = out.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        if registration:
            left.paragraphs[0].add_run(xml_safe(registration_line(registration)))
        if lines:
            fill_cell(right, lines)
        spacer = out.add_paragraph()
        # Both were appended at the end; the block belongs above the file's own first line.
        body = out.element.body
        body.remove(table._tbl)
        body.remove(spacer._p)
        body.insert(0, spacer._p)
        body.insert(0, table._tbl)
    if signature:
        out.add_paragraph()
        paragraph = out.add_paragraph(xml_safe(signature_text(signature)))
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(12))
    if requisites.get("registration") and document.pk:
        add_qr(out, qr_payload(document))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _blank_stamp_cell(out):
    """The empty right cell of a requisites block that opens the file (organisation | stamp)."""
    body = out.element.body
    first = next(iter(body.iterchildren()), None)
    if not out.tables or first is not out.tables[0]._tbl:
        return None
    cells = out.tables[0].rows[0].cells
    if len(cells) < 2 or cells[-1].text.strip() or not cells[0].text.strip():
        return None
    return cells[-1]


def _fill_blank_registration(out, line) -> bool:
    for paragraph in out.paragraphs:
        if paragraph.text == BLANK_REGISTRATION and paragraph.runs:
            paragraph.runs[0].text = xml_safe(line)
            for run in paragraph.runs[1:]:
                run.text = ""
            return True
    return False
