"""Work plans (seed 000 §IV, seed 001 §5.3): a plan of an organisation or unit for a period,
detailing a parent plan; its items become controlled assignments once the plan is approved."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .periods import CALENDAR, MONTH, QUARTER, SCHOOL, WEEK, YEAR, Period


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ON_APPROVAL = "on_approval", _("On approval")
        APPROVED = "approved", _("Approved, in execution")
        CANCELLED = "cancelled", _("Cancelled")

    class PeriodKind(models.TextChoices):
        SCHOOL = SCHOOL, _("School year (September–August)")
        CALENDAR = CALENDAR, _("Calendar year")

    class PeriodUnit(models.TextChoices):
        YEAR = YEAR, _("Year")
        QUARTER = QUARTER, _("Quarter")
        MONTH = MONTH, _("Month")
        WEEK = WEEK, _("Week")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("structural unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("Empty: the plan of the whole organisation."),
    )
    title = models.CharField(_("title"), max_length=500)
    period_kind = models.CharField(
        _("kind of year"), max_length=10, choices=PeriodKind.choices, default=SCHOOL
    )
    period_unit = models.CharField(
        _("period"), max_length=10, choices=PeriodUnit.choices, default=YEAR
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("2026 for 2026/2027."))
    period_index = models.PositiveSmallIntegerField(
        _("quarter, month or week"), null=True, blank=True
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("details the plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The head of the service who drafts the plan and controls its execution: extension
    # requests go to them, overdue items are escalated to them.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_plans",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self):
        return self.title

    @property
    def period(self) -> Period:
        return Period(self.period_kind, self.period_unit, self.year, self.period_index)


class ResultForm(models.TextChoices):
    """Usual forms of an item's result (domain.md); an item may name another."""

    MINUTES = "протокол", _("minutes")
    ORDER = "приказ", _("order")
    NOTE = "справка", _("analytical note")
    METHODICAL = "методическая разработка", _("methodical work")
    REPORT = "отчёт", _("report")


class Item(models.Model):
    """A row of a plan: an activity due by a date, with responsible people and a form of
    result. Once the plan is approved it is their controlled assignment."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"))
    number = models.CharField(_("number"), max_length=20, blank=True)
    activity = models.TextField(_("activity"))
    # As the plan says it («октябрь», «в течение года»); the dates are what control uses.
    due_text = models.CharField(_("due, as written"), max_length=255, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    due_on = models.DateField(_("due"))
    original_due_on = models.DateField(_("due before extensions"), null=True, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        related_name="plan_items",
        blank=True,
    )
    # Names as imported, including people the system does not know.
    responsible_text = models.CharField(_("responsible, as written"), max_length=500, blank=True)
    result_form = models.CharField(_("form of result"), max_length=255, blank=True)
    # The section of the plan the item stands under, as the plan's table writes it across a row
    # («1. Организационная работа»); empty in a plan without sections.
    section = models.CharField(_("section of the plan"), max_length=500, blank=True)
    parent_item = models.ForeignKey(
        "self",
        verbose_name=_("implements the item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementations",
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("result document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_file = models.FileField(
        _("result file"), upload_to="plan-results/%Y/", max_length=300, blank=True
    )
    report = models.TextField(_("report"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "order", "pk"]
        indexes = [models.Index(fields=["completed_at", "due_on"])]

    def __str__(self):
        return f"{self.number or self.order}. {self.activity[:80]}"

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    def state(self, today) -> str:
        """done_on_time | done_late | overdue | open, as of `today`."""
        if self.completed_at is not None:
            done_on = timezone.localtime(self.completed_at).date()
            return "done_on_time" if done_on <= self.due_on else "done_late"
        return "overdue" if self.due_on < today else "open"


class Extension(models.Model):
    """A responsible person asks the plan's owner to move an item's due date."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the plan's owner")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_due_on = models.DateField(_("due before"))
    due_on = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    remarks = models.TextField(_("remarks"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.item} → {self.due_on:%d.%m.%Y}"
