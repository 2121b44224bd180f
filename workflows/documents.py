"""The documents a process writes: the expert conclusion, the order (and the amending order)
and the plan, each built from its form by a generator (documents.requisites), and the
approval sheet. A generator builds the content first — the sections, clauses and tables the
version's rows are made of — then writes exactly that content, plus the requisites it is
given (stamp, signature, registration), in the ГОСТ Р 7.0.97-2025 layout."""

import io

import docx
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from common.gost import (
    BLANK_REGISTRATION,
    KIND_HEADINGS,
    STAMP_WORDS,
    add_qr,
    page_setup,
    para,
    registration_line,
    set_cell,
    signature_block,
    text,
    write_outline,
)
from common.russian import genitive, ru_date
from documents.models import Document
from documents.rendering import executor_note, qr_payload, render_revision, requisites_block
from documents.requisites import Generated

from .models import ApprovalStep

VERDICTS = {
    "recommended": "рекомендуется к использованию",
    "after_revision": "рекомендуется к использованию после доработки",
    "not_recommended": "не рекомендуется к использованию",
}
DECISION_WORDS = {
    ApprovalStep.Decision.AGREE: "Согласовано",
    ApprovalStep.Decision.AGREE_WITH_REMARKS: "Согласовано с замечаниями",
    ApprovalStep.Decision.RETURN: "Возвращено на доработку",
}

# Generator names, as stored in a generated version's structure: renaming one needs a data
# migration of the stored versions.
CONCLUSION, ORDER, PLAN = "workflows.conclusion", "workflows.order", "workflows.plan"


def conclusion_title(form) -> str:
    # The object's name stays in quotes, so it keeps its own case after «на».
    return f"Экспертное заключение на «{_unquoted(form['object_title'])}»"


def _unquoted(value: str) -> str:
    return value.strip().strip('«»" ')


def _lines(value) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


# --- the expert conclusion -------------------------------------------------------------------


def conclusion_content(form) -> dict:
    """Seed 000 §6.2: object, experts, dates and way of collecting, theses, the criteria table,
    the conclusion, recommendations and the verdict."""
    sections, tables = [], []

    def section(title, lines):
        sections.append(
            {"number": str(len(sections) + 1), "title": title, "text": "\n".join(lines)}
        )

    section(
        "Объект экспертизы",
        [
            f"{label}: {form[key]}."
            for label, key in (
                ("Наименование", "object_title"),
                ("Автор (разработчик)", "object_author"),
                ("Предмет, класс", "object_subject"),
            )
            if form.get(key)
        ],
    )
    section("Экспертная группа", [name for name in form.get("experts", []) if name])
    section(
        "Сроки и способ сбора информации",
        [
            f"Информация собрана с {ru_date(form['collected_from'])} по "
            f"{ru_date(form['collected_to'])} путём: {form['method']}."
        ],
    )
    section("Тезисы", _lines(form["theses"]))
    if form.get("criteria"):
        section("Оценка по критериям", [])
        rows = [["№", "Критерий", "Балл", "Примечание"]] + [
            [str(i), row["criterion"], str(row.get("score", "")), row.get("remark", "")]
            for i, row in enumerate(form["criteria"], start=1)
        ]
        tables.append({"rows": rows, "header": True, "at": {"section": len(sections) - 1}})
    section("Заключение", _lines(form["conclusion"]))
    section(
        "Рекомендации",
        [
            *_lines(form["recommendations"]),
            f"Вывод экспертной группы: {VERDICTS[form['verdict']]}.",
        ],
    )
    for entry in sections:
        entry["clauses"] = []
    for table in tables:
        table["at"]["clause"] = None
    return {"preamble": "", "sections": sections, "tables": tables, "plan_items": []}


