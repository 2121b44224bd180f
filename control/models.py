"""Control of execution (контроль исполнения): one kind of controlled assignment (поручение) for
resolutions on incoming documents, items of signed orders and items of approved plans; their
extensions; the production calendar their deadlines in working days are counted on."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day of the production calendar that differs from the week's pattern: a holiday (or a
    day off moved onto a weekday) or a working Saturday/Sunday. Kept as data for each year,
    shipped for the current and the next year, edited by an administrator when the
    government's decree on moved days comes out."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off")
        WORKING = "working", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("day of the production calendar")
        verbose_name_plural = _("production calendar")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} — {self.get_kind_display()}"


class Resolution(models.Model):
    """A head's (or deputy's) резолюция on a document: text, deadline and controller; its
    executors get поручения (Assignment rows)."""

    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("resolution"))
    deadline = models.DateField(_("deadline"))
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("controller"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:80]


class Assignment(models.Model):
    """A поручение on control: somebody executes it by a deadline, a controller accepts it
    (снятие с контроля) or returns it. Made by a resolution, by a signed order's executors, by
    an approved plan's items, or delegated from another поручение."""

    class Source(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        ORDER = "order", _("Order")
        PLAN = "plan", _("Work plan")
        DELEGATION = "delegation", _("Delegated")

    class Role(models.TextChoices):
        RESPONSIBLE = "responsible", _("Responsible executor")
        CO_EXECUTOR = "co_executor", _("Co-executor")

    class Status(models.TextChoices):
        OPEN = "open", _("In execution")
        REPORTED = "reported", _("Reported, waiting for the controller")
        DONE = "done", _("Done, off control")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # The row of the source (a resolution, a plan item) the assignment comes from.
    source_id = models.PositiveIntegerField(_("source record"), null=True, blank=True)
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("delegated from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegated",
    )
    text = models.TextField(_("what to do"))
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("executor"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.RESPONSIBLE
    )
    # Denormalised from the executor when assigned: the discipline report groups by it.
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("structural unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("controller"),
        on_delete=models.PROTECT,
        related_name="controlled_assignments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"))
    original_deadline = models.DateField(_("deadline before extensions"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    report = models.TextField(_("report"), blank=True)
    result_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("result document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_file = models.FileField(
        _("result file"), upload_to="assignment-results/%Y/", max_length=300, blank=True
    )
    # The day the work was done: the accepted report's day (discipline counts on it).
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("taken off control"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken off control by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    remarks = models.TextField(_("controller's remarks"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["organization", "deadline"]),
            models.Index(fields=["executor", "status", "deadline"]),
            models.Index(fields=["controller", "status", "deadline"]),
            models.Index(fields=["source", "source_id"]),
            models.Index(fields=["status", "deadline"]),
            # The lists in the order they are shown: the first page of what a head oversees
            # is read from here instead of sorting every visible row (bench/assignments.py).
            models.Index(fields=["deadline", "id"]),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.REPORTED)

    def state(self, today) -> str:
        """done_on_time | done_late | overdue | open, as of `today` (the discipline report's
        classes; a report waiting for the controller counts from the day it was made)."""
        done_on = self.completed_on
        if done_on is None and self.status == self.Status.REPORTED and self.reported_at:
            done_on = timezone.localdate(self.reported_at)
        if done_on is not None:
            return "done_on_time" if done_on <= self.deadline else "done_late"
        return "overdue" if self.deadline < today else "open"


class Extension(models.Model):
    """An executor asks the controller to move the deadline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the controller")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="extensions"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_deadline = models.DateField(_("deadline before"))
    deadline = models.DateField(_("new deadline"))
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
        return f"{self.assignment} → {self.deadline:%d.%m.%Y}"
