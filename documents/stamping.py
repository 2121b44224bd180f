"""Requisites stamped onto an uploaded .docx: the file's own paragraphs and tables stay as they
are; the approval stamp and the registration (date and number) go into a block above them, a
signature and the QR code (requisite 31) below."""

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Mm

from common.text import xml_safe

from .rendering import qr_payload, qr_png, registration_line, signature_text, stamp_lines


def stamp_docx(data: bytes, *, document, requisites) -> bytes:
    out = docx.Document(io.BytesIO(data))
    approval = requisites.get("approval")
    registration = requisites.get("registration")
    signature = requisites.get("signature")
    body = out.element.body
    if approval or registration:
        table = out.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        if registration:
            left.paragraphs[0].add_run(xml_safe(registration_line(registration)))
        lines = stamp_lines(document, approval) if approval else []
        if lines:
            right.paragraphs[0].add_run(xml_safe(lines[0]))
            for line in lines[1:]:
                right.add_paragraph(xml_safe(line))
        spacer = out.add_paragraph()
        # Both were appended at the end; the block belongs above the file's own first line.
        body.remove(table._tbl)
        body.remove(spacer._p)
        body.insert(0, spacer._p)
        body.insert(0, table._tbl)
    if signature:
        out.add_paragraph()
        paragraph = out.add_paragraph(xml_safe(signature_text(signature)))
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(12))
    if registration and document.pk:
        out.add_paragraph().add_run().add_picture(
            io.BytesIO(qr_png(qr_payload(document))), width=Mm(22)
        )
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
