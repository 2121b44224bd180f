"""After the last stage: approval, registration, acknowledgement, completion, cancel."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from documents import lifecycle
from documents.models import Document
from orgs.models import User
from orgs.roles import Role
from orgs.selectors import users_with_role
from registry.models import Journal
from registry.services import RegistryRefused, register_document

from .. import kinds, signals
from ..models import (
    Approval,
    ApprovalStep,
    AuditEntry,
    Notification,
)
from ..sheet import approval_sheet_docx
from .approvals import add_step, can_act
from .audit import WorkflowRefused, notify, record

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


# --- after the last stage --------------------------------------------------------------------


@transaction.atomic
def approve(approval) -> Approval:
    """Everybody on the route agreed: the document is approved (signed, for an order). The
    approved version is the version the final round agreed, with the stamp or signature of
    the last decision added; the approval sheet is attached."""
    final = list(
        approval.steps.filter(
            purpose=Purpose.DECISION, round=approval.round, decided_at__isnull=False
        )
        .select_related("assignee", "on_behalf_of", "version")
        .order_by("decided_at", "pk")
    )
    agreed = {step.version_id for step in final}
    if len(agreed) != 1:
        raise WorkflowRefused(_("The final round did not decide on one version."))
    last = final[-1]
    approval.status = Approval.Status.APPROVED
    approval.save(update_fields=["status"])
    lifecycle.approve(
        approval.document,
        process=approval,
        agreed=last.version,
        requisites=kinds.get(approval.kind).requisites(approval, last),
        comment=_("Approved version (version %(n)s as agreed)") % {"n": last.version.number},
    )
    approval.sheet.save(
        f"approval-sheet-{approval.pk}.docx", ContentFile(approval_sheet_docx(approval))
    )
    record(approval, Action.DECIDE, details=_("Approved by everyone on the route."))
    return approval


def register(approval, *, user=None, journal=None, case=None) -> bool:
    """Register the approved document in its journal (conclusions or orders) and file it into
    the journal's case. Returns False, keeping the reason, when the registry cannot take it
    (no journal, no approved nomenclature): a clerk then registers it by hand. A document
    registered meanwhile (in the registry, by a clerk) counts as registered."""
    document = Document.objects.get(pk=approval.document_id)
    if document.status == Document.Status.REGISTERED:
        return _registered(approval, user, document, _("already registered"))
    journal = journal or (
        Journal.objects.filter(
            organization=document.organization,
            kind=kinds.get(approval.kind).journal_for(approval),
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    try:
        if journal is None:
            raise RegistryRefused(_("The organisation has no active journal for this document."))
        with transaction.atomic():
            entry = register_document(document, journal, user=user, case=case, process=approval)
    except (RegistryRefused, lifecycle.LifecycleRefused) as refusal:
        approval.registration_error = refusal.message
        approval.save(update_fields=["registration_error"])
        record(approval, Action.REGISTER, actor=user, details=refusal.message)
        return False
    return _registered(
        approval,
        user,
        entry.document,
        _("case %(case)s") % {"case": entry.case.index},
    )


def _registered(approval, user, document, note) -> bool:
    approval.registration_error = ""
    approval.save(update_fields=["registration_error"])
    record(
        approval,
        Action.REGISTER,
        actor=user,
        details=_("№ %(number)s of %(date)s, %(note)s")
        % {"number": document.number, "date": document.date.strftime("%d.%m.%Y"), "note": note},
    )
    approval.document = document
    return True


def registration_step(approval) -> ApprovalStep:
    """A clerk's task to register the document by hand."""
    clerk = users_with_role(approval.document.organization, Role.CLERK).first()
    person = clerk or approval.initiator
    return add_step(approval, person, purpose=Purpose.REGISTRATION, days=2)


@transaction.atomic
def register_by_hand(step, *, user, journal=None, case=None) -> bool:
    """The clerk's task: register in the chosen journal and case; done at once when the
    document was registered meanwhile in the registry."""
    if step.purpose != Purpose.REGISTRATION or not can_act(user, step):
        raise WorkflowRefused(_("Only the assigned clerk can register the document here."))
    if journal is None and step.approval.document.status != Document.Status.REGISTERED:
        raise WorkflowRefused(_("Choose the journal."))
    if not register(step.approval, user=user, journal=journal, case=case):
        raise WorkflowRefused(step.approval.registration_error)
    step.decided_at = timezone.now()
    step.save(update_fields=["decided_at"])
    return True


