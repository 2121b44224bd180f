"""The amendment's process: its changes drafted on submission, redrafted on revision, and
once the amending order is signed and registered, applied to the regulation — at once or on
the effective date (the daily `enact_due_amendments`)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from control import services as control
from control.models import Assignment
from documents import amendments
from documents.models import Amendment, Document
from documents.selectors import document_outline
from documents.services import apply_amendment, draft_amendment
from orgs.models import User
from workflows.models import Approval, ApprovalStep, AuditEntry
from workflows.services import WorkflowRefused, notify, record

Action = AuditEntry.Action


def draft(approval, spec):
    """The amending order is on its route: its changes are drafted against the regulation's
    current revision."""

    regulation = Document.objects.get(pk=spec["regulation"])
    amendment = draft_amendment(
        regulation,
        spec["operations"],
        author=approval.initiator,
        effective_date=datetime.date.fromisoformat(spec["effective_date"])
        if spec.get("effective_date")
        else None,
    )
    amendment.order, amendment.status = approval.document, Amendment.Status.ON_APPROVAL
    amendment.save(update_fields=["order", "status"])
    return amendment


def redraft(approval, spec):
    """The revised changes replace the amendment's operations (checked again)."""

    amendment = Amendment.objects.select_for_update().get(order=approval.document)
    operations = [amendments.normalise(op) for op in spec["operations"]]
    errors = amendments.check(document_outline(amendment.regulation.current_version), operations)
    if errors:
        raise WorkflowRefused("\n".join(errors))
    amendment.operations = operations
    amendment.base_version = amendment.regulation.current_version
    amendment.effective_date = (
        datetime.date.fromisoformat(spec["effective_date"]) if spec.get("effective_date") else None
    )
    amendment.save(update_fields=["operations", "base_version", "effective_date"])


def enact(approval, *, today=None):
    """The amending order is signed and registered: its changes apply now, or on the effective
    date (enact_due_amendments runs daily). The initiator hears of the result or the conflict."""

    amendment = Amendment.objects.get(order=approval.document)
    amendment.status = Amendment.Status.SIGNED
    amendment.save(update_fields=["status"])
    today = today or timezone.localdate()
    if amendment.effective_date is None or amendment.effective_date <= today:
        return _apply(amendment, approval, today=today)
    record(
        approval,
        Action.FINISH,
        details=_("The changes take effect on %(date)s.")
        % {"date": amendment.effective_date.strftime("%d.%m.%Y")},
    )
    return amendment


def _apply(amendment, approval, *, today):

    amendment = apply_amendment(amendment, today=today)
    regulation = amendment.regulation
    url = regulation.get_absolute_url()
    if amendment.status == Amendment.Status.APPLIED:
        subject = _("The changes are in the regulation: %(doc)s") % {"doc": regulation.title}
        body = _("Revision %(n)s.") % {"n": amendment.result_version.number}
        record(approval, Action.FINISH, details=subject, document=approval.document)
    else:
        subject = _("The changes could not be applied: %(doc)s") % {"doc": regulation.title}
        body = amendment.conflict
        record(approval, Action.FINISH, details=f"{subject}\n{body}", document=approval.document)
    notify(amendment.author or approval.initiator, subject, body, approval=approval, url=url)
    return amendment


def enact_due_amendments(today=None) -> int:
    """Apply the signed amendments whose effective date has come (Celery beat)."""

    today = today or timezone.localdate()
    applied = 0
    due = Amendment.objects.filter(
        status=Amendment.Status.SIGNED, effective_date__lte=today
    ).order_by("effective_date", "pk")
    for amendment in due:
        approval = Approval.objects.filter(document=amendment.order_id).first()
        with transaction.atomic():
            result = _apply(amendment, approval, today=today)
        applied += result.status == Amendment.Status.APPLIED
    return applied


def put_on_control(approval):
    """A signed and registered order with executors and a deadline: each executor gets the
    order's items as a поручение, controlled by the head who signed (the control clause
    «оставляю за собой»)."""
    form = approval.form
    if not form.get("executor_ids") or not form.get("deadline"):
        return []
    document = approval.document
    signed = (
        approval.steps.filter(purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=False)
        .order_by("-decided_at", "-pk")
        .select_related("assignee")
        .first()
    )
    controller = signed.assignee if signed else approval.initiator
    items = "\n".join(f"{i}. {text}" for i, text in enumerate(form.get("items") or [], start=1))
    text = _("Order № %(number)s of %(date)s «%(title)s»") % {
        "number": document.number,
        "date": document.date.strftime("%d.%m.%Y"),
        "title": form.get("title", document.title),
    }
    executors = list(User.objects.filter(pk__in=form["executor_ids"], is_active=True))
    executors.sort(key=lambda p: form["executor_ids"].index(p.pk))
    return control.assign(
        organization=document.organization,
        document=document,
        source=Assignment.Source.ORDER,
        source_id=approval.pk,
        text=f"{text}\n{items}".strip(),
        executors=executors,
        controller=controller,
        author=controller,
        deadline=datetime.date.fromisoformat(form["deadline"]),
    )
