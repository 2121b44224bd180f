"""Documents the system itself writes, as .docx in the form of ГОСТ Р 7.0.97-2025, and the
builder pieces the generating apps use.

A4, margins 20/10/20/20 mm, Times New Roman 14, first-line indent 1.25 cm, page numbers from the
second page at the top centre; requisites: organisation and unit, approval stamp (its word
agrees with the kind), kind, date and number, title, text with numbered sections and clauses
and their tables, signature, executor note, QR code.

A rendering prints only what the record holds: the stamp, signature and registration it is
given (from the process and the registry, or as read from the source file), never the name of
whoever heads the organisation today. Uploaded documents are not rendered: «Скачать» gives
back their stored bytes.
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

from common.text import xml_safe

from .models import Document
from .selectors import place_tables

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


# The registration line of a document not registered yet: filled in when it is.
BLANK_REGISTRATION = "«___» __________ 20__ г.\t№ ____"


def ru_date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = str(iso).split("-")
    return f"{day}.{month}.{year}"


def render_revision(
    document: Document,
    *,
    structure,
    outline,
    plan_items=(),
    stamp=None,
    registration=None,
    signature=None,
    executor=None,
) -> bytes:
    """A document the system writes from a record: a consolidated revision of a regulation
    (its header lists the amending orders, changed clauses carry notes) or a plan. `stamp`,
    `registration` ({"number", "date"}), `signature` ({"position", "name"}) and `executor`
    (a user) are printed when given."""
    out = docx.Document()
    page_setup(out)

    requisites_block(out, document, stamp)
    heading = KIND_HEADINGS.get(document.kind, "")
    if heading:
        para(out, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    if registration:
        para(out, registration_line(registration, tab=True), align=WD_ALIGN_PARAGRAPH.CENTER)
    about = _title_without_kind(document.title, heading)
    if about:
        para(out, about, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    if structure.get("revision_header"):
        para(out, structure["revision_header"], align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)

    for line in (structure.get("preamble") or "").split("\n"):
        if line:
            text(out, line)
    write_outline(out, outline, structure.get("tables") or [])
    plan_table(out, list(plan_items))

    if signature:
        signature_block(out, signature)
    if document.pk:  # a document about to be created has no address yet
        add_qr(out, document)
    if executor is not None:
        executor_note(out, executor)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _title_without_kind(title: str, heading: str) -> str:
    if heading and title.upper().startswith(heading.split()[0]):
        return title[len(heading.split()[0]) :].strip(" .:")
    return title


# --- builder pieces ----------------------------------------------------------------------------


def write_outline(out, outline, tables, *, centred_headings=True):
    """Sections (their headings, text, tables), clauses (number, text, revision note, tables)
    in order; the tables without a section first (they follow the preamble)."""
    outline = [dict(s, clauses=[dict(c) for c in s["clauses"]]) for s in outline]
    for table in place_tables(outline, tables):
        add_table(out, table)
    for section in outline:
        if section["number"]:
            heading = f"{section['number']}. {section['title']}".strip()
            if centred_headings:
                para(
                    out,
                    heading,
                    bold=True,
                    align=WD_ALIGN_PARAGRAPH.CENTER,
                    space_before=12,
                    space_after=6,
                )
            else:
                para(out, heading, bold=True, space_before=6)
        for line in section["text"].split("\n"):
            if line:
                text(out, line)
        for table in section["tables"]:
            add_table(out, table)
        for clause in section["clauses"]:
            first, *rest = clause["text"].split("\n")
            text(out, f"{clause['number']}. {first}")
            for line in rest:  # more paragraphs of the clause (the changes of an amending order)
                if line:
                    text(out, line)
            if clause.get("note"):
                text(out, clause["note"])
            for table in clause["tables"]:
                add_table(out, table)


def page_setup(out):
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
    for kind, text_ in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text_
        run._r.append(element)


def para(
    out, value, *, bold=False, align=None, space_before=0, space_after=0, size=None, container=None
):
    """A paragraph; whatever the record holds is written (control characters dropped)."""
    paragraph = (container or out).add_paragraph()
    run = paragraph.add_run(xml_safe(value))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def text(out, value):
    """A paragraph of running text: justified, first line indented 1.25 cm."""
    paragraph = para(out, value, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1.25)
    return paragraph


def set_cell(cell, value, *, bold=False):
    cell.text = ""
    cell.paragraphs[0].add_run(xml_safe(value)).bold = bold


def add_table(out, table):
    """A table of the record ({"rows": [[cell, ...]], "header": bool}) with a grid."""
    rows = table.get("rows") or []
    width = max((len(row) for row in rows), default=0)
    if not width:
        return None
    grid = out.add_table(rows=0, cols=width)
    grid.style = "Table Grid"
    for index, row in enumerate(rows):
        cells = grid.add_row().cells
        for cell, value in zip(cells, [*row, *[""] * (width - len(row))], strict=True):
            set_cell(cell, value, bold=index == 0 and table.get("header", True))
    return grid


def requisites_block(out, document, stamp):
    """Organisation and unit at the top left, the approval stamp at the top right."""
    table = out.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(xml_safe(document.organization.name)).bold = True
    if document.unit:
        para(None, document.unit.name, container=left)
    lines = stamp_lines(document, stamp) if stamp else []
    if lines:
        right.paragraphs[0].add_run(xml_safe(lines[0]))
        for line in lines[1:]:
            para(None, line, container=right)
    para(out, "")


def stamp_lines(document, approval) -> list[str]:
    """The approval stamp as lines: «УТВЕРЖДАЮ / position / ____ name / date» when a person
    approves, «УТВЕРЖДЕНО / приказом … / от … № …» when an order does."""
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
    word = approval.get("stamp") or STAMP_WORDS.get(document.kind, "УТВЕРЖДЕНО")
    by = approval.get("by") or f"приказом {document.organization}"
    return [word, by, order]


def registration_line(registration, *, tab=False) -> str:
    """«15.03.2022 № 01-12/45» (the date and number of the registration)."""
    date = ru_date(registration.get("date")) if registration.get("date") else ""
    number = f"№ {registration['number']}" if registration.get("number") else ""
    return ("\t" if tab else " ").join(p for p in (date, number) if p)


def signature_text(signature) -> str:
    return f"{signature.get('position') or ''}\t\t{signature.get('name') or ''}".strip()


def signature_block(out, signature):
    para(out, "", space_before=12)
    paragraph = para(out, signature_text(signature))
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(12))
    return paragraph


def plan_table(out, items):
    if not items:
        return
    table = out.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        ("№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата"),
        strict=True,
    ):
        set_cell(cell, title, bold=True)
    for index, item in enumerate(items, start=1):
        values = (
            _field(item, "number") or str(index),
            _field(item, "activity"),
            _field(item, "due"),
            _field(item, "responsible"),
            _field(item, "result_form"),
        )
        for cell, value in zip(table.add_row().cells, values, strict=True):
            set_cell(cell, value)


def _field(item, name):
    return (item.get(name) if isinstance(item, dict) else getattr(item, name, "")) or ""


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
    parts.append(f"{settings.SITE_URL}{document.get_absolute_url()}")
    return xml_safe("; ".join(parts))


def qr_png(value: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(value, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def add_qr(out, document):
    paragraph = out.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.add_run().add_picture(io.BytesIO(qr_png(qr_payload(document))), width=Mm(22))


def executor_note(out, person):
    """Отметка об исполнителе: the person who prepared the document, with the phone."""
    para(out, "", space_before=24)
    name = person.get_full_name() or person.username
    para(out, re.sub(r"\s+", " ", f"{name} {person.phone}").strip(), size=12)
