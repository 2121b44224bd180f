"""Tables of the ГОСТ builder (`common.gost` re-exports them): a grid of the record's cells laid
out for print — fixed column widths in proportion to what the columns hold, the header row
repeated on every page, rows kept whole — and the plan's table with its section rows."""

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .text import xml_safe


def set_cell(cell, value, *, bold=False):
    cell.text = ""
    cell.paragraphs[0].add_run(xml_safe(value)).bold = bold


def add_table(out, table, *, widths=None, lay_out=True):
    """A table of the record ({"rows": [[cell, ...]], "header": bool}) with a grid, laid out
    by `format_grid` (unless the caller merges cells first and lays it out after)."""
    rows = table.get("rows") or []
    width = max((len(row) for row in rows), default=0)
    if not width:
        return None
    grid = out.add_table(rows=0, cols=width)
    grid.style = "Table Grid"
    header = table.get("header", True)
    for index, row in enumerate(rows):
        cells = grid.add_row().cells
        for cell, value in zip(cells, [*row, *[""] * (width - len(row))], strict=True):
            set_cell(cell, value, bold=index == 0 and header)
    if not lay_out:
        return grid
    return format_grid(grid, widths=widths, header_rows=1 if header else 0)


def table_of(out, header, rows, *, widths=None):
    """A grid with a bold header row."""
    return add_table(
        out, {"rows": [list(header), *[list(r) for r in rows]], "header": True}, widths=widths
    )


_WORDS = re.compile(r"\s+|(?<=-)")  # a line may break after a hyphen
TEXT_WIDTH_MM = 180  # A4 less the margins of 20 and 10 mm
TABLE_FONT_PT = 12
_CHAR_MM = 2.45  # a letter of Times New Roman 12 in a bold header (measured in LibreOffice)
_PADDING_MM = 4.0  # the cell's margins left and right


def _columns(rows) -> list[list[str]]:
    count = max((len(row) for row in rows), default=0)
    return [[str(row[c]) if c < len(row) else "" for row in rows] for c in range(count)]


def least_widths(rows, total=TEXT_WIDTH_MM) -> list[float]:
    """The least width (mm) of each column: its longest word whole (at most 45 % of `total`,
    a column of one endless word breaks it)."""
    return [
        min(
            max((len(w) for t in cells for w in _WORDS.split(t) if w), default=1) * _CHAR_MM
            + _PADDING_MM,
            total * 0.45,
        )
        for cells in _columns(rows)
    ]


def column_widths(rows, total=TEXT_WIDTH_MM) -> list[float]:
    """Column widths (mm) in proportion to what the columns hold: each at least as wide as its
    longest word, so no word breaks («Ответствен-ный»), the rest shared by the length of
    their texts."""
    columns = _columns(rows)
    least = least_widths(rows, total)
    if sum(least) >= total:
        return [w * total / sum(least) for w in least]
    weights = [sum(len(t) for t in cells) / max(len(cells), 1) + 1 for cells in columns]
    extra = total - sum(least)
    return [w + extra * weight / sum(weights) for w, weight in zip(least, weights, strict=True)]


def format_grid(table, *, widths=None, header_rows=1):
    """Lay a table out for print: fixed column widths (given, or from `column_widths`), the
    header rows repeated on every page, no row split across pages."""
    columns = len(table.columns)
    texts = [  # a row merged across the table (a section's heading) sets no column's width
        [cell.text for cell in row.cells]
        for row in table.rows
        if len(row._tr.tc_lst) == columns
    ]
    widths = list(widths or column_widths(texts))
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=False):
        column.w = Mm(width)
    for paragraph in (p for row in table.rows for cell in row.cells for p in cell.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(TABLE_FONT_PT)  # 12 pt in tables, as ГОСТ allows
    for index, row in enumerate(table.rows):
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            row_properties.append(OxmlElement("w:tblHeader"))
        column = 0
        for tc in row._tr.tc_lst:  # a merged cell (a section row) spans its columns' widths
            tc.width = Mm(sum(widths[column : column + tc.grid_span]))
            column += tc.grid_span
    return table


PLAN_COLUMNS = ("№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата")


def plan_table(out, items):
    """The plan's rows under the header; a section («1. Организационная работа») is a bold row
    merged across the table above its first item."""
    if not items:
        return
    rows, sections, section = [], [], ""
    for index, item in enumerate(items, start=1):
        if _field(item, "section") and _field(item, "section") != section:
            section = _field(item, "section")
            sections.append(len(rows) + 1)  # the header is row 0
            rows.append([section, "", "", "", ""])
        rows.append(
            [
                _field(item, "number") or str(index),
                _field(item, "activity"),
                _field(item, "due"),
                _field(item, "responsible"),
                _field(item, "result_form"),
            ]
        )
    grid = add_table(out, {"rows": [list(PLAN_COLUMNS), *rows], "header": True}, lay_out=False)
    for at in sections:
        cells = grid.rows[at].cells
        merged = cells[0].merge(cells[-1])
        set_cell(merged, rows[at - 1][0], bold=True)
        merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    format_grid(grid)


def _field(item, name):
    return (item.get(name) if isinstance(item, dict) else getattr(item, name, "")) or ""
