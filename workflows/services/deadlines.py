"""Deadlines: reminders before a step is due, escalation after."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.selectors import superior_of

from ..models import (
    Approval,
    ApprovalStep,
    AuditEntry,
)
from .audit import notify, record

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


# --- deadlines -------------------------------------------------------------------------------


def sweep_deadlines(now=None) -> dict:
    """Remind assignees of steps due soon and escalate overdue ones to the assignee's superior.
    Each happens once per step; Celery beat runs this every few minutes."""
    now = now or timezone.now()
    remind_before = datetime.timedelta(hours=settings.WORKFLOW_REMIND_BEFORE_HOURS)
    open_steps = ApprovalStep.objects.filter(
        decided_at__isnull=True, due_at__isnull=False, task__isnull=False
    ).select_related("approval__document", "assignee", "task")
    open_steps = open_steps.exclude(approval__status=Approval.Status.CANCELLED)
    reminded = escalated = 0
    for step in open_steps.filter(reminded_at__isnull=True, due_at__lte=now + remind_before):
        with transaction.atomic():
            url = step.task.flow_task.reverse("index", args=[step.task.process_id, step.task_id])
            notify(
                step.assignee,
                _("Reminder: %(doc)s is due %(due)s")
                % {
                    "doc": step.approval.document.title,
                    "due": timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M"),
                },
                approval=step.approval,
                url=url,
            )
            step.reminded_at = now
            step.save(update_fields=["reminded_at"])
            record(step.approval, Action.REMIND, details=step.assignee.initials_name)
            reminded += 1
    for step in open_steps.filter(escalated_at__isnull=True, due_at__lt=now):
        with transaction.atomic():
            superior = superior_of(step.assignee)
            step.escalated_at, step.escalated_to = now, superior
            step.save(update_fields=["escalated_at", "escalated_to"])
            if superior is not None:
                notify(
                    superior,
                    _("Overdue: %(who)s has not acted on %(doc)s")
                    % {"who": step.assignee.get_full_name(), "doc": step.approval.document.title},
                    _("Due: %(due)s")
                    % {"due": timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M")},
                    approval=step.approval,
                    url=step.approval.document.get_absolute_url(),
                )
            record(
                step.approval,
                Action.ESCALATE,
                details=_("%(who)s → %(to)s")
                % {
                    "who": step.assignee.initials_name,
                    "to": superior.initials_name if superior else "—",
                },
            )
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}
