from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConclusionsConfig(AppConfig):
    name = "conclusions"
    verbose_name = _("Expert conclusions")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.requisites import register_generator
        from workflows import kinds

        from .documents import GENERATOR, WORDING, build_conclusion
        from .kind import ConclusionKind

        register_generator(GENERATOR, build_conclusion, version=WORDING)
        kinds.register(ConclusionKind())
