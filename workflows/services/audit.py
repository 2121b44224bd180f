"""The audit log and notifications of the approval engine (and its one refusal)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from common.errors import Refused

from ..models import (
    ApprovalStep,
    AuditEntry,
    Notification,
)

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


class WorkflowRefused(Refused):
    """A rule of the approval engine said no."""


# --- audit and notifications -----------------------------------------------------------------


def record(approval, action, *, actor=None, on_behalf_of=None, details="", document=None):
    """Append an entry to the document's audit log."""
    return AuditEntry.objects.create(
        document=document or approval.document,
        approval=approval,
        actor=actor,
        on_behalf_of=on_behalf_of,
        action=action,
        details=details,
    )


def notify(recipient, subject, body="", *, approval=None, url=""):
    """An in-app notification and the same text by e-mail (when the person has an address)."""
    if recipient is None:
        return None
    notification = Notification.objects.create(
        recipient=recipient, subject=subject[:300], body=body, url=url, approval=approval
    )
    if recipient.email:
        link = f"\n\n{settings.SITE_URL}{url}" if url else ""
        transaction.on_commit(
            lambda: send_mail(subject, f"{body}{link}", None, [recipient.email], fail_silently=True)
        )
    return notification


def mark_read(user, pks=None):
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return qs.update(read_at=timezone.now())