def open_acknowledgements(approval) -> list[ApprovalStep]:
    """Tasks for the staff listed in a signed order to acknowledge it (ознакомление)."""
    days = settings.WORKFLOW_ACKNOWLEDGE_DAYS
    return [
        add_step(approval, person, purpose=Purpose.ACKNOWLEDGEMENT, days=days)
        for person in User.objects.filter(pk__in=approval.acknowledgers).order_by("last_name", "pk")
    ]


@transaction.atomic
def acknowledge(step, *, user) -> ApprovalStep:
    if step.purpose != Purpose.ACKNOWLEDGEMENT or not can_act(user, step):
        raise WorkflowRefused(_("Only the listed person acknowledges the order."))
    step.decided_at = timezone.now()
    step.save(update_fields=["decided_at"])
    record(step.approval, Action.ACKNOWLEDGE, actor=user, on_behalf_of=step.on_behalf_of)
    return step


@transaction.atomic
def complete(approval) -> Approval:
    """The process ended: tell the author."""
    approval.status = Approval.Status.DONE
    approval.finished_at = timezone.now()
    approval.save(update_fields=["status", "finished_at"])
    document = approval.document
    record(approval, Action.FINISH)
    kinds.get(approval.kind).finished(approval)
    _announce(approval, signals.DONE)
    notify(
        approval.initiator,
        _("Completed: %(doc)s") % {"doc": document.title},
        _("Registered: № %(number)s of %(date)s")
        % {"number": document.number, "date": document.date.strftime("%d.%m.%Y")}
        if document.number
        else "",
        approval=approval,
        url=document.get_absolute_url(),
    )
    return approval


def may_cancel(user, approval) -> bool:
    if approval.status not in (Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION):
        return False
    return user.pk == approval.initiator_id or (
        user.organization_id == approval.document.organization_id and user.has_role(Role.HEAD)
    )


@transaction.atomic
def cancel(approval, *, user, reason) -> Approval:
    """Withdraw a document from approval (the initiator or the organisation's head)."""
    if not (reason or "").strip():
        raise WorkflowRefused(_("Say why the approval is cancelled."))
    if approval.status not in (Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION):
        raise WorkflowRefused(_("The approval has already ended."))
    if not may_cancel(user, approval):
        raise WorkflowRefused(_("Only the initiator or the head can cancel the approval."))
    process = approval.process
    waiting = set(
        approval.steps.filter(decided_at__isnull=True).values_list("assignee_id", flat=True)
    )
    for task in process.task_set.exclude(status__in=[STATUS.DONE, STATUS.CANCELED]):
        task.status = STATUS.CANCELED
        task.finished = timezone.now()
        task.save(update_fields=["status", "finished"])
    process.status = STATUS.CANCELED
    process.finished = timezone.now()
    process.save(update_fields=["status", "finished"])
    approval.status = Approval.Status.CANCELLED
    approval.finished_at = timezone.now()
    approval.save(update_fields=["status", "finished_at"])
    document = approval.document
    lifecycle.withdraw(document, actor=user, process=approval, reason=reason.strip())
    kinds.get(approval.kind).cancelled(approval)
    record(approval, Action.CANCEL, actor=user, details=reason.strip())
    _tell_withdrawn(approval, user=user, reason=reason.strip(), waiting=waiting)
    _announce(approval, signals.CANCELLED)
    return approval


def _tell_withdrawn(approval, *, user, reason, waiting):
    """Everybody the approval concerned — the people on its route, whoever still had a task
    in it, the initiator — learns that it was withdrawn and why; their notices about it that
    are still unread (please review, please sign …) are closed: nothing is left to do."""
    people = (approval.participant_ids() | waiting | {approval.initiator_id}) - {user.pk}
    Notification.objects.filter(
        approval=approval, recipient_id__in=people, read_at__isnull=True
    ).update(read_at=timezone.now())
    document = approval.document
    for person in User.objects.filter(pk__in=people).order_by("pk"):
        notify(
            person,
            _("Withdrawn from approval: %(doc)s") % {"doc": document.title},
            _("%(who)s withdrew it: %(reason)s") % {"who": user.initials_name, "reason": reason},
            approval=approval,
            url=document.get_absolute_url(),
        )


def _announce(approval, outcome):
    transaction.on_commit(
        lambda: signals.approval_finished.send(sender=Approval, approval=approval, outcome=outcome)
    )
