"""Handing an open task over to somebody else."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.roles import Role

from ..models import (
    Approval,
    ApprovalStep,
    AuditEntry,
)
from .approvals import add_participants
from .audit import WorkflowRefused, notify, record

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


def may_reassign(user, approval) -> bool:
    """The organisation's head and deputy directors hand open tasks over to somebody else."""
    if approval.status not in (Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION):
        return False
    if user.is_superuser:
        return True
    return user.organization_id == approval.document.organization_id and bool(
        user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}
    )


@transaction.atomic
def reassign(step, *, user, to, reason) -> ApprovalStep:
    """Hand an open task over to `to` (the assignee is away, left, or the wrong person). A
    decision's new assignee also takes the old one's place on the route, so later rounds go to
    them. The old and the new assignee are told; the audit log keeps who did it and why."""
    step = (
        ApprovalStep.objects.select_for_update(of=("self",))  # the task is an outer join
        .select_related("approval__document", "assignee", "task")
        .get(pk=step.pk)
    )
    approval = step.approval
    if not (reason or "").strip():
        raise WorkflowRefused(_("Say why the task is reassigned."))
    if not may_reassign(user, approval):
        raise WorkflowRefused(_("Only the head or a deputy director reassigns tasks."))
    if step.decided_at is not None or step.task is None:
        raise WorkflowRefused(_("The task is already done."))
    if not to.is_active or to.organization_id != approval.document.organization_id:
        raise WorkflowRefused(_("Tasks go only to active staff of the document's organisation."))
    if to.pk == step.assignee_id:
        raise WorkflowRefused(_("The task is already assigned to this person."))
    if step.purpose == Purpose.DECISION:
        if to.pk == approval.document.author_id:
            raise WorkflowRefused(_("Nobody approves their own document."))
        participants = approval.route[step.stage]["participants"]
        if to.pk in participants:
            raise WorkflowRefused(_("This person already decides at this stage."))
        principal = step.on_behalf_of_id or step.assignee_id
        approval.route[step.stage]["participants"] = [
            to.pk if pk == principal else pk for pk in participants
        ]
        approval.save(update_fields=["route"])
    previous = step.assignee
    step.assignee, step.on_behalf_of = to, None
    step.reminded_at = step.escalated_at = step.escalated_to = None  # a fresh start for them
    step.save(
        update_fields=["assignee", "on_behalf_of", "reminded_at", "escalated_at", "escalated_to"]
    )
    task = step.task
    task.owner, task.assigned = to, timezone.now()
    task.save(update_fields=["owner", "assigned"])
    add_participants(approval, [to])
    url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
    title = approval.document.title
    notify(
        to,
        _("Task handed over to you: %(doc)s") % {"doc": title},
        reason.strip(),
        approval=approval,
        url=url,
    )
    notify(
        previous,
        _("Your task was handed over to %(who)s: %(doc)s")
        % {"who": to.initials_name, "doc": title},
        reason.strip(),
        approval=approval,
        url=approval.document.get_absolute_url(),
    )
    record(
        approval,
        Action.REASSIGN,
        actor=user,
        details=_("%(from)s → %(to)s: %(reason)s")
        % {"from": previous.initials_name, "to": to.initials_name, "reason": reason.strip()},
    )
    return step
