from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from documents.models import Document

        post_save.connect(_document_saved, sender=Document, dispatch_uid="search.document_saved")


def _document_saved(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures: indexed by `search_index rebuild`
        return
    from .services import enqueue

    enqueue(instance.pk)
