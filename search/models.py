"""What the database search backend indexes, and the outbox that makes indexing reliable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable form of a document's current version.

    The full-text structure is the engine's own, added by the migration: a weighted tsvector
    column with a GIN index on PostgreSQL, an FTS5 table on SQLite."""

    document = models.OneToOneField(
        "documents.Document", on_delete=models.CASCADE, related_name="search_entry"
    )
    version_id = models.BigIntegerField(_("indexed version"))
    title = models.TextField(_("title"))
    text = models.TextField(_("text"))
    title_lemmas = models.TextField()
    text_lemmas = models.TextField()
    numbers = models.TextField(_("registration and clause numbers"), blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(null=True)
    category = models.CharField(max_length=50, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        indexes = [models.Index(fields=["kind", "organization", "year"])]

    def __str__(self):
        return self.title[:80]


class IndexTask(models.Model):
    """Outbox: written in the same transaction as the document change, deleted when the search
    engine has taken it. A change made while the broker or the engine is down is not lost."""

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        REMOVE = "remove", _("Remove")

    document_id = models.BigIntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.INDEX)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("indexing task")
        verbose_name_plural = _("indexing tasks")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.action} {self.document_id}"
