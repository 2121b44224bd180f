"""One file of every kind the system generates, made from the demo data by the real processes
(issue 18: «render_samples DIR»), for a person to review them all at once.

The processes run in a transaction that is rolled back and with the media directory pointed
at a temporary one: the demo database and its files stay as they were."""

import json
import tempfile
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings
from django.urls import get_resolver
from django.utils import timezone

from archive import selectors as archive_selectors
from archive import services as archive_services
from archive.documents import transfer_docx
from archive.flows import DestructionActFlow, InventoryFlow
from archive.forms import DestructionActForm, InventoryForm
from archive.models import Inventory
from common.russian import inflect_phrase
from conclusions.demo import DEMO_CONCLUSION
from conclusions.flows import ExpertConclusionFlow
from conclusions.forms import ConclusionForm
from control import reports as control_reports
from control import selectors as control_selectors
from correspondence.flows import LetterFlow
from correspondence.forms import LetterForm
from documents.models import Document
from orders.flows import AmendmentFlow, OrderFlow
from orders.forms import AmendmentForm, OrderForm
from orgs.models import Organization, User
from plans import selectors as plan_selectors
from plans.models import Plan
from plans.rendering import report_docx
from registry.exports import case_inventory_docx, journal_xlsx, nomenclature_docx
from registry.models import Journal, Nomenclature
from workflows import services as workflow_services
from workflows.models import ApprovalStep
from workflows.runner import run_task, start_process
from workflows.sheet import acknowledgement_sheet_docx, approval_sheet_docx

KINDS = (
    "01-order.docx",
    "02-amending-order.docx",
    "03-conclusion.docx",
    "04-plan.docx",
    "05-execution-report.docx",
    "06-approval-sheet.docx",
    "07-acknowledgement-sheet.docx",
    "08-nomenclature.docx",
    "09-case-inventory.docx",
    "10-journal.xlsx",
    "11-consolidated-revision.docx",
    "12-letter.docx",
    "13-discipline-report.docx",
    "14-discipline-report.xlsx",
    "15-inventory.docx",
    "16-destruction-act.docx",
    "17-transfer-act.docx",
)
DEMO_ORDER = {
    "title": "О проведении муниципального этапа всероссийской олимпиады школьников",
    "preamble": "В соответствии с Порядком проведения всероссийской олимпиады школьников, "
    "утверждённым приказом Минпросвещения России от 27.11.2020 № 678",
    "items": "Провести муниципальный этап олимпиады с 10.11.2026 по 20.12.2026.\n"
    "Утвердить состав жюри муниципального этапа олимпиады (приложение).",
    "control": "Контроль за исполнением приказа оставляю за собой.",
}


class _RolledBack(Exception):
    """Raised to undo everything the processes stored once the files are read."""


class SamplesMissing(Exception):
    """The demo data the samples are made from is not loaded."""


