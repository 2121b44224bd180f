"""The search listens to the documents app: a document saved, its readers changed, the text
of a scan recognised."""

from .services import copy_reader_fields, enqueue

READER_FIELDS = {
    "visibility",
    "author",
    "author_id",
    "organization",
    "organization_id",
    "status",
}


def readers_changed(sender, document_id, **kwargs):
    """A grant was given or taken back: the database backend reads grants at query time; the
    Elasticsearch backend needs the document's readers again."""
    enqueue(document_id)


def text_recognised(sender, document_id, **kwargs):
    """A scan's text was recognised: the index takes it (entry_fields reads it)."""
    enqueue(document_id)


def document_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # fixtures: indexed by `search_index rebuild`
        return
    if update_fields is None or READER_FIELDS & set(update_fields):
        # Who may read it changes the search at once, not when the outbox is drained.
        copy_reader_fields(instance)
    enqueue(instance.pk)
