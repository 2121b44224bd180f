"""The approval engine listens to the documents app: it keeps the audit log."""

from .models import Approval, AuditEntry


def record_document_event(sender, document, action, actor=None, details="", process=None, **kw):
    """What happened to a document (status changes, versions, archive entries), written in the
    transaction of the change."""
    AuditEntry.objects.create(
        document=document,
        approval=process if isinstance(process, Approval) else None,
        actor=actor,
        action=action,
        details=details,
    )
