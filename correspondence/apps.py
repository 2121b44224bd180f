from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    verbose_name = _("Correspondence")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.requisites import register_generator
        from search import cards
        from workflows import kinds

        from . import panels, search
        from .documents import GENERATOR, WORDING, build_letter
        from .kind import LetterKind

        register_generator(GENERATOR, build_letter, version=WORDING)
        kinds.register(LetterKind())
        panels.register()
        cards.register(search.cards)
