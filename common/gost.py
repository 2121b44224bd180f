"""The ГОСТ Р 7.0.97-2025 .docx builder: page setup and the requisites' forms, for every app that
writes a document (documents, registry exports, processes, plans).

A4, margins 20/10/20/20 mm, Times New Roman 14, first-line indent 1.25 cm, page numbers from the
second page at the top centre; requisites: organisation and unit, approval stamp (its word agrees
with the kind), registration (date and number), signature, executor note, QR code (requisite
31). Every text goes through `xml_safe`: whatever the record holds is written, never a 500.
Kinds are named by their codes ("regulation", "order", …: documents.models.DocumentKind).
"""

import io
import re

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from .gost_tables import (  # noqa: F401 (the builder's public names)
    PLAN_COLUMNS,
    TEXT_WIDTH_MM,
    add_table,
    column_widths,
    format_grid,
    least_widths,
    plan_table,
    set_cell,
    table_of,
)
from .russian import inflect_phrase, ru_date
from .text import xml_safe

FONT = "Times New Roman"
KIND_HEADINGS = {
    "regulation": "ПОЛОЖЕНИЕ",
    "order": "ПРИКАЗ",
    "conclusion": "ЗАКЛЮЧЕНИЕ",
    "plan": "ПЛАН РАБОТЫ",
    "report": "ОТЧЁТ",
    "note": "СПРАВКА",
    "minutes": "ПРОТОКОЛ",
    "instruction": "ИНСТРУКЦИЯ",
    "rules": "ПРАВИЛА",
    "procedure": "ПОРЯДОК",
    "reglament": "РЕГЛАМЕНТ",
    "programme": "ПРОГРАММА",
    "letter": "",
    "inventory": "ОПИСЬ",
    "act": "АКТ",
    "other": "",
}
# The stamp word agrees in gender and number with the document kind.
STAMP_WORDS = {
    "regulation": "УТВЕРЖДЕНО",
    "conclusion": "УТВЕРЖДЕНО",
    "plan": "УТВЕРЖДЕН",
    "report": "УТВЕРЖДЕН",
    "minutes": "УТВЕРЖДЕН",
    "note": "УТВЕРЖДЕНА",
    "order": "УТВЕРЖДЕН",
    "instruction": "УТВЕРЖДЕНА",
    "rules": "УТВЕРЖДЕНЫ",
    "procedure": "УТВЕРЖДЕН",
    "reglament": "УТВЕРЖДЕН",
    "programme": "УТВЕРЖДЕНА",
    "letter": "УТВЕРЖДЕНО",
    "inventory": "УТВЕРЖДЕНА",
    "act": "УТВЕРЖДЕН",
    "other": "УТВЕРЖДЕНО",
}
# The registration line of a document not registered yet: filled in when it is.
BLANK_REGISTRATION = "«___» __________ 20__ г.\t№ ____"
BLANK_PLACE = "г. ______________"


def page_setup(out, *, landscape=False):
    """A4 with the margins of ГОСТ, portrait or (a form whose table is too wide for it, such
    as an act of destruction) landscape: `text_width_mm` gives the width between the margins."""
    section = out.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height
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


def text_width_mm(out) -> float:
    """The width of the text between the margins (TEXT_WIDTH_MM on an A4 portrait page)."""
    section = out.sections[-1]
    return round((section.page_width - section.left_margin - section.right_margin) / Mm(1), 1)


def _page_field(paragraph):
    run = paragraph.add_run()
    for kind, instruction in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
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


def heading(out, value, *, space_before=12):
    """The kind of the document (ПРИКАЗ, ПОЛОЖЕНИЕ …) or a title: bold, centred, kept with
    what follows it."""
    paragraph = para(
        out, value, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=space_before
    )
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def centred(out, value, *, bold=False, space_before=0, space_after=0):
    return para(
        out,
        value,
        bold=bold,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=space_before,
        space_after=space_after,
    )


def requisites_block(out, *, organization, unit="", stamp=None):
    """Organisation and unit at the top left, the stamp (its lines) at the top right."""
    table = out.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(xml_safe(organization)).bold = True
    if unit:
        para(None, unit, container=left)
    if stamp:
        fill_cell(right, stamp)
    para(out, "")
    return table


def fill_cell(cell, lines):
    cell.paragraphs[0].add_run(xml_safe(lines[0]))
    for line in lines[1:]:
        para(None, line, container=cell)


def stamp_lines(approval, *, kind, organization) -> list[str]:
    """The approval stamp as lines: «УТВЕРЖДАЮ / position / ____ name / date» when a person
    approves, «УТВЕРЖДЕНО / приказом … / от … № …» when an order does (`kind` gives the word
    unless the stamp names its own, as a file's does)."""
    order = ""
    if approval.get("order_number") or approval.get("order_date"):
        parts = []
        if approval.get("order_date"):
            parts.append(f"от {ru_date(approval['order_date'])}")
        if approval.get("order_number"):
            parts.append(f"№ {approval['order_number']}")
        order = " ".join(parts)
    if approval.get("stamp") == "УТВЕРЖДАЮ" or not order:
        # Approved by an official: «УТВЕРЖДАЮ» with the position and the organisation (a
        # file's stamp keeps the word it has).
        lines = [approval.get("stamp") or "УТВЕРЖДАЮ"]
        position = _with_organization(approval.get("position"), approval.get("organization"))
        if position:
            lines.append(position)
        lines.append(f"________ {approval.get('name') or ''}".rstrip())
        if order:
            lines.append(f"Приказ {order}")
        elif approval.get("date"):
            lines.append(ru_date(approval["date"]))
        return lines
    word = approval.get("stamp") or STAMP_WORDS.get(str(kind), "УТВЕРЖДЕНО")
    by = approval.get("by") or f"приказом {inflect_phrase(str(organization), 'gent')}"
    return [word, by, order]


