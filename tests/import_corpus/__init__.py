"""A corpus of realistic documents for the importer, built in code with python-docx.

Each Sample builds its file and says, in `expected`, what a careful records manager reads in it
according to docs/importer.md: only the keys listed are checked (tests/test_import_corpus.py).
The family modules (regulations, orders, plans, others) lay documents out as schools and
education authorities do: requisites in borderless tables, stamps as right-aligned paragraphs,
titles over several lines, Word list numbering, typed numbers, tables of the text.

The layout helpers live here, above the import of the family modules, which use them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from tests.docx_factory import add_multilevel_list, numbered, to_bytes
from tests.docx_factory import new_document as _bare_document

__all__ = [
    "CORPUS",
    "LAW_273",
    "UNREGISTERED",
    "Prefix",
    "Sample",
    "act",
    "by_order",
    "order_stamp",
    "protocol_stamp",
    "signature",
    "signed",
    "signed_approval",
    "add_multilevel_list",
    "blank",
    "body",
    "centred",
    "layout_table",
    "new_document",
    "numbered",
    "plan_table",
    "right",
    "small",
    "text_table",
    "to_bytes",
    "txt",
]


@dataclass(frozen=True)
class Sample:
    name: str
    file_name: str  # "gymnasium3-regulation.docx" or ".txt": the importer reads the extension
    build: Callable[[], bytes]
    expected: dict


@dataclass(frozen=True)
class Prefix:
    """An expected string value of which only the beginning is fixed (the rest is left open by
    docs/importer.md, e.g. whether an order's preamble keeps «ПРИКАЗЫВАЮ:»)."""

    text: str

    def matches(self, value) -> bool:
        return isinstance(value, str) and value.startswith(self.text)

    def __repr__(self) -> str:
        return f"<starts with {self.text!r}>"


# --- expected requisites -------------------------------------------------------------------------

LAW_273 = "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
UNREGISTERED = {"number": None, "date": None}  # a local act: no registration line of its own


def act(type_, number, date, /) -> dict:
    return {"type": type_, "number": number, "date": date}


def by_order(word, body, number, date, /, **more) -> dict:
    """`approval` of a stamp «УТВЕРЖДЕНО / приказом … / от <date> № <number>»."""
    return {"stamp": word, "by": body, "order_number": number, "order_date": date, **more}


def order_stamp(word, body, number, date, /, **more) -> dict:
    """The same stamp as an entry of `stamps`."""
    return {"kind": "approval", "word": word, "body": body, "act": act("приказ", number, date),
            **more}


def protocol_stamp(kind, word, body, number, date, /, **more) -> dict:
    """ПРИНЯТО / РАССМОТРЕНО … протокол от <date> № <number>."""
    return {"kind": kind, "word": word, "body": body, "act": act("протокол", number, date),
            **more}


def signed(word, position, name, date, /, kind="approval", **more) -> dict:
    """A stamp signed by a person: УТВЕРЖДАЮ or СОГЛАСОВАНО / position / ___ name / date."""
    return {"kind": kind, "word": word, "position": position, "name": name, "date": date, **more}


def signed_approval(word, position, name, date) -> dict:
    """`approval` of a stamp signed by a person, without an order."""
    return {"stamp": word, "position": position, "name": name, "date": date, "by": None,
            "order_number": None, "order_date": None}


def signature(position, name) -> dict:
    return {"position": position, "name": name}


# --- layout helpers ------------------------------------------------------------------------------


def new_document():
    """A blank in the usual school setting: Times New Roman 14, margins 30/15/20/20 mm."""
    document = _bare_document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    return document


def _paragraph(container, text, align=None, bold=False, size=None, indent=None):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        paragraph.paragraph_format.left_indent = Cm(indent)
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def centred(document, *lines, bold=False, size=None):
    for line in lines:
        _paragraph(document, line, WD_ALIGN_PARAGRAPH.CENTER, bold, size)


def right(document, *lines, indent=None):
    """A stamp as paragraphs: right-aligned, or (indent in cm) pushed right by a left indent."""
    for line in lines:
        if indent is None:
            _paragraph(document, line, WD_ALIGN_PARAGRAPH.RIGHT)
        else:
            _paragraph(document, line, indent=indent)


def body(document, *lines):
    """Paragraphs of the text: justified, first-line indent 1.25 cm."""
    for line in lines:
        paragraph = _paragraph(document, line, WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1.25)


def small(document, *lines):
    """Small print at the foot of the last page (the executor note)."""
    for line in lines:
        _paragraph(document, line, size=10)


def blank(document, count=1):
    for _ in range(count):
        document.add_paragraph()


def _no_borders(table):
    properties = table._tbl.tblPr
    properties.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="nil"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )


def _fill(cell, lines, align=None, bold_first=False):
    lines = [lines] if isinstance(lines, str) else list(lines)
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold_first and i == 0
        if align is not None:
            paragraph.alignment = align


def layout_table(document, *rows, aligns=None):
    """A borderless table of requisites: each row is a list of cells, each cell a string or a
    list of lines (organisation | stamp, date | number, position | name)."""
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    for row, cells in zip(table.rows, rows, strict=True):
        for c, (cell, lines) in enumerate(zip(row.cells, cells, strict=False)):
            align = aligns[c] if aligns else None
            _fill(cell, lines, align)
    return table


def text_table(document, rows):
    """A table of the text with a grid (criteria, results): the first row is the header."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return table


def plan_table(document, header, rows):
    """A plan table with a grid; a row given as a string is a section row merged across all
    columns («1. Организационная работа»)."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        _fill(cell, value, bold_first=True)
    for row, values in zip(table.rows[1:], rows, strict=True):
        if isinstance(values, str):
            merged = row.cells[0].merge(row.cells[-1])
            _fill(merged, values, WD_ALIGN_PARAGRAPH.CENTER, bold_first=True)
            continue
        for cell, value in zip(row.cells, values, strict=True):
            _fill(cell, value)
    return table


def txt(*lines) -> bytes:
    """A plain-text file as saved from Word («Обычный текст», UTF-8 with BOM, CRLF)."""
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


# --- the corpus ----------------------------------------------------------------------------------

from . import orders, others, plans, regulations  # noqa: E402  (they use the helpers above)

CORPUS: list[Sample] = [
    *regulations.SAMPLES,
    *orders.SAMPLES,
    *plans.SAMPLES,
    *others.SAMPLES,
]
