from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from documents.models import Document
        from documents.signals import readers_changed

        post_save.connect(_document_saved, sender=Document, dispatch_uid="search.document_saved")
        readers_changed.connect(_readers_changed, dispatch_uid="search.readers_changed")


READER_FIELDS = {
    "visibility",
    "author",
    "author_id",
    "organization",
    "organization_id",
    "status",
}


def _readers_changed(sender, document_id, **kwargs):
    """A grant was given or taken back: the database backend reads grants at query time; the
    Elasticsearch backend needs the document's readers again."""
    from .services import enqueue

    enqueue(document_id)


def _document_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # fixtures: indexed by `search_index rebuild`
        return
    from .services import copy_reader_fields, enqueue

    if update_fields is None or READER_FIELDS & set(update_fields):
        # Who may read it changes the search at once, not when the outbox is drained.
        copy_reader_fields(instance)
    enqueue(instance.pk)
