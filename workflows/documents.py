"""The documents a process produces: the expert conclusion and the order generated from their
forms (ГОСТ Р 7.0.97-2025 layout, see documents.rendering), and the approval sheet."""

import io

import docx
from django.db import transaction
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents.importer import ImportRejected
from documents.models import Document
from documents.rendering import (
    KIND_HEADINGS,
    _executor,
    _page_setup,
    _para,
    _qr_code,
    _requisites_block,
    _text,
    ru_date,
)
from documents.services import add_version, create_document
from orgs.selectors import organization_head

from .models import Approval, ApprovalStep

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


def conclusion_title(form) -> str:
    # The object's name stays in quotes, so it keeps its own case after «на».
    return f"Экспертное заключение на «{_unquoted(form['object_title'])}»"


def _unquoted(text: str) -> str:
    return text.strip().strip('«»" ')


def create_process_document(kind, *, form, organization, unit, author) -> Document:
    """The draft document of a new process, generated from its form, visible to participants
    only until approved."""
    if kind == "plan":
        return _plan_document(form, organization=organization, unit=unit, author=author)
    document_kind = Document.Kind.CONCLUSION if kind == "conclusion" else Document.Kind.ORDER
    title = conclusion_title(form) if kind == "conclusion" else form["title"]
    document = Document(
        organization=organization, unit=unit, kind=document_kind, title=title, author=author
    )
    data = render(kind, form, document, approved_by=None)
    return create_document(
        organization=organization,
        unit=unit,
        name=f"{document_kind}.docx",
        data=data,
        author=author,
        kind=document_kind,
        title=title,
        visibility=Document.Visibility.PARTICIPANTS,
    )


def _plan_document(form, *, organization, unit, author) -> Document:
    """The plan's document: a new one, or a new version of the one an earlier, cancelled
    approval left (a plan has one document whatever happens to its approvals)."""
    from plans.models import Plan

    plan = Plan.objects.select_related("document").get(pk=form["plan"])
    if plan.document is not None:
        document = plan.document
        data = render("plan", form, document, approved_by=None)
        try:
            with transaction.atomic():
                add_version(document, name="plan.docx", data=data, author=author)
        except ImportRejected:
            pass  # unchanged since it was last sent
        return document
    document = Document(
        organization=organization,
        unit=unit,
        kind=Document.Kind.PLAN,
        title=form["title"],
        author=author,
    )
    return create_document(
        organization=organization,
        unit=unit,
        name="plan.docx",
        data=render("plan", form, document, approved_by=None),
        author=author,
        kind=Document.Kind.PLAN,
        title=form["title"],
        visibility=Document.Visibility.PARTICIPANTS,
    )


def regenerate(approval: Approval, *, comment="") -> None:
    """A new version of the process's document from its form: with the approval stamp once
    approved, with its number and date once registered. The earlier versions stay."""
    document = Document.objects.get(pk=approval.document_id)
    approved_by = None
    if approval.status in (Approval.Status.APPROVED, Approval.Status.DONE):
        last = (
            approval.steps.filter(purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=False)
            .select_related("assignee", "on_behalf_of")
            .order_by("-decided_at", "-pk")
            .first()
        )
        approved_by = last
    data = render(approval.kind, approval.form, document, approved_by=approved_by)
    try:
        with transaction.atomic():
            add_version(document, name=f"{document.kind}.docx", data=data, comment=comment)
    except ImportRejected:
        pass  # identical to the current version: nothing to add


