from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from documents.signals import document_event

        document_event.connect(_record, dispatch_uid="workflows.audit.document_event")


def _record(sender, document, action, actor=None, details="", process=None, **kwargs):
    """The audit log is kept here: the documents app announces what happened to a document
    (status changes, versions, archive entries), in the transaction of the change."""
    from .models import Approval, AuditEntry

    AuditEntry.objects.create(
        document=document,
        approval=process if isinstance(process, Approval) else None,
        actor=actor,
        action=action,
        details=details,
    )