def render_samples(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = _stored()  # read before the media directory is swapped
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                files.update(_made())
                raise _RolledBack
        except _RolledBack:
            pass
    written = []
    for name in KINDS:
        path = directory / name
        path.write_bytes(files[name])
        written.append(path)
    return written


def _stored() -> dict[str, bytes]:
    """The demo's approved plan as stored, and its execution report."""
    plan = Plan.objects.filter(status=Plan.Status.APPROVED).order_by("pk").first()
    if plan is None:
        raise SamplesMissing("an approved plan")
    return {
        "04-plan.docx": _current(plan.document),
        "05-execution-report.docx": report_docx(
            plan_selectors.execution_report(plan), compiler=plan.owner
        ),
    }


def _person(username) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise SamplesMissing(username) from None


def _made() -> dict[str, bytes]:
    _ = get_resolver().url_patterns  # notifications link to task pages
    methodist, senior, clerk = _person("methodist"), _person("senior_methodist"), _person("clerk")
    files = {}

    order = _started(
        OrderFlow,
        OrderForm,
        methodist,
        {**DEMO_ORDER, "executors": [senior.pk], "acknowledgers": [senior.pk, clerk.pk]},
    )
    _drive(order)
    acknowledging = order.steps.get(
        purpose=ApprovalStep.Purpose.ACKNOWLEDGEMENT, assignee=clerk, decided_at__isnull=True
    )
    run_task(
        acknowledging,
        user=clerk,
        action=lambda: workflow_services.acknowledge(acknowledging, user=clerk),
    )
    files["01-order.docx"] = _current(order.document)
    files["07-acknowledgement-sheet.docx"] = acknowledgement_sheet_docx(order)

    regulation = (
        Document.objects.filter(
            kind=Document.Kind.REGULATION,
            organization=methodist.organization,
            status__in=(Document.Status.APPROVED, Document.Status.REGISTERED),
        )
        .order_by("pk")
        .first()
    )
    if regulation is None:
        raise SamplesMissing("a regulation of the centre in force")
    clause = regulation.current_version.clauses.order_by("order").first()
    amending = _started(
        AmendmentFlow,
        AmendmentForm,
        methodist,
        {
            "regulation": regulation.pk,
            "operations": json.dumps(
                [{"op": "set", "clause": clause.number, "text": f"{clause.text} (в ред.)"}]
            ),
            "control": "Контроль за исполнением приказа оставляю за собой.",
        },
    )
    _drive(amending)
    files["02-amending-order.docx"] = _current(amending.document)
    regulation.refresh_from_db()
    files["11-consolidated-revision.docx"] = _current(regulation)

    conclusion = _started(
        ExpertConclusionFlow, ConclusionForm, methodist, {**DEMO_CONCLUSION,
                                                           "experts": [methodist.pk]}
    )
    _drive(conclusion)
    files["03-conclusion.docx"] = _current(conclusion.document)
    conclusion.refresh_from_db()
    files["06-approval-sheet.docx"] = approval_sheet_docx(conclusion)

    nomenclature = (
        Nomenclature.objects.filter(organization=methodist.organization).order_by("-year").first()
    )
    if nomenclature is None:
        raise SamplesMissing("a nomenclature of the centre")
    files["08-nomenclature.docx"] = nomenclature_docx(nomenclature, compiler=clerk)
    entry = order.document.registrations.get()
    case = entry.case or nomenclature.cases.order_by("index").first()
    files["09-case-inventory.docx"] = case_inventory_docx(case, compiler=clerk)
    journal = Journal.objects.get(pk=entry.journal_id)
    files["10-journal.xlsx"] = journal_xlsx(journal, journal.entries.all())

    authority = Organization.objects.filter(pk=methodist.organization.parent_id).first()
    if authority is None:
        raise SamplesMissing("the authority above the centre")
    letter = _started(
        LetterFlow,
        LetterForm,
        methodist,
        {
            "partner_organization": authority.pk,
            "addressee": f"Начальнику {inflect_phrase(authority.name, 'gent')}",
            "title": "О проведении муниципального этапа олимпиады",
            "text": DEMO_ORDER["preamble"] + " сообщаем о сроках проведения муниципального "
            "этапа олимпиады: с 10.11.2026 по 20.12.2026.\nПросим довести информацию до "
            "общеобразовательных организаций.",
        },
    )
    _drive(letter)
    files["12-letter.docx"] = _current(letter.document)
    head = _person("head")
    today = timezone.localdate()
    report = control_selectors.discipline(
        head, start=today.replace(month=1, day=1), end=today.replace(month=12, day=31)
    )
    files["13-discipline-report.docx"] = control_reports.discipline_docx(report, compiler=head)
    files["14-discipline-report.xlsx"] = control_reports.discipline_xlsx(report)
    files.update(_archive(clerk))
    return files


def _archive(clerk) -> dict[str, bytes]:
    """The archive's forms from the demo archive (archive/demo.py): the inventory of the
    permanent cases still waiting for one and an act of destruction of every expired case,
    each agreed by the commission with its protocol and approved by the head; the act of
    acceptance of the cases due for the archive."""
    organization = clerk.organization
    commission = archive_selectors.commission_of(organization)
    states = archive_selectors.case_states(organization)
    waiting = [s for s in states if s.state == archive_selectors.State.TO_INVENTORY and s.permanent]
    expired = [s for s in states if s.state == archive_selectors.State.EXPIRED]
    due = [s for s in states if s.state == archive_selectors.State.TRANSFER_DUE]
    if commission is None or not (waiting and expired and due):
        raise SamplesMissing("the demo archive (its commission and cases)")
    files = {}
    inventory = _started(
        InventoryFlow,
        InventoryForm,
        clerk,
        {"year": max(s.year for s in waiting), "section": Inventory.Kind.PERMANENT},
    )
    _drive(inventory, commission=commission)
    files["15-inventory.docx"] = _current(inventory.document)
    act = _started(
        DestructionActFlow, DestructionActForm, clerk, {"cases": [s.case.pk for s in expired]}
    )
    _drive(act, commission=commission)
    files["16-destruction-act.docx"] = _current(act.document)
    today = timezone.localdate()
    transfer = archive_services.record_transfer(
        organization=organization,
        cases=[s.case for s in due],
        number="3",
        date=today,
        actor=clerk,
        received_by="Ответственный за архив Е. П. Кузнецова",
    )
    files["17-transfer-act.docx"] = transfer_docx(
        transfer,
        archive_selectors.case_states(organization, cases=[s.case for s in due], today=today),
    )
    return files


def _started(flow, form_class, user, data):
    form = form_class(data=data, user=user)
    if not form.is_valid():
        raise SamplesMissing(form.errors.as_text())
    return start_process(flow, form, user=user)


def _drive(approval, *, commission=None):
    """Everybody on the route agrees, stage after stage, until the document is signed or
    approved (and, the process doing it, registered); the expert `commission`'s chair records
    its protocol before agreeing."""
    for _round in range(10):
        steps = list(
            approval.steps.filter(
                purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=True
            ).select_related("assignee")
        )
        if not steps:
            break
        for step in steps:
            if commission is not None and step.assignee_id == commission.chair_id:
                record = archive_services.record_of(approval.document)
                if not record.number:
                    archive_services.record_protocol(
                        record=record, number="2", date=timezone.localdate(), actor=step.assignee
                    )
            run_task(
                step,
                user=step.assignee,
                action=lambda step=step: workflow_services.decide(
                    step, user=step.assignee, decision="agree"
                ),
            )
    approval.refresh_from_db()


def _current(document) -> bytes:
    document.refresh_from_db()
    with document.current_version.file.open("rb") as handle:
        return handle.read()
