from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.signals import document_event

        from . import panels, receivers

        document_event.connect(
            receivers.record_document_event, dispatch_uid="workflows.audit.document_event"
        )
        panels.register()
