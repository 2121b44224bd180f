"""The approval sheet (Лист согласования) and who signs: what the engine writes itself."""

import docx
from django.utils import timezone

from common import gost
from common.russian import inflect_phrase

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


def approval_sheet_docx(approval) -> bytes:
    """Лист согласования: one row per decision (position, name, decision, remarks, date)."""
    document = approval.document
    out = docx.Document()
    gost.page_setup(out)
    kind = (gost.KIND_HEADINGS.get(document.kind) or "документу").lower()
    gost.centred(out, "ЛИСТ СОГЛАСОВАНИЯ", bold=True)
    gost.centred(out, f"к {_dative(kind)} «{document.title}»", space_after=12)
    steps = approval.steps.filter(
        purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=False
    ).select_related("assignee", "on_behalf_of", "version")
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
                DECISION_WORDS[step.decision],
                remarks,
                timezone.localtime(step.decided_at).strftime("%d.%m.%Y"),
            )
        )
    gost.table_of(
        out, ("№", "Должность", "Фамилия, инициалы", "Решение", "Замечания", "Дата"), rows
    )
    return gost.saved(out)


def _dative(kind_word: str) -> str:
    return {
        "экспертное заключение": "экспертному заключению",
        "заключение": "заключению",
        "приказ": "приказу",
        "положение": "положению",
        "план работы": "плану работы",
    }.get(kind_word, kind_word)
