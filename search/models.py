"""What the database search backend indexes, and the outbox that makes indexing reliable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhraseKeysField(models.Field):
    """The keys of the runs of two and three lemmas (search.text.phrase_keys): a GIN-indexed
    bigint[] on PostgreSQL, where quoted phrases are looked up in it; other engines keep none
    (SQLite's FTS5 matches phrases itself)."""

    def db_type(self, connection):
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql" or value is None:
            return None
        # An array literal: psycopg's list adaptation checks every element in Python, which
        # cost more than the rest of indexing a document.
        return "{" + ",".join(map(str, value)) + "}"


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
    phrase_keys = PhraseKeysField(null=True, editable=False)
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+"
    )
    # Copies of the document's reader fields, so the permission condition needs no join
    # (documents.selectors.readable_by with id_field="document_id"). Kept in step in the
    # document's own transaction by the search app's post_save handler.
    visibility = models.CharField(max_length=20, default="organization")
    author = models.ForeignKey(
        "orgs.User", null=True, on_delete=models.SET_NULL, related_name="+", db_index=False
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


class BankCategory(models.Model):
    """A rubric of the pedagogical information bank (seed 004 §3.2 and practice)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("bank category")
        verbose_name_plural = _("bank categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Publication(models.Model):
    """A document or material published to the pedagogical information bank."""

    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    category = models.ForeignKey(
        BankCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    organizations = models.ManyToManyField(
        "orgs.Organization",
        verbose_name=_("published to"),
        blank=True,
        related_name="+",
        help_text=_("Staff of these organisations see it; none means every organisation."),
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    level = models.CharField(_("level or grade"), max_length=100, blank=True)
    material_type = models.CharField(_("type of material"), max_length=100, blank=True)
    author_name = models.CharField(_("author"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("Kept in the bank but shown to nobody.")
    )
    published_by = models.ForeignKey(
        "orgs.User",
        verbose_name=_("published by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bank publication")
        verbose_name_plural = _("bank publications")

    def __str__(self):
        return f"{self.category}: {self.document}"