def build_conclusion(form, document, requisites) -> Generated:
    content = conclusion_content(form)
    out = _opening(document, requisites, "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", requisites.get("approval"))
    para(
        out,
        f"на «{_unquoted(form['object_title'])}»",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    _write_body(out, content)
    return Generated(_closing(out, document, requisites), content)


# --- the order and the amending order --------------------------------------------------------


def order_content(form) -> dict:
    items = list(form["items"])
    clauses = [
        {"number": str(i), "text": "\n".join(item.split("\n"))}
        for i, item in enumerate(items, start=1)
    ]
    if form.get("control"):
        clauses.append({"number": str(len(items) + 1), "text": form["control"]})
    sections = [{"number": None, "title": "", "text": "", "clauses": clauses}]
    if form.get("executors"):
        sections.append(
            {
                "number": None,
                "title": "",
                "text": f"Ответственные за исполнение: {', '.join(form['executors'])}.",
                "clauses": [],
            }
        )
    return {
        "preamble": "\n".join(_lines(form.get("preamble"))),
        "sections": sections,
        "tables": [],
        "plan_items": [],
    }


def build_order(form, document, requisites) -> Generated:
    content = order_content(form)
    out = _opening(document, requisites, KIND_HEADINGS[Document.Kind.ORDER], None)
    para(
        out,
        form["title"],
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=6,
        space_after=12,
    )
    for line in content["preamble"].split("\n"):
        if line:
            text(out, line)
    para(out, "ПРИКАЗЫВАЮ:", space_before=6, space_after=6)
    _write_body(out, content)
    return Generated(_closing(out, document, requisites), content)


# --- the plan --------------------------------------------------------------------------------


def plan_rows(plan) -> list[dict]:
    """The plan's items as the rows of its document (taken into the form when it is sent or
    revised, so the approved document is built from the items as they were agreed)."""
    from plans.rendering import due_words, responsible_words  # plans sit above the engine

    return [
        {
            "number": item.number,
            "activity": item.activity,
            "due": due_words(item),
            "responsible": responsible_words(item),
            "result_form": item.result_form,
        }
        for item in plan.items.prefetch_related("responsible").order_by("order", "pk")
    ]


def build_plan(form, document, requisites) -> Generated:
    rows = [dict(row) for row in form["rows"]]
    content = {"preamble": "", "sections": [], "tables": [], "plan_items": rows}
    data = render_revision(
        document,
        structure={},
        outline=[],
        plan_items=rows,
        stamp=requisites.get("approval"),
        registration=requisites.get("registration"),
        executor=document.author,
    )
    return Generated(data, content)


def plan_stamp(step) -> dict:
    """«УТВЕРЖДЕН», the head's position, name and the date of the decision."""
    return {"stamp": STAMP_WORDS[Document.Kind.PLAN], **signer(step)}


# --- shared parts ----------------------------------------------------------------------------


def _opening(document, requisites, heading, stamp):
    out = docx.Document()
    page_setup(out)
    requisites_block(out, document, stamp)
    para(out, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    registration = requisites.get("registration")
    line = registration_line(registration, tab=True) if registration else BLANK_REGISTRATION
    para(out, line, align=WD_ALIGN_PARAGRAPH.CENTER)
    return out


def _write_body(out, content):
    write_outline(out, content["sections"], content["tables"], centred_headings=False)


def _closing(out, document, requisites) -> bytes:
    if requisites.get("signature"):
        signature_block(out, requisites["signature"])
    if document.pk:
        add_qr(out, qr_payload(document))
    if document.author is not None:
        executor_note(out, document.author)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def signer(step) -> dict:
    """Who signed (approved) with the decision of `step`: position, name and date as the
    record holds them."""
    return {
        "position": _position(step),
        "name": step.assignee.initials_name,
        "date": timezone.localtime(step.decided_at).date().isoformat(),
    }


def _position(step) -> str:
    """The signer's position; an acting substitute signs as «И.о. <principal's position in the
    genitive>» («И.о. директора»)."""
    if not step.on_behalf_of_id:
        return step.assignee.position or "Руководитель"
    words = (step.on_behalf_of.position or "Руководитель").split()
    return " ".join(["И.о.", genitive(words[0]).lower(), *words[1:]])


# --- the approval sheet ----------------------------------------------------------------------


def approval_sheet_docx(approval) -> bytes:
    """Лист согласования: one row per decision (position, name, decision, remarks, date)."""
    document = approval.document
    out = docx.Document()
    page_setup(out)
    kind = (KIND_HEADINGS.get(document.kind) or "документу").lower()
    para(out, "ЛИСТ СОГЛАСОВАНИЯ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(
        out,
        f"к {_dative(kind)} «{document.title}»",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    table = out.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        ("№", "Должность", "Фамилия, инициалы", "Решение", "Замечания", "Дата"),
        strict=True,
    ):
        set_cell(cell, title, bold=True)
    steps = approval.steps.filter(
        purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=False
    ).select_related("assignee", "on_behalf_of", "version")
    for index, step in enumerate(steps, start=1):
        name = step.assignee.initials_name
        if step.on_behalf_of_id:
            name = f"{name} за {step.on_behalf_of.initials_name}"
        remarks = step.remarks
        if step.version_id:
            remarks = f"{remarks} (версия {step.version.number})".strip()
        values = (
            str(index),
            step.assignee.position,
            name,
            DECISION_WORDS[step.decision],
            remarks,
            timezone.localtime(step.decided_at).strftime("%d.%m.%Y"),
        )
        for cell, value in zip(table.add_row().cells, values, strict=True):
            set_cell(cell, value)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _dative(kind_word: str) -> str:
    return {
        "экспертное заключение": "экспертному заключению",
        "заключение": "заключению",
        "приказ": "приказу",
        "положение": "положению",
        "план работы": "плану работы",
    }.get(kind_word, kind_word)
