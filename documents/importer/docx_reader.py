"""Reading .docx with python-docx: body paragraphs and tables in order, Word list numbering as
Word would display it, plan tables, headers and footers."""

import io
import re
import zipfile
import zlib

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from .blocks import Block, Extraction, PlanRow
from .dates import registration_parts
from .errors import ImportRejected
from .numbering import Numbering
from .reader import clean_line


def read_docx(data: bytes) -> Extraction:
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        etree.XMLSyntaxError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as error:
        raise ImportRejected(
            _("The .docx file is damaged and cannot be read (%(error)s).")
            % {"error": error.__class__.__name__}
        ) from None
    numbering = Numbering(document)
    result = Extraction(blocks=[], fmt="docx")
    table_counter = iter(range(10**6))
    _read_container(document.element.body, document, numbering, result, table_counter)

    seen = set()
    for section in document.sections:
        parts = (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        )
        for part in parts:
            if part.is_linked_to_previous:
                continue  # no part of its own: the text was read with an earlier section
            for paragraph in part.paragraphs:
                text = clean_line(paragraph_text(paragraph._p))
                if text and text not in seen:
                    seen.add(text)
                    result.extra_text.append(text)
    return result


def _read_container(element, parent, numbering, result, table_counter, group=None):
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, parent)
            label = numbering.label(paragraph)
            lines = paragraph_text(child).split("\n")
            if label:
                lines[0] = f"{label} {lines[0]}"
            result.blocks.extend(Block(clean_line(line), group) for line in lines)
        elif child.tag == qn("w:tbl"):
            _read_table(Table(child, parent), numbering, result, table_counter)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _read_container(content, parent, numbering, result, table_counter, group)


_T, _TAB, _BR, _CR, _HYPHEN = (
    qn("w:t"),
    qn("w:tab"),
    qn("w:br"),
    qn("w:cr"),
    qn("w:noBreakHyphen"),
)
_RUN = qn("w:r")
# Containers whose runs are part of the paragraph's visible text (inserted revisions included,
# deleted ones and text boxes not).
_RUN_CONTAINERS = {
    qn(t)
    for t in (
        "w:hyperlink",
        "w:ins",
        "w:smartTag",
        "w:fldSimple",
        "w:sdt",
        "w:sdtContent",
        "w:customXml",
    )
}


def paragraph_text(p) -> str:
    """The paragraph's text as Word shows it: tabs, line breaks, non-breaking hyphens.

    A walk over the runs, several times faster than python-docx's xpath-based Paragraph.text."""
    parts = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element, parts):
    for child in element:
        tag = child.tag
        if tag == _RUN:
            for item in child:
                kind = item.tag
                if kind == _T:
                    parts.append(item.text or "")
                elif kind == _TAB:
                    parts.append("\t")
                elif kind == _BR:
                    if item.get(qn("w:type")) in (None, "textWrapping"):
                        parts.append("\n")
                elif kind == _CR:
                    parts.append("\n")
                elif kind == _HYPHEN:
                    parts.append("-")
        elif tag in _RUN_CONTAINERS:
            _collect(child, parts)


PLAN_COLUMNS = {
    "number": ("№", "n/n", "п/п"),
    "activity": ("мероприят", "содержание", "наименование", "вид деятельности", "тема"),
    "due": ("срок", "дата", "период"),
    "responsible": ("ответствен", "исполнител"),
    "result_form": ("форма", "результат", "выход"),
}


def _plan_columns(header: list[str]) -> dict[str, int] | None:
    columns = {}
    for index, title in enumerate(header):
        lowered = title.lower()
        for key, words in PLAN_COLUMNS.items():
            if key not in columns and any(word in lowered for word in words):
                columns[key] = index
                break
    if "activity" in columns and ("due" in columns or "responsible" in columns):
        return columns
    return None


def _unique_cells(row):
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _read_table(table, numbering, result, table_counter):
    index = next(table_counter)
    rows = [_unique_cells(row) for row in table.rows]
    if rows:
        header = [clean_line(cell.text) for cell in rows[0]]
        columns = _plan_columns(header)
        if columns is not None:
            section = ""
            for row in rows[1:]:
                values = [clean_line(cell.text.replace("\n", " ")) for cell in row]
                heading = _section_row(values, columns)
                if heading:
                    section = heading
                    result.plan_sections.append(heading)
                    continue

                def get(key, values=values):
                    position = columns.get(key)
                    return (
                        values[position] if position is not None and position < len(values) else ""
                    )

                activity = get("activity")
                if not activity or activity == header[columns["activity"]]:
                    continue
                result.plan_rows.append(
                    PlanRow(
                        get("number"),
                        activity,
                        get("due"),
                        get("responsible"),
                        get("result_form"),
                        section,
                    )
                )
            return
        cells = [[_cell_text(cell) for cell in row] for row in rows]
        if _is_text_table(cells):
            # A table of the text (criteria, figures): kept as a table, where it stands.
            result.blocks.append(Block("", table=len(result.tables)))
            result.tables.append(cells)
            return
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            group = f"t{index}r{r}c{c}"
            _read_container(cell._tc, cell, numbering, result, table_counter, group)


def _section_row(values, columns) -> str:
    """A row of a plan table that names a section («1. Организационная работа») across the
    row: one text in every cell (merged), or only in the number or activity column."""
    filled = list(dict.fromkeys(v for v in values if v))
    if len(filled) != 1:
        return ""
    text = filled[0]
    if len([v for v in values if v]) > 1 or len(values) == 1:
        return text  # a merged cell spans the row
    where = values.index(text)
    if where not in (columns.get("number"), columns.get("activity")):
        return ""
    letters = [ch for ch in text if ch.isalpha()]
    numbered = re.match(r"^(?:\d{1,2}|[IVXLІ]{1,5})\.?\s+\S", text)
    capitals = bool(letters) and all(ch.isupper() for ch in letters)
    return text if numbered or capitals or where == columns.get("number") else ""


# A layout table holds requisites (organisation | stamp, date | number): its cells are read as
# lines, so the stamp and the registration are found in them.
_STAMP_WORDS = re.compile(
    r"^\s*(УТВЕРЖДА|УТВЕРЖД[ЕЁ]Н|СОГЛАСОВАН|ПРИНЯТ|РАССМОТРЕН|ОДОБРЕН|"
    r"ПРИЛОЖЕНИЕ(?:\s*№?\s*\d+)?\s*(?:$|к\s))",
    re.I | re.M,
)
_HEADINGS = re.compile(
    r"^\s*(ПРИКАЗ|ПОЛОЖЕНИЕ|ЗАКЛЮЧЕНИЕ|ПЛАН|ПРОТОКОЛ|ИНСТРУКЦИЯ|ПРАВИЛА|ПОРЯДОК|РЕГЛАМЕНТ|"
    r"ПРОГРАММА|СПРАВКА|ПИСЬМО)\b",
    re.M,
)


def _is_text_table(cells) -> bool:
    filled = [row for row in cells if any(row)]
    if len(filled) < 2 or max(len(row) for row in filled) < 2:
        return False
    if all(_requisite_cell(cell) for row in filled for cell in row if cell):
        return False  # the blank's date | place | number
    return not any(
        _STAMP_WORDS.search(cell) or _HEADINGS.search(cell) for row in filled for cell in row
    )


def _requisite_cell(text) -> bool:
    return all(registration_parts(line) is not None for line in text.split("\n") if line)


def _cell_text(cell) -> str:
    lines = [clean_line(paragraph_text(p)) for p in cell._tc.iterchildren(qn("w:p"))]
    return "\n".join(line for line in lines if line)
