from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    REGULATION = "regulation", _("Regulation")
    ORDER = "order", _("Order")
    CONCLUSION = "conclusion", _("Expert conclusion")
    PLAN = "plan", _("Work plan")
    REPORT = "report", _("Report")
    NOTE = "note", _("Analytical note")
    MINUTES = "minutes", _("Minutes")
    INSTRUCTION = "instruction", _("Instruction")
    RULES = "rules", _("Rules")
    PROCEDURE = "procedure", _("Procedure")
    REGLAMENT = "reglament", _("Reglament")
    PROGRAMME = "programme", _("Programme")
    LETTER = "letter", _("Letter")
    INVENTORY = "inventory", _("Case inventory")
    ACT = "act", _("Act")
    OTHER = "other", _("Other document")


class Document(models.Model):
    """A document of an organisation. Its content lives in immutable versions."""

    Kind = DocumentKind

    # The lifecycle (documents.lifecycle) is the only writer of `status`.
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ON_APPROVAL = "on_approval", _("On approval")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")
        REGISTERED = "registered", _("Registered")
        SUPERSEDED = "superseded", _("Superseded by a new revision")
        REPEALED = "repealed", _("Repealed")
        ARCHIVED = "archived", _("Archived")
        # Its files removed by an approved act of destruction; the card stays (Destruction).
        DESTROYED = "destroyed", _("Destroyed by an act")

    class Visibility(models.TextChoices):
        PARTICIPANTS = "participants", _("Author and participants only")
        ORGANIZATION = "organization", _("Staff of the organisation")
        ALL = "all", _("Staff of all organisations")
        RESTRICTED = "restricted", _("Restricted")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("structural unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=1000)
    number = models.CharField(_("registration number"), max_length=100, blank=True)
    date = models.DateField(_("registration date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.ORGANIZATION,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authored_documents",
    )
    current_version = models.OneToOneField(
        "DocumentVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # «Новая редакция»: this draft replaces `supersedes` once it is approved and registered.
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("new revision of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="new_revisions",
    )
    # Registered (or approved) on paper before the system existed and entered by a clerk or
    # head: its number is not from a journal of the system.
    from_archive = models.BooleanField(_("entered from the archive"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "kind", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse  # the URLconf imports the models; resolved on call

        return reverse("documents:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise PermissionError("Documents are never deleted; archive them instead.")


def version_upload_to(instance, filename):
    # Named by content hash: the stored bytes can always be checked against the recorded hash.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{instance.sha256[:2]}/{instance.sha256}.{suffix}"


class ImmutableVersionError(Exception):
    pass


class DocumentVersion(models.Model):
    """One uploaded or generated state of a document: never changed and never deleted."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    text = models.TextField(_("plain text"), blank=True)
    structure = models.JSONField(_("extracted structure"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_archived = models.BooleanField(
        _("archived"), default=False, help_text=_("Hidden from lists; the file is kept.")
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="documents_version_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.document} — v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding and set(kwargs.get("update_fields") or ()) != {"is_archived"}:
            raise ImmutableVersionError("A document version cannot be changed; add a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError("Document versions are never deleted.")


class Destruction(models.Model):
    """What is left of a document destroyed by an approved act (the one legal exception to
    «nothing is hard-deleted»): the act, who carried it out and, for every version, the name,
    size and SHA-256 of the file that was removed."""

    document = models.OneToOneField(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="destruction"
    )
    act = models.CharField(_("act"), max_length=300)  # «№ 3 от 12.02.2027»
    files = models.JSONField(_("removed files"), default=list)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    destroyed_at = models.DateTimeField(_("destroyed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("destruction of a document")
        verbose_name_plural = _("destructions of documents")

    def __str__(self):
        return f"{self.document} — {self.act}"


class Recognition(models.Model):
    """The text recognised (OCR) in a version that is a scan: a PDF without a text layer. The
    version itself never changes, so its text stays empty and the recognised one lives here;
    search and the page read it from this row (documents.ocr, services.recognition)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for recognition")
        DONE = "done", _("Recognised")
        FAILED = "failed", _("Recognition failed")
        UNAVAILABLE = "unavailable", _("No recognition on this server")

    version = models.OneToOneField(
        DocumentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="recognition",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    text = models.TextField(_("recognised text"), blank=True)
    pages = models.PositiveIntegerField(_("pages recognised"), default=0)
    page_count = models.PositiveIntegerField(_("pages in the file"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A worker's claim: another one passes over the row until the claim is stale.
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("text recognition")
        verbose_name_plural = _("text recognitions")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.version} — {self.get_status_display()}"


class Section(models.Model):
    """A numbered section of a regulation version («1. Общие положения», «II. Компетенция»)."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.TextField(_("title"), blank=True)
    text = models.TextField(_("text before the first clause"), blank=True)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "order"]

    def __str__(self):
        return f"{self.number}. {self.title}".strip(". ")


class Clause(models.Model):
    """A clause addressable by its number («3.1», «3.6.1»): amendments target these rows."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="clauses")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="clauses"
    )
    number = models.CharField(_("number"), max_length=30)
    text = models.TextField(_("text"))
    # In a consolidated revision: «(п. 3.1 в ред. приказа от … № …)».
    note = models.TextField(_("revision note"), blank=True)
    repealed = models.BooleanField(_("repealed"), default=False)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["version", "order"]
        indexes = [models.Index(fields=["version", "number"])]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class PlanItem(models.Model):
    """A row of a work plan table: activity, due, responsible, form of result."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="plan_items"
    )
    order = models.PositiveIntegerField(_("order"))
    number = models.CharField(_("number"), max_length=20, blank=True)
    activity = models.TextField(_("activity"))
    due = models.CharField(_("due"), max_length=255, blank=True)
    responsible = models.CharField(_("responsible"), max_length=500, blank=True)
    result_form = models.CharField(_("form of result"), max_length=255, blank=True)
    # The section row of the plan table the item stands under («1. Организационная работа»).
    section = models.CharField(_("section"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["version", "order"]

    def __str__(self):
        return self.activity[:80]


class Amendment(models.Model):
    """Changes to a regulation made by an amending order (seed 004 §6.1): operations on its
    clauses, composed against one revision and applied on the order's effective date as a new
    revision (a new version of the regulation; the earlier ones stay)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ON_APPROVAL = "on_approval", _("On approval")
        SIGNED = "signed", _("Signed, waiting for the effective date")
        APPLIED = "applied", _("Applied")
        CONFLICT = "conflict", _("Conflict")
        CANCELLED = "cancelled", _("Cancelled")

    regulation = models.ForeignKey(
        Document,
        verbose_name=_("regulation"),
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    base_version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("composed against revision"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    operations = models.JSONField(_("changes"), default=list)
    order = models.OneToOneField(
        Document,
        verbose_name=_("amending order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendment",
    )
    effective_date = models.DateField(
        _("effective from"), null=True, blank=True, help_text=_("Empty: from signing.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    result_version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("revision produced"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conflict = models.TextField(_("conflict"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("initiator"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "effective_date"])]

    def __str__(self):
        return f"{self.regulation} — {self.get_status_display()}"


class Grant(models.Model):
    """Who else may read a document, and why: one row per reader — a person, an organisation
    or everyone — written by the app that opens the document to them (an approval for its
    participants, the bank for a publication). Visibility is data: documents.selectors reads
    these rows and no other app's tables."""

    class Source(models.TextChoices):
        APPROVAL = "approval", _("Taking part in its approval")
        BANK = "bank", _("Published in the information bank")
        # An executor of a поручение reads the document it is about (control of execution).
        ASSIGNMENT = "assignment", _("Assigned to act on it")
        # The clerks of the organisation keep its correspondence.
        CORRESPONDENCE = "correspondence", _("Keeping the organisation's correspondence")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    everyone = models.BooleanField(_("everyone"), default=False)
    source = models.CharField(_("why"), max_length=20, choices=Source.choices)
    # The row of the source app (the approval, the publication) the grant comes from.
    source_id = models.PositiveIntegerField(_("source record"))
    created_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("reading grant")
        verbose_name_plural = _("reading grants")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, organization__isnull=True, everyone=False)
                    | models.Q(user__isnull=True, organization__isnull=False, everyone=False)
                    | models.Q(user__isnull=True, organization__isnull=True, everyone=True)
                ),
                name="documents_grant_one_reader",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "document"]),
            models.Index(fields=["organization", "document"]),
            models.Index(fields=["source", "source_id"]),
        ]

    def __str__(self):
        reader = self.user or self.organization or _("everyone")
        return f"{self.document} — {reader}"
