"""Approval machinery: routes as data, approvals (the data behind a Viewflow process), their
steps and decisions, substitutes, notifications and the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def kind_choices():
    """The registered process kinds (read when a form or the admin needs them, by then every
    process app has registered its own)."""
    from .kinds import choices  # the registry imports the documents app, loaded after models

    return choices()


class RestartMode(models.TextChoices):
    ALL = "all", _("Everyone again")
    RETURNED = "returned", _("Only those who returned it")


class RouteTemplate(models.Model):
    """The default approval route of a process in an organisation, and the limits within which
    the initiator may adjust it. `stages` is a list of
    {"participants": [{"role": "deputy_director"} | {"user": <id>}], "days": 3, "required": true}
    where several participants in one stage decide in parallel."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="route_templates",
        help_text=_("Empty: the default for every organisation."),
    )
    # The registered process kinds (workflows.kinds): each process app adds its own.
    process = models.CharField(_("process"), max_length=20, choices=kind_choices)
    stages = models.JSONField(_("stages"), default=list)
    restart = models.CharField(
        _("after a return for revision"),
        max_length=10,
        choices=RestartMode.choices,
        default=RestartMode.ALL,
    )
    initiator_may_add = models.BooleanField(_("the initiator may add approvers"), default=True)
    initiator_may_skip = models.BooleanField(
        _("the initiator may skip stages that are not required"), default=True
    )
    max_stages = models.PositiveSmallIntegerField(_("at most stages"), default=6)

    class Meta:
        verbose_name = _("approval route")
        verbose_name_plural = _("approval routes")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "process"], name="workflows_route_per_org_process"
            )
        ]

    def __str__(self):
        return f"{self.get_process_display()} — {self.organization or _('default')}"


class Approval(models.Model):
    """One run of a document through its approval route: the data behind a Viewflow process
    (reached from it as `process.artifact`)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        ON_REVISION = "on_revision", _("Returned for revision")
        APPROVED = "approved", _("Approved")
        DONE = "done", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    process = models.OneToOneField(
        "viewflow.Process",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approval",
    )
    kind = models.CharField(_("process"), max_length=20, choices=kind_choices)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("initiator"),
        on_delete=models.PROTECT,
        related_name="initiated_approvals",
    )
    # Resolved stages: [{"participants": [user ids], "days": n}], fixed at submission.
    route = models.JSONField(_("route"), default=list)
    # Everybody on the route or given a task in it (substitutes, acknowledgers, the clerk):
    # they read the draft. Kept as rows so visibility is a join, not a scan of the route.
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), related_name="+", blank=True
    )
    restart = models.CharField(
        _("after a return for revision"), max_length=10, choices=RestartMode.choices
    )
    stage = models.PositiveSmallIntegerField(_("current stage"), default=0)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    # After a return in "returned" mode: who decides again at the current stage.
    rerun = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    # The form the document is generated from (conclusion or order fields).
    form = models.JSONField(_("form"), default=dict, blank=True)
    # Orders: who must acknowledge the signed order.
    acknowledgers = models.JSONField(default=list, blank=True)
    registration_error = models.TextField(blank=True)
    sheet = models.FileField(_("approval sheet"), upload_to="approval-sheets/", blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.document}"

    @property
    def stage_count(self) -> int:
        return len(self.route)

    def participant_ids(self) -> set[int]:
        return {pk for stage in self.route for pk in stage["participants"]}


class ApprovalStep(models.Model):
    """One person's task in an approval: a decision at a stage of a round, or the
    acknowledgement of a signed order. Decisions are never changed once made."""

    class Purpose(models.TextChoices):
        DECISION = "decision", _("Decision")
        REVISION = "revision", _("Revision")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
        REGISTRATION = "registration", _("Registration")

    class Decision(models.TextChoices):
        AGREE = "agree", _("Agreed")
        AGREE_WITH_REMARKS = "agree_remarks", _("Agreed with remarks")
        RETURN = "return", _("Returned for revision")

    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="steps")
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.DECISION
    )
    stage = models.PositiveSmallIntegerField(_("stage"), default=0)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        related_name="approval_steps",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acting for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    task = models.OneToOneField(
        "viewflow.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="step"
    )
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    version = models.ForeignKey(
        "documents.DocumentVersion",
        verbose_name=_("document version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["approval", "round", "stage", "pk"]
        indexes = [models.Index(fields=["assignee", "decided_at"])]

    def __str__(self):
        return f"{self.approval} — {self.assignee}"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None

    @property
    def task_url(self) -> str:
        task = self.task
        return task.flow_task.reverse("index", args=[task.process_id, task.pk]) if task else ""

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    # What the step is called and its decision as shown (workflows.naming).
    @property
    def is_final(self) -> bool:
        from .naming import is_final  # naming imports this module

        return is_final(self)

    @property
    def title(self) -> str:
        from .naming import step_title  # naming imports this module

        return step_title(self)

    @property
    def decision_label(self) -> str:
        from .naming import decision_label  # naming imports this module

        return decision_label(self)

    @property
    def outcome(self) -> str:
        from .naming import step_outcome  # naming imports this module

        return step_outcome(self)


class Substitution(models.Model):
    """An acting substitute (ИО) for a date range: tasks arriving in the range go to them."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="substitutions",
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acting substitute"),
        on_delete=models.PROTECT,
        related_name="acting_for",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("substitution")
        verbose_name_plural = _("substitutions")
        ordering = ["-starts_on"]

    def __str__(self):
        return (
            f"{self.substitute} → {self.person} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"
        )


class Notification(models.Model):
    """An in-app message (the same text also goes out by e-mail)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    approval = models.ForeignKey(
        Approval, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject


class AuditEntry(models.Model):
    """One action on a document's approval: who, when, what, on whose behalf."""

    class Action(models.TextChoices):
        START = "start", _("Started")
        ASSIGN = "assign", _("Assigned")
        DECIDE = "decide", _("Decided")
        RETURN = "return", _("Returned for revision")
        REVISE = "revise", _("Revised")
        REASSIGN = "reassign", _("Reassigned")
        REMIND = "remind", _("Reminder sent")
        ESCALATE = "escalate", _("Escalated")
        REGISTER = "register", _("Registered")
        PUBLISH = "publish", _("Published to the bank")
        ACKNOWLEDGE = "acknowledge", _("Acknowledged")
        CANCEL = "cancel", _("Cancelled")
        FINISH = "finish", _("Completed")
        # Announced by documents.signals.document_event:
        STATUS = "status", _("Status changed")
        VERSION = "version", _("New version")
        ARCHIVE_ENTRY = "archive_entry", _("Entered from the archive")
        NEW_REVISION = "new_revision", _("New revision")

    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="audit_entries"
    )
    approval = models.ForeignKey(
        Approval, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    details = models.TextField(_("details"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_action_display()}"
