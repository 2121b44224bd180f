from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Approval of uploaded documents")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from workflows import kinds

        from . import panels
        from .kind import DraftKind

        kinds.register(DraftKind())
        panels.register()
