"""Rendering a document as .docx in the form of ГОСТ Р 7.0.97-2025.

A4, margins 20/10/20/20 mm, Times New Roman 14, first-line indent 1.25 cm, page numbers from the
second page at the top centre; requisites: organisation and unit, approval stamp (its word
agrees with the kind), kind, date and number, title, text with numbered sections and clauses,
signature, executor note.
"""

import io
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from orgs.selectors import organization_head

from .models import Document
from .selectors import document_outline

FONT = "Times New Roman"
KIND_HEADINGS = {
    Document.Kind.REGULATION: "ПОЛОЖЕНИЕ",
    Document.Kind.ORDER: "ПРИКАЗ",
    Document.Kind.CONCLUSION: "ЗАКЛЮЧЕНИЕ",
    Document.Kind.PLAN: "ПЛАН РАБОТЫ",
    Document.Kind.REPORT: "ОТЧЁТ",
    Document.Kind.NOTE: "СПРАВКА",
    Document.Kind.MINUTES: "ПРОТОКОЛ",
    Document.Kind.OTHER: "",
}
# The stamp word agrees in gender and number with the document kind.
STAMP_WORDS = {
    Document.Kind.REGULATION: "УТВЕРЖДЕНО",
    Document.Kind.CONCLUSION: "УТВЕРЖДЕНО",
    Document.Kind.PLAN: "УТВЕРЖДЕН",
    Document.Kind.REPORT: "УТВЕРЖДЕН",
    Document.Kind.MINUTES: "УТВЕРЖДЕН",
    Document.Kind.NOTE: "УТВЕРЖДЕНА",
    Document.Kind.ORDER: "УТВЕРЖДЕН",
    Document.Kind.OTHER: "УТВЕРЖДЕНО",
}
SIGNED_KINDS = {
    Document.Kind.ORDER,
    Document.Kind.CONCLUSION,
    Document.Kind.REPORT,
    Document.Kind.NOTE,
    Document.Kind.MINUTES,
}


def ru_date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def render_docx(document: Document) -> bytes:
    version = document.current_version
    return render_revision(
        document,
        structure=version.structure if version else {},
        outline=document_outline(version) if version else [],
        plan_items=list(version.plan_items.all()) if version else [],
    )


def render_revision(document: Document, *, structure, outline, plan_items=()) -> bytes:
    """The document with the given text: its current version's, or a consolidated revision
    about to be stored (its header lists the amending orders, changed clauses carry notes)."""
    out = docx.Document()
    _page_setup(out)

    _requisites_block(out, document, structure)
    heading = KIND_HEADINGS.get(document.kind, "")
    if heading:
        _para(out, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    if document.date or document.number:
        line = ru_date(document.date.isoformat() if document.date else None)
        if document.number:
            line = f"{line}\t№ {document.number}".strip()
        _para(out, line, align=WD_ALIGN_PARAGRAPH.CENTER)
    about = _title_without_kind(document.title, heading)
    if about:
        _para(out, about, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    if structure.get("revision_header"):
        _para(out, structure["revision_header"], align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)

    for line in (structure.get("preamble") or "").split("\n"):
        if line:
            _text(out, line)
    for section in outline:
        if section["number"]:
            _para(
                out,
                f"{section['number']}. {section['title']}".strip(),
                bold=True,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                space_before=12,
                space_after=6,
            )
        for line in section["text"].split("\n"):
            if line:
                _text(out, line)
        for clause in section["clauses"]:
            lines = clause["text"].split("\n")
            _text(out, f"{clause['number']}. {lines[0]}")
            for line in lines[1:]:
                if line:
                    _text(out, line)
            if clause.get("note"):
                _text(out, clause["note"])
    _plan_table(out, list(plan_items))

    _signature(out, document)
    if document.pk:  # a document about to be created has no address yet
        _qr_code(out, document)
    _executor(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _title_without_kind(title: str, heading: str) -> str:
    if heading and title.upper().startswith(heading.split()[0]):
        return title[len(heading.split()[0]) :].strip(" .:")
    return title


def _page_setup(out):
    section = out.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.different_first_page_header_footer = True  # no number on the first page

    style = out.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), FONT)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)


def _page_field(paragraph):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _para(
    out, text, *, bold=False, align=None, space_before=0, space_after=0, size=None, container=None
):
    paragraph = (container or out).add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _text(out, text):
    paragraph = _para(out, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1.25)
    return paragraph


def _requisites_block(out, document, structure):
    """Organisation and unit at the top left, the approval stamp at the top right."""
    table = out.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(document.organization.name).bold = True
    if document.unit:
        _para(None, document.unit.name, container=left)
    approval = structure.get("approval")
    lines = _stamp_lines(document, approval) if approval else []
    if lines:
        right.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            _para(None, line, container=right)
    _para(out, "")


def _stamp_lines(document, approval) -> list[str]:
    order = ""
    if approval.get("order_number") or approval.get("order_date"):
        parts = []
        if approval.get("order_date"):
            parts.append(f"от {ru_date(approval['order_date'])}")
        if approval.get("order_number"):
            parts.append(f"№ {approval['order_number']}")
        order = " ".join(parts)
    if approval.get("stamp") == "УТВЕРЖДАЮ" or not order:
        # Approved by an official: «УТВЕРЖДАЮ», or the kind's word («УТВЕРЖДЕН» for a plan).
        lines = [approval.get("stamp") or "УТВЕРЖДАЮ"]
        if approval.get("position"):
            lines.append(approval["position"])
        lines.append(f"________ {approval.get('name') or ''}".rstrip())
        if order:
            lines.append(f"Приказ {order}")
        elif approval.get("date"):
            lines.append(ru_date(approval["date"]))
        return lines
    word = STAMP_WORDS.get(document.kind, "УТВЕРЖДЕНО")
    return [word, f"приказом {document.organization}", order]


def _plan_table(out, items):
    if not items:
        return
    table = out.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        ("№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата"),
        strict=True,
    ):
        cell.paragraphs[0].add_run(title).bold = True
    for index, item in enumerate(items, start=1):
        values = (
            item.number or str(index),
            item.activity,
            item.due,
            item.responsible,
            item.result_form,
        )
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def _signature(out, document):
    if document.kind not in SIGNED_KINDS:
        return
    head = organization_head(document.organization)
    if head is None:
        return
    _para(out, "", space_before=12)
    paragraph = _para(out, f"{head.position or 'Руководитель'}\t\t{head.initials_name}")
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(12))


def qr_payload(document) -> str:
    """Requisite 31 of ГОСТ Р 7.0.97-2025: registration data and a link to the document."""
    from django.conf import settings

    parts = [str(document.organization)]
    registration = " ".join(
        p
        for p in (
            f"№ {document.number}" if document.number else "",
            f"от {document.date.strftime('%d.%m.%Y')}" if document.date else "",
        )
        if p
    )
    if registration:
        parts.append(registration)
    parts.append(f"{settings.SITE_URL}/documents/{document.pk}/")
    return "; ".join(parts)


def qr_png(text: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _qr_code(out, document):
    paragraph = out.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.add_run().add_picture(io.BytesIO(qr_png(qr_payload(document))), width=Mm(22))


def _executor(out, document):
    author = document.author
    if author is None:
        return
    _para(out, "", space_before=24)
    name = author.get_full_name() or author.username
    _para(out, re.sub(r"\s+", " ", f"{name} {author.phone}").strip(), size=12)
