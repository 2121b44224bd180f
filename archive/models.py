"""The archive of an organisation: its expert commission (ЭК), the annual inventories of
cases, transfers to the archive, the ЭК's expert review of ЭПК cases, acts of destruction and
the archive's own log. Cases and retention stay the registry's; this app adds what happens to
a case after it closes (Правила of Росархив, order № 77 of 31.07.2023)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Commission(models.Model):
    """The organisation's expert commission and the archive that accepts its permanent cases."""

    organization = models.OneToOneField(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="expert_commission",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="+"
    )
    # Empty: the organisation's own archive (a school may hand its cases to the authority's).
    archive = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("archive that accepts the permanent cases"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archived_organizations",
    )
    order = models.CharField(_("order naming the commission"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("expert commission")
        verbose_name_plural = _("expert commissions")

    def __str__(self):
        return f"ЭК {self.organization}"

    def people(self) -> list:
        found = [self.chair, self.secretary, *self.members.all()]
        return [p for i, p in enumerate(found) if p is not None and p not in found[:i]]


class Protocol(models.Model):
    """The protocol of an ЭК meeting that agreed an inventory or an act, or decided cases."""

    number = models.CharField(_("protocol number"), max_length=50, blank=True)
    date = models.DateField(_("protocol date"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def protocol(self) -> str:
        if not self.number:
            return ""
        return f"№ {self.number} от {self.date:%d.%m.%Y}" if self.date else f"№ {self.number}"


class Inventory(Protocol):
    """A yearly section of an inventory (годовой раздел описи): the closed cases of a year
    of permanent retention, or on personnel. Its document goes through the approval engine:
    the ЭК agrees it (its protocol), the head approves it, it is registered."""

    class Kind(models.TextChoices):
        PERMANENT = "permanent", _("Cases of permanent retention")
        PERSONNEL = "personnel", _("Cases on personnel")

    class Status(models.TextChoices):
        ON_APPROVAL = "on_approval", _("On approval")
        APPROVED = "approved", pgettext_lazy("inventory", "Approved")
        CANCELLED = "cancelled", pgettext_lazy("inventory", "Cancelled")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="inventory",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ON_APPROVAL
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("inventory of cases")
        verbose_name_plural = _("inventories of cases")
        ordering = ["organization", "-year", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.year}"

    def get_absolute_url(self):
        from django.urls import reverse  # the URLconf imports the models; resolved on call

        return reverse("archive:inventory", args=[self.pk])


class InventoryEntry(models.Model):
    """A case in an inventory, as it was listed (numbers of the inventory run 1…n)."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="entries")
    case = models.ForeignKey("registry.Case", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        ordering = ["inventory", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inventory", "case"], name="archive_entry_case_once")
        ]

    def __str__(self):
        return f"{self.number}. {self.case}"


class Transfer(models.Model):
    """An act of acceptance: cases of approved inventories handed over to the archive."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("act number"), max_length=50)
    date = models.DateField(_("act date"))
    archive_name = models.CharField(_("archive"), max_length=500)
    received_by = models.CharField(_("received by"), max_length=300, blank=True)
    reason = models.CharField(
        _("reason for a transfer outside the term"), max_length=1000, blank=True
    )
    cases = models.ManyToManyField(
        "registry.Case", through="TransferredCase", related_name="+", verbose_name=_("cases")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer to the archive")
        verbose_name_plural = _("transfers to the archive")
        ordering = ["organization", "-date", "-pk"]

    def __str__(self):
        return f"№ {self.number} от {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        from django.urls import reverse  # the URLconf imports the models; resolved on call

        return reverse("archive:transfer", args=[self.pk])


class TransferredCase(models.Model):
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="entries")
    case = models.OneToOneField(
        "registry.Case", on_delete=models.PROTECT, related_name="archive_transfer"
    )

    class Meta:
        ordering = ["transfer", "case__index"]

    def __str__(self):
        return f"{self.transfer}: {self.case}"


class Review(Protocol):
    """The ЭК's decision on an ЭПК case whose term ran out: destroy it, keep it N years more,
    or keep it permanently. The latest review of a case is the one that holds."""

    class Decision(models.TextChoices):
        DESTROY = "destroy", _("To destroy: no lasting value")
        EXTEND = "extend", _("Keep longer")
        PERMANENT = "permanent", _("Keep permanently")

    case = models.ForeignKey(
        "registry.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    years = models.PositiveSmallIntegerField(_("years more"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        ordering = ["case", "decided_at", "pk"]

    def __str__(self):
        return f"{self.case}: {self.get_decision_display()}"


class DestructionAct(Protocol):
    """«Акт о выделении к уничтожению документов, не подлежащих хранению»: agreed by the ЭК,
    approved by the head (after the inventories of the same years), registered; then the
    destruction itself, once, as its own audited action. The act is kept permanently."""

    class Status(models.TextChoices):
        ON_APPROVAL = "on_approval", _("On approval")
        APPROVED = "approved", _("Approved")
        DESTROYED = "destroyed", _("Destruction carried out")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="destruction_act",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ON_APPROVAL
    )
    cases = models.ManyToManyField(
        "registry.Case", through="ActEntry", related_name="+", verbose_name=_("cases")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destroyed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("act of destruction")
        verbose_name_plural = _("acts of destruction")
        ordering = ["organization", "-created_at", "-pk"]

    def __str__(self):
        number = self.document.number
        return f"Акт № {number}" if number else f"Акт (проект) {self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse  # the URLconf imports the models; resolved on call

        return reverse("archive:act", args=[self.pk])

    @property
    def label(self) -> str:
        """«№ 3 от 12.02.2027»: the act's number and date, as a destroyed document's card
        names it («Уничтожен по акту № 3 от 12.02.2027»)."""
        document = self.document
        return f"№ {document.number} от {document.date:%d.%m.%Y}" if document.date else ""


class ActEntry(models.Model):
    act = models.ForeignKey(DestructionAct, on_delete=models.PROTECT, related_name="entries")
    case = models.ForeignKey("registry.Case", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        ordering = ["act", "number"]
        constraints = [
            models.UniqueConstraint(fields=["act", "case"], name="archive_act_case_once")
        ]

    def __str__(self):
        return f"{self.number}. {self.case}"


class Event(models.Model):
    """The archive's log: every action on the commission, inventories, transfers, reviews,
    acts and destruction (the documents' own audit logs get theirs too)."""

    class Action(models.TextChoices):
        COMMISSION = "commission", _("Expert commission named")
        DRAFTED = "drafted", _("Sent for approval")
        PROTOCOL = "protocol", _("Protocol of the commission recorded")
        APPROVED = "approved", _("Approved")
        CANCELLED = "cancelled", _("Cancelled")
        TRANSFER = "transfer", _("Cases transferred to the archive")
        REVIEW = "review", _("Expert review")
        DESTROYED = "destroyed", _("Destruction carried out")
        REMINDED = "reminded", _("Reminder of what is due")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    details = models.TextField(_("details"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("archive log entry")
        verbose_name_plural = _("archive log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y} {self.get_action_display()}"
