"""The plan follows its approval process (hooks of plans.kind.PlanKind)."""


from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from control import services as control
from control.models import Assignment
from documents.models import Document
from documents.services import set_visibility
from workflows.models import AuditEntry

from ..models import Plan
from .base import item_url, notify_person, record_plan_event

# --- hooks of the plan's approval process ----------------------------------------------------


def submitted(plan, document) -> Plan:
    plan.document, plan.status = document, Plan.Status.ON_APPROVAL
    plan.save(update_fields=["document", "status"])
    return plan


def withdrawn(plan) -> Plan:
    """The approval was cancelled: the plan is a draft again (its document keeps its
    versions)."""
    plan.status = Plan.Status.DRAFT
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def activate(plan, *, now=None) -> Plan:
    """The plan is approved: every item becomes a controlled assignment of its responsible
    people, who are told; the plan is readable by the whole organisation."""
    now = now or timezone.now()
    plan.status, plan.approved_at = Plan.Status.APPROVED, now
    plan.save(update_fields=["status", "approved_at"])
    if plan.document_id:
        set_visibility(plan.document, Document.Visibility.ORGANIZATION)
    items = list(plan.items.prefetch_related("responsible"))
    for item in items:
        item.assigned_at, item.original_due_on = now, item.due_on
        item.save(update_fields=["assigned_at", "original_due_on"])
        people = list(item.responsible.all())
        # One control for everything: the item is a поручение in the lists and the discipline
        # report (the plan's pages still report and extend it).
        control.assign(
            organization=plan.organization,
            document=plan.document,
            source=Assignment.Source.PLAN,
            source_id=item.pk,
            text=item.activity,
            executors=[p for p in people if p.organization_id == plan.organization_id],
            controller=plan.owner,
            author=plan.owner,
            deadline=item.due_on,
            tell=False,
        )
        for person in people:
            notify_person(
                person,
                _("Plan item assigned to you: %(activity)s") % {"activity": item.activity[:200]},
                _("%(plan)s. Due: %(due)s.")
                % {"plan": plan.title, "due": item.due_on.strftime("%d.%m.%Y")},
                url=item_url(item),
            )
    record_plan_event(
        plan,
        AuditEntry.Action.ASSIGN,
        details=_("%(n)s plan items assigned for execution.") % {"n": len(items)},
    )
    return plan