def _with_organization(position, organization) -> str:
    """«Директор» of «МКУ «ИМЦ»» → «Директор МКУ «ИМЦ»»; a full name in the genitive
    («Директор Информационно-методического центра»); as it is when it names it already."""
    position = (position or "").strip()
    if not organization or organization in position:
        return position
    return f"{position} {inflect_phrase(organization, 'gent')}".strip()


def registration_block(out, line, *, place=None):
    """The date at the left and the number at the right of one line (a right tab stop at the
    edge of the text), and under them, centred, the place of issue — a line to fill in when the
    organisation has none on record. `place=None` prints no place (a conclusion)."""
    paragraph = para(out, line, space_before=6)
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        Mm(text_width_mm(out)), alignment=WD_TAB_ALIGNMENT.RIGHT
    )
    if place is not None:
        centred(out, place or BLANK_PLACE, space_before=6)
    return paragraph


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


def place_tables(outline, tables) -> list[dict]:
    """Hang each table ({"at": {"section": index or None, "clause": number or None}}) on the
    section or clause it follows; returns the tables without a section (after the preamble)."""
    preamble = []
    for section in outline:
        section["tables"] = []
        for clause in section["clauses"]:
            clause["tables"] = []
    for table in tables:
        at = table.get("at") or {}
        index = at.get("section")
        if index is None or not 0 <= index < len(outline):
            preamble.append(table)
            continue
        section = outline[index]
        clause = next((c for c in section["clauses"] if c["number"] == at.get("clause")), None)
        (clause or section)["tables"].append(table)
    return preamble


def write_outline(out, outline, tables, *, centred_headings=True):
    """Sections (their headings, text, tables), clauses (number, text, revision note, tables)
    in order; the tables without a section first (they follow the preamble)."""
    outline = [dict(s, clauses=[dict(c) for c in s["clauses"]]) for s in outline]
    for table in place_tables(outline, tables):
        add_table(out, table)
    for section in outline:
        if section["number"]:
            title = f"{section['number']}. {section['title']}".strip()
            if centred_headings:
                shown = centred(out, title, bold=True, space_before=12, space_after=6)
            else:
                shown = para(out, title, bold=True, space_before=6)
            shown.paragraph_format.keep_with_next = True  # never alone at the foot of a page
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


def qr_png(value: str) -> bytes:
    import segno  # only where a QR code is drawn

    buffer = io.BytesIO()
    segno.make(value, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


QR_SIZE_MM = 22


def add_qr(out, payload: str):
    """Requisite 31 at the bottom right of the first page (ГОСТ Р 7.0.97-2025): the picture
    floats, anchored in the first paragraph after the requisites block, the text around it."""
    anchor_at = next((p for p in out.paragraphs), None) or out.add_paragraph()
    run = anchor_at.add_run()
    run.add_picture(io.BytesIO(qr_png(xml_safe(payload))), width=Mm(QR_SIZE_MM))
    _float_bottom_right(run._r.find(qn("w:drawing")))


def _float_bottom_right(drawing):
    """Turn an inline picture (wp:inline) into one anchored at the bottom right of the page's
    text area, square wrapping: python-docx writes only inline pictures."""
    inline = drawing.find(qn("wp:inline"))
    extent, graphic = inline.find(qn("wp:extent")), inline.find(qn("a:graphic"))
    properties = inline.find(qn("wp:docPr"))
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="114300" distR="0" '
        'simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="0"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        "</wp:anchor>"
    )
    anchor.append(extent)
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f'<wp:wrapSquare {nsdecls("wp")} wrapText="left"/>'))
    anchor.append(properties)
    anchor.append(parse_xml(f"<wp:cNvGraphicFramePr {nsdecls('wp')}/>"))
    anchor.append(graphic)
    drawing.replace(inline, anchor)


EXECUTOR_BLANK_PHONE = "тел. ____________"


def executor_note(out, *, name, phone=""):
    """Отметка об исполнителе: who prepared the document and the phone (a line to fill in when
    the profile has none), in 12 pt at the bottom left of the last page — a frame anchored to
    the foot of the page the text ends on, so it never spills onto a page of its own."""
    for line in (re.sub(r"\s+", " ", name).strip(), phone.strip() or EXECUTOR_BLANK_PHONE):
        paragraph = para(out, line, size=12)
        frame = OxmlElement("w:framePr")
        for key, value in (
            ("w:wrap", "around"), ("w:vAnchor", "margin"), ("w:hAnchor", "margin"),
            ("w:xAlign", "left"), ("w:yAlign", "bottom"),
        ):
            frame.set(qn(key), value)
        paragraph._p.get_or_add_pPr().insert(0, frame)


def saved(out) -> bytes:
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