def render(kind, form, document, *, approved_by) -> bytes:
    if kind == "plan":
        return _render_plan(form, document, approved_by)
    out = docx.Document()
    _page_setup(out)
    structure = {}
    if approved_by is not None and kind == "conclusion":
        signer = approved_by.assignee
        structure["approval"] = {
            "stamp": "УТВЕРЖДАЮ",
            "position": _position(approved_by),
            "name": signer.initials_name,
            "date": timezone.localtime(approved_by.decided_at).date().isoformat(),
        }
    _requisites_block(out, document, structure)
    heading = (
        "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ" if kind == "conclusion" else KIND_HEADINGS[Document.Kind.ORDER]
    )
    _para(out, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    line = ru_date(document.date.isoformat()) if document.date else "«___» __________ 20__ г."
    _para(out, f"{line}\t№ {document.number or '____'}", align=WD_ALIGN_PARAGRAPH.CENTER)
    if kind == "conclusion":
        _conclusion_body(out, form)
    else:
        _order_body(out, form)
    _signature_line(out, document, approved_by if kind == "order" else None)
    if document.pk:
        _qr_code(out, document)
    _executor(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _render_plan(form, document, approved_by) -> bytes:
    from documents.rendering import STAMP_WORDS
    from plans.models import Plan
    from plans.rendering import plan_docx

    stamp = None
    if approved_by is not None:  # the head's approval: «УТВЕРЖДЕН», position, name, date
        stamp = {
            "stamp": STAMP_WORDS[Document.Kind.PLAN],
            "position": _position(approved_by),
            "name": approved_by.assignee.initials_name,
            "date": timezone.localtime(approved_by.decided_at).date().isoformat(),
        }
    return plan_docx(Plan.objects.get(pk=form["plan"]), document, stamp=stamp)


def _position(step) -> str:
    """The signer's position; an acting substitute signs as «И.о. <principal's position in the
    genitive>» («И.о. директора»)."""
    if not step.on_behalf_of_id:
        return step.assignee.position or "Руководитель"
    words = (step.on_behalf_of.position or "Руководитель").split()
    return " ".join(["И.о.", _genitive(words[0]).lower(), *words[1:]])


def _genitive(word: str) -> str:
    from search.text import _morph

    inflected = _morph().parse(word)[0].inflect({"gent"})
    return inflected.word if inflected else word


def _conclusion_body(out, form):
    _para(
        out,
        f"на «{_unquoted(form['object_title'])}»",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    section = 0

    def heading(text):
        nonlocal section
        section += 1
        _para(out, f"{section}. {text}", bold=True, space_before=6)

    heading("Объект экспертизы")
    for label, key in (
        ("Наименование", "object_title"),
        ("Автор (разработчик)", "object_author"),
        ("Предмет, класс", "object_subject"),
    ):
        if form.get(key):
            _text(out, f"{label}: {form[key]}.")
    heading("Экспертная группа")
    for name in form.get("experts", []):
        _text(out, name)
    heading("Сроки и способ сбора информации")
    _text(
        out,
        f"Информация собрана с {ru_date(form['collected_from'])} по {ru_date(form['collected_to'])}"
        f" путём: {form['method']}.",
    )
    heading("Тезисы")
    for line in form["theses"].splitlines():
        if line.strip():
            _text(out, line.strip())
    if form.get("criteria"):
        heading("Оценка по критериям")
        table = out.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, title in zip(
            table.rows[0].cells, ("№", "Критерий", "Балл", "Примечание"), strict=True
        ):
            cell.paragraphs[0].add_run(title).bold = True
        for index, row in enumerate(form["criteria"], start=1):
            values = (
                str(index),
                row["criterion"],
                str(row.get("score", "")),
                row.get("remark", ""),
            )
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    heading("Заключение")
    for line in form["conclusion"].splitlines():
        if line.strip():
            _text(out, line.strip())
    heading("Рекомендации")
    for line in form["recommendations"].splitlines():
        if line.strip():
            _text(out, line.strip())
    _text(out, f"Вывод экспертной группы: {VERDICTS[form['verdict']]}.")


def _order_body(out, form):
    _para(
        out,
        form["title"],
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=6,
        space_after=12,
    )
    for line in form.get("preamble", "").splitlines():
        if line.strip():
            _text(out, line.strip())
    _para(out, "ПРИКАЗЫВАЮ:", bold=False, space_before=6, space_after=6)
    items = list(form["items"])
    for index, item in enumerate(items, start=1):
        first, *rest = item.split("\n")
        _text(out, f"{index}. {first}")
        for line in rest:  # the numbered changes of an amending order
            _text(out, line)
    if form.get("executors"):
        _text(out, f"Ответственные за исполнение: {', '.join(form['executors'])}.")
    if form.get("control"):
        _text(out, f"{len(items) + 1}. {form['control']}")


def _signature_line(out, document, signed_by):
    head = signed_by.assignee if signed_by else organization_head(document.organization)
    if head is None:
        return
    position = _position(signed_by) if signed_by else (head.position or "Руководитель")
    _para(out, "", space_before=12)
    paragraph = _para(out, f"{position}\t\t{head.initials_name}")
    from docx.shared import Cm

    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(12))


def approval_sheet_docx(approval: Approval) -> bytes:
    """Лист согласования: one row per decision (position, name, decision, remarks, date)."""
    document = approval.document
    out = docx.Document()
    _page_setup(out)
    kind = (KIND_HEADINGS.get(document.kind) or "документу").lower()
    _para(out, "ЛИСТ СОГЛАСОВАНИЯ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
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
        cell.paragraphs[0].add_run(title).bold = True
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
            cell.text = value
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
