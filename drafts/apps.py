from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Approval of uploaded documents")

    def ready(self):
        from workflows import kinds

        from .kind import DraftKind

        kinds.register(DraftKind())
