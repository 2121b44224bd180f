"""Words of a plan's rows (its document is built by plans.documents.build_plan) and the
report on its execution («Отчёт о выполнении плана»), in the form of documents.rendering."""

import io

import docx
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from common.gost import (
    executor_note,
    format_grid,
    page_setup,
    para,
    set_cell,
    signature_block,
    text,
)
from common.russian import inflect_phrase, mid_sentence

STATE_WORDS = {
    "done_on_time": "выполнено в срок",
    "done_late": "выполнено с нарушением срока",
    "overdue": "просрочено",
    "open": "в работе",
}


def due_words(item) -> str:
    return item.due_text or f"до {item.due_on:%d.%m.%Y}"


def responsible_words(item) -> str:
    people = [p.initials_name for p in item.responsible.all()]
    return ", ".join(people) or item.responsible_text


def report_docx(report, *, compiler=None) -> bytes:
    """Отчёт о выполнении плана: the figures, by responsible person, and every item with its
    state and result; signed and dated by who compiles it (`compiler`, else the plan's
    owner)."""
    plan = report["plan"]
    out = docx.Document()
    page_setup(out)
    para(out, plan.organization.name, bold=True)
    if plan.unit:
        para(out, plan.unit.name)
    para(out, "ОТЧЁТ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    para(out, f"о выполнении {_plan_words(plan.title)}", bold=True,
         align=WD_ALIGN_PARAGRAPH.CENTER)
    para(
        out,
        f"по состоянию на {report['today']:%d.%m.%Y}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    counts = report["counts"]
    text(
        out,
        f"Всего пунктов плана: {report['total']}; выполнено {report['done']} "
        f"({report['done_percent']} %), из них в срок — {counts['done_on_time']}, "
        f"с нарушением срока — {counts['done_late']}; просрочено — {counts['overdue']}; "
        f"в работе — {counts['open']}.",
    )
    para(out, "Выполнение по ответственным", bold=True, space_before=12, space_after=6)
    _table(
        out,
        ("Ответственный", "Всего", "В срок", "С нарушением срока", "Просрочено", "В работе"),
        [
            (
                entry["person"].initials_name,
                str(entry["total"]),
                str(entry["done_on_time"]),
                str(entry["done_late"]),
                str(entry["overdue"]),
                str(entry["open"]),
            )
            for entry in report["people"]
        ],
    )
    para(out, "Выполнение по пунктам плана", bold=True, space_before=12, space_after=6)
    _table(
        out,
        ("№", "Мероприятие", "Срок", "Ответственный", "Состояние", "Результат"),
        [
            (
                row["item"].number,
                row["item"].activity,
                f"{row['item'].due_on:%d.%m.%Y}",
                responsible_words(row["item"]),
                _state_cell(row),
                _result_cell(row["item"]),
            )
            for row in report["rows"]
        ],
    )
    compiler = compiler or plan.owner
    signature_block(
        out, {"position": compiler.position or "Составитель", "name": compiler.initials_name}
    )
    para(out, f"{report['today']:%d.%m.%Y}")
    executor_note(out, name=compiler.get_full_name() or compiler.username, phone=compiler.phone)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _plan_words(title: str) -> str:
    """«План работы центра …» → «плана работы центра …» (after «о выполнении»); another
    title goes in quotes after «плана»."""
    title = " ".join(title.split()).strip(" .")
    if title.lower().startswith("план"):
        return mid_sentence(inflect_phrase(title, "gent"))
    return f"плана «{title}»"


def _state_cell(row) -> str:
    item = row["item"]
    words = STATE_WORDS[row["state"]]
    if item.completed_at:
        words = f"{words} ({timezone.localtime(item.completed_at):%d.%m.%Y})"
    return words


def _result_cell(item) -> str:
    parts = []
    if item.result_document_id:
        parts.append(item.result_document.title)
    if item.result_file:
        parts.append(item.result_file.name.rsplit("/", 1)[-1])
    if item.report:
        parts.append(item.report)
    return "; ".join(parts) or _("—")


def _table(out, header, rows):
    table = out.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        set_cell(cell, title, bold=True)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            set_cell(cell, value)
    return format_grid(table)
