"""The approval sheet (Лист согласования) and who signs: what the engine writes itself."""

import docx
from django.utils import timezone

from common import gost
from common.russian import inflect_phrase, mid_sentence

from .models import ApprovalStep

DECISION_WORDS = {
    ApprovalStep.Decision.AGREE: "Согласовано",
    ApprovalStep.Decision.AGREE_WITH_REMARKS: "Согласовано с замечаниями",
    ApprovalStep.Decision.RETURN: "Возвращено на доработку",
}


def signer(step) -> dict:
    """Who signed (approved) with the decision of `step`: position, name and date as the
    record holds them."""
    return {
        "position": _position(step),
        # The stamp names the organisation with the position («Директор МКУ «ИМЦ»»).
        "organization": str(step.assignee.organization or ""),
        "name": step.assignee.initials_name,
        "date": timezone.localtime(step.decided_at).date().isoformat(),
    }


def _position(step) -> str:
    """The signer's position; an acting substitute signs as «И.о. <principal's position in the
    genitive>» («И.о. директора»)."""
    if not step.on_behalf_of_id:
        return step.assignee.position or "Руководитель"
    principal = inflect_phrase(step.on_behalf_of.position or "Руководитель", "gent")
    return f"И.о. {principal[:1].lower()}{principal[1:]}"


SYSTEM_NOTE = (
    "Решения приняты участниками согласования в системе «Регламент» и записаны в её журнале "
    "действий с датой и временем; графа «Подпись» заполняется, когда лист подписывают на бумаге."
)
ACKNOWLEDGEMENT_NOTE = (
    "Ознакомление отмечено в системе «Регламент» и записано в её журнале действий с датой и "
    "временем; графа «Подпись» заполняется, когда лист подписывают на бумаге."
)
COLUMNS = ("№", "Должность", "Инициалы, фамилия", "Решение", "Замечания", "Дата", "Подпись")


def approval_sheet_docx(approval) -> bytes:
    """Лист согласования: the organisation, what it is to (the document's title in the dative,
    its registration), one row per decision (position, name, decision — the last stage's is the
    approval or the signature —, remarks, date, a column to sign), the note that the decisions
    were made in the system."""
    document = approval.document
    out = _sheet(document, "ЛИСТ СОГЛАСОВАНИЯ", f"к {_subject(document)}")
    steps = approval.steps.filter(
        purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=False
    ).select_related("assignee", "on_behalf_of", "version")
    final_stage = len(approval.route or []) - 1
    rows = []
    for index, step in enumerate(steps, start=1):
        name = step.assignee.initials_name
        if step.on_behalf_of_id:
            name = f"{name} за {step.on_behalf_of.initials_name}"
        remarks = step.remarks
        if step.version_id:
            remarks = f"{remarks} (версия {step.version.number})".strip()
        rows.append(
            (
                str(index),
                step.assignee.position,
                name,
                _decision_words(step, document, final=step.stage == final_stage),
                remarks,
                timezone.localtime(step.decided_at).strftime("%d.%m.%Y"),
                "",
            )
        )
    gost.table_of(out, COLUMNS, rows)
    gost.para(out, SYSTEM_NOTE, size=12, space_before=12)
    return gost.saved(out)


def _sheet(document, heading, subject):
    """A sheet's opening: the organisation, the heading, what it is to, the registration."""
    out = docx.Document()
    gost.page_setup(out)
    gost.para(out, document.organization.name, bold=True)
    gost.centred(out, heading, bold=True, space_before=12)
    gost.centred(out, subject)
    gost.centred(out, _registration(document), space_after=12)
    return out


def _decision_words(step, document, *, final) -> str:
    """The last stage's agreement is the head's decision: «Утверждено», for an order
    «Подписано»; the others as they were decided."""
    if final and step.decision != ApprovalStep.Decision.RETURN:
        word = "Подписано" if document.kind == "order" else "Утверждено"
        if step.decision == ApprovalStep.Decision.AGREE_WITH_REMARKS:
            word = f"{word} с замечаниями"
        return word
    return DECISION_WORDS[step.decision]


def _subject(document) -> str:
    """«экспертному заключению на рабочую программу …», «плану работы центра …» (the title in
    the dative, not «к заключению «Экспертное заключение …»»); a title «О …» goes in quotes
    after its kind («приказу «О проведении олимпиады»»)."""
    title = " ".join(document.title.split()).strip(" .")
    heading = gost.KIND_HEADINGS.get(document.kind) or ""
    if title[:2].lower() in ("о ", "об") or not title[:1].isalpha():
        kind = mid_sentence(inflect_phrase(heading.capitalize(), "datv")) if heading else ""
        return f"{kind or 'документу'} «{title}»"
    return mid_sentence(inflect_phrase(title, "datv"))


def _registration(document) -> str:
    if document.number:
        date = f" от {document.date.strftime('%d.%m.%Y')}" if document.date else ""
        return f"№ {document.number}{date}"
    return "регистрационный номер присваивается при регистрации"


def acknowledgement_sheet_docx(approval) -> bytes:
    """Лист ознакомления with the order: who was to acknowledge it (position, name), the date
    they did, and who has not yet (a blank date and «не ознакомлен(а)»), in the order they
    were named; the same note on decisions made in the system."""
    document = approval.document
    out = _sheet(document, "ЛИСТ ОЗНАКОМЛЕНИЯ", f"с {_subject_instrumental(document)}")
    steps = approval.steps.filter(purpose=ApprovalStep.Purpose.ACKNOWLEDGEMENT).select_related(
        "assignee"
    ).order_by("created_at", "pk")
    rows = [
        (
            str(index),
            step.assignee.position,
            step.assignee.initials_name,
            timezone.localtime(step.decided_at).strftime("%d.%m.%Y")
            if step.decided_at
            else "не ознакомлен(а)",
            "",
        )
        for index, step in enumerate(steps, start=1)
    ]
    gost.table_of(
        out,
        ("№", "Должность", "Инициалы, фамилия", "Дата ознакомления", "Подпись"),
        rows,
    )
    waiting = sum(1 for row in rows if not row[3][:1].isdigit())
    gost.para(
        out,
        f"Ознакомлены: {len(rows) - waiting} из {len(rows)}."
        + (f" Не ознакомлены: {waiting}." if waiting else ""),
        space_before=12,
    )
    gost.para(out, ACKNOWLEDGEMENT_NOTE, size=12, space_before=6)
    return gost.saved(out)


def _subject_instrumental(document) -> str:
    """«приказом «О проведении олимпиады»» after «с» (ознакомлен с приказом …)."""
    title = " ".join(document.title.split()).strip(" .")
    return f"приказом «{title}»" if document.kind == "order" else mid_sentence(
        inflect_phrase(title, "ablt")
    )
