from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.models import Document
        from documents.signals import readers_changed, text_recognised

        from . import panels, receivers

        post_save.connect(
            receivers.document_saved, sender=Document, dispatch_uid="search.document_saved"
        )
        readers_changed.connect(receivers.readers_changed, dispatch_uid="search.readers_changed")
        text_recognised.connect(receivers.text_recognised, dispatch_uid="search.text_recognised")
        panels.register()
