"""The discipline report's chart (SVG coordinates for the page; no script) and its files: the
.xlsx for the clerk's figures and the .docx «Справка об исполнительской дисциплине» in the
ГОСТ layout (common.gost)."""

import io

import docx
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.gost import executor_note, page_setup, para, signature_block, table_of
from common.russian import agree_with_number
from common.text import xml_safe

from .selectors import STATES

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#f9a825",
    "overdue": "#c62828",
    "open": "#90a4ae",
}
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 230, 520, 28
# The words of the report's columns (Russian: the files are the organisation's paperwork).
COLUMNS = (
    ("total", "На контроле"),
    ("done_on_time", "Исполнено в срок"),
    ("done_late", "Исполнено с нарушением срока"),
    ("overdue", "Просрочено"),
    ("open", "В работе"),
    ("on_time_share", "Исполнено в срок, %"),
)


def state_labels() -> dict:
    return {
        "done_on_time": _("Done on time"),
        "done_late": _("Done late"),
        "overdue": _("Overdue"),
        "open": _("Open"),
    }


def chart(report, *, limit=25) -> dict:
    """Stacked bars by state: everything, then each organisation (when several), then the
    executors with the most overdue first."""
    labels = state_labels()
    rows = [(_("All assignments"), report["total"])]
    if len(report["organizations"]) > 1:
        rows += [(r["name"], r) for r in report["organizations"]]
    rows += [(r["name"], r) for r in report["people"][:limit]]
    bars = []
    for index, (label, counts) in enumerate(rows):
        x, segments = float(LABEL_WIDTH), []
        for state in STATES:
            width = BAR_WIDTH * counts[state] / counts["total"] if counts["total"] else 0
            if width:
                segments.append(
                    {
                        "x": int(x),
                        "width": max(int(round(width)), 1),
                        "colour": COLOURS[state],
                        "count": counts[state],
                        "label": labels[state],
                    }
                )
            x += width
        bars.append({"label": label[:40], "y": index * ROW_HEIGHT, "segments": segments})
    legend_y = len(rows) * ROW_HEIGHT + 6
    # Each entry as wide as its words (about 7 px a letter at 13 px), so none runs into the
    # next («Выполнено с опозданием» is three times «В работе»); two rows when they don't fit.
    legend, x, row = [], LABEL_WIDTH, 0
    for state in STATES:
        width = 16 + 7 * len(str(labels[state])) + 18
        if x + width > LABEL_WIDTH + BAR_WIDTH and x > LABEL_WIDTH:
            x, row = LABEL_WIDTH, row + 1
        legend.append(
            {"x": x, "y": legend_y + 18 * row, "colour": COLOURS[state], "label": labels[state]}
        )
        x += width
    height = legend_y + 18 * (row + 1) + 2
    return {"bars": bars, "legend": legend, "legend_y": legend_y, "height": height}


def _cells(row) -> list:
    return [row[key] if row[key] is not None else "—" for key, _word in COLUMNS]


def _sections(report):
    yield "По организациям", "Организация", report["organizations"]
    yield "По структурным подразделениям", "Подразделение", report["units"]
    yield "По исполнителям", "Исполнитель", report["people"]


def discipline_xlsx(report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Дисциплина"
    sheet.append(["Исполнительская дисциплина"])
    sheet.append([f"Поручения со сроком с {report['start']:%d.%m.%Y} по {report['end']:%d.%m.%Y}, "
                  f"по состоянию на {report['today']:%d.%m.%Y}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(["Всего", *_cells(report["total"])])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for title, column, rows in _sections(report):
        sheet.append([])
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([column, *(word for _key, word in COLUMNS)])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([xml_safe(row["name"]), *_cells(row)])
    sheet.column_dimensions["A"].width = 45
    for index in range(2, len(COLUMNS) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def discipline_docx(report, *, compiler) -> bytes:
    """Справка об исполнительской дисциплине: the figures in all, by organisation, unit and
    executor; signed by whoever compiled it."""
    out = docx.Document()
    page_setup(out)
    if compiler.organization is not None:
        para(out, compiler.organization.name, bold=True)
    para(out, "СПРАВКА", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    para(
        out,
        "об исполнительской дисциплине за период с "
        f"{report['start']:%d.%m.%Y} по {report['end']:%d.%m.%Y}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    total = report["total"]
    para(
        out,
        f"На контроле {total['total']} {agree_with_number('поручение', total['total'])} со "
        f"сроком исполнения в периоде; исполнено в срок "
        f"{total['done_on_time']}, с нарушением срока {total['done_late']}, просрочено "
        f"{total['overdue']}, в работе {total['open']} (по состоянию на "
        f"{report['today']:%d.%m.%Y}).",
    )
    header = [word for _key, word in COLUMNS]
    for title, column, rows in _sections(report):
        if not rows:
            continue
        para(out, title, bold=True, space_before=12, space_after=6)
        table_of(
            out,
            [column, *header],
            [[row["name"], *(str(v) for v in _cells(row))] for row in rows],
        )
    signature_block(
        out, {"position": compiler.position or "Составитель", "name": compiler.initials_name}
    )
    executor_note(out, name=compiler.get_full_name() or compiler.username, phone=compiler.phone)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
