"""Case nomenclature (номенклатура дел), cases, registration journals and their entries."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .numbering import validate_template


class RetentionRule(models.Model):
    """A line of the list of typical documents with their retention periods (reference data:
    the organisation's expert commission edits it; logic never hard-codes it)."""

    article = models.CharField(_("article"), max_length=20, blank=True)
    title = models.CharField(_("documents"), max_length=500)
    years = models.PositiveSmallIntegerField(
        _("retention, years"), null=True, blank=True, help_text=_("Empty means permanent.")
    )
    epk = models.BooleanField(_("ЭПК"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    needs_check = models.BooleanField(_("to be checked by the expert commission"), default=False)
    # Cases on personnel (по личному составу) get an inventory of their own (Правила, order
    # of Росархив № 77), though they are kept for a term (50/75 years), not permanently.
    personnel = models.BooleanField(_("documents on personnel"), default=False)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["article", "title"]
        constraints = [
            models.UniqueConstraint(fields=["article", "title"], name="registry_rule_unique")
        ]

    def __str__(self):
        return f"{self.title} — {self.period_label}"

    @property
    def is_permanent(self) -> bool:
        return self.years is None

    @property
    def period_label(self) -> str:
        """Column 4 of the nomenclature: «Постоянно, ст. 19» / «5 л. ЭПК, ст. 19»."""
        period = "Постоянно" if self.is_permanent else f"{self.years} л."
        if self.epk:
            period += " ЭПК"
        return f"{period}, ст. {self.article}" if self.article else period


class Nomenclature(models.Model):
    """The case nomenclature of an organisation for one calendar year."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("nomenclature", "Draft")
        APPROVED = "approved", pgettext_lazy("nomenclature", "Approved")
        CLOSED = "closed", pgettext_lazy("nomenclature", "Closed")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="nomenclatures",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    order_number = models.CharField(_("approving order number"), max_length=50, blank=True)
    order_date = models.DateField(_("approving order date"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case nomenclature")
        verbose_name_plural = _("case nomenclatures")
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="registry_nomenclature_unique_year"
            )
        ]

    def __str__(self):
        return f"{self.organization} — {self.year}"


class Case(models.Model):
    """A case (дело) of the nomenclature: documents are filed into it."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("case", "Open")
        CLOSED = "closed", pgettext_lazy("case", "Closed")

    nomenclature = models.ForeignKey(
        Nomenclature, verbose_name=_("nomenclature"), on_delete=models.PROTECT, related_name="cases"
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("structural unit"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    index = models.CharField(_("case index"), max_length=20)
    title = models.CharField(_("case title"), max_length=1000)
    volumes = models.PositiveSmallIntegerField(_("volumes"), default=1)
    retention_rule = models.ForeignKey(
        RetentionRule, verbose_name=_("retention"), on_delete=models.PROTECT, related_name="cases"
    )
    epk = models.BooleanField(_("ЭПК"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    carried_over = models.BooleanField(
        _("carried over"),
        default=False,
        help_text=_("The case continues into the next year with the same index."),
    )
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("continues the case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_to",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["nomenclature", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomenclature", "index"], name="registry_case_index_unique"
            )
        ]

    def __str__(self):
        return f"{self.index} {self.title}"

    def clean(self):
        # The services import these models: imported here, when a form cleans a case.
        from .services import RegistryRefused, validate_case_index

        if self.nomenclature_id and self.unit_id:
            try:
                validate_case_index(self.nomenclature, self.unit, self.index, exclude_pk=self.pk)
            except RegistryRefused as error:
                raise ValidationError({"index": error.message}) from None

    @property
    def year(self) -> int:
        """The year the case belongs to: retention counts from 1 January of the next one."""
        return self.nomenclature.year

    def is_open_on(self, day) -> bool:
        """Open for filing on `day`: not closed, and not past its closing date (31 December for
        the cases a rollover closes)."""
        return self.status == self.Status.OPEN and (self.closed_on is None or day <= self.closed_on)


class Journal(models.Model):
    """A registration journal (журнал регистрации) with its number template."""

    class Kind(models.TextChoices):
        ORDERS_MAIN = "orders_main", _("Orders on main activity")
        ORDERS_ADMIN = "orders_admin", _("Orders on administrative matters")
        INCOMING = "incoming", _("Incoming documents")
        OUTGOING = "outgoing", _("Outgoing documents")
        INTERNAL = "internal", _("Internal documents")
        CONCLUSIONS = "conclusions", _("Expert conclusions")
        PLANS = "plans", _("Plans")
        # Inventories of cases and acts of destruction (the archive): kept permanently, so
        # their journal files them into a case of their own, not among internal papers.
        ARCHIVE = "archive", _("Inventories and acts of the archive")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="journals",
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number_template = models.CharField(
        _("number template"),
        max_length=100,
        default="{n}",
        help_text=_(
            "Placeholders: {n} sequence number, {case} case index, {year} year. "
            "Example: {case}/{n} or {n}-од."
        ),
    )
    default_case_index = models.CharField(
        _("default case index"),
        max_length=20,
        blank=True,
        help_text=_("Index of the case in the current year's nomenclature, e.g. 01-05."),
    )
    yearly_reset = models.BooleanField(_("numbering restarts every year"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("registration journal")
        verbose_name_plural = _("registration journals")
        ordering = ["organization", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        validate_template(self.number_template)


class Counter(models.Model):
    """The last number given in a journal series; its row lock makes numbering gapless."""

    journal = models.ForeignKey(Journal, on_delete=models.PROTECT, related_name="counters")
    series = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["journal", "series"], name="registry_counter_unique")
        ]

    def __str__(self):
        return f"{self.journal}: {self.series} → {self.last}"


class Registration(models.Model):
    """An entry of a journal: a number reserved, given to a document, or cancelled."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    journal = models.ForeignKey(
        Journal, verbose_name=_("journal"), on_delete=models.PROTECT, related_name="entries"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The counter's key: the year when numbering restarts yearly, 0 for a continuous journal.
    series = models.PositiveSmallIntegerField(_("numbering series"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    number = models.CharField(_("registration number"), max_length=100)
    date = models.DateField(_("registration date"), default=datetime.date.today)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["journal", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "series", "sequence"], name="registry_entry_sequence_unique"
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="registered"),
                name="registry_document_registered_once",
            ),
        ]

    def __str__(self):
        return f"№ {self.number} ({self.get_status_display()})"
