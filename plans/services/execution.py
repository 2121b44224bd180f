"""Control of the approved plan's items: completion, extensions, reminders, escalation."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from control import services as control
from control.models import Assignment
from documents.selectors import visible_documents
from orgs.roles import Role
from orgs.selectors import superior_of
from workflows.models import AuditEntry
from workflows.services import acting_substitute

from ..models import Extension, Item, Plan
from .base import PlanRefused, item_url, notify_person, record_plan_event

# --- execution -------------------------------------------------------------------------------


def is_responsible(user, item) -> bool:
    return item.responsible.filter(pk=user.pk).exists()


def may_control(user, plan) -> bool:
    """The owner decides extensions; the head of the organisation may as well."""
    if user.is_superuser or user.pk == plan.owner_id:
        return True
    if acting_substitute(plan.owner) == user:
        return True
    return user.organization_id == plan.organization_id and user.has_role(Role.HEAD)


def _check_open(item):
    if item.plan.status != Plan.Status.APPROVED:
        raise PlanRefused(_("The plan is not approved: its items are not under control yet."))
    if item.completed_at is not None:
        raise PlanRefused(_("The item is already done."))


@transaction.atomic
def complete_item(
    item, *, user, report, result_document=None, file_name=None, file_data=None
) -> Item:
    """A responsible person reports the item done with its result: a document of the system or
    an uploaded file, and a short report. The plan's owner is told."""
    item = Item.objects.select_for_update().select_related("plan").get(pk=item.pk)
    _check_open(item)
    if not is_responsible(user, item):
        raise PlanRefused(_("Only the people responsible for the item report it done."))
    report = (report or "").strip()
    if not report:
        raise PlanRefused(_("Write a short report on what was done."))
    if result_document is None and not file_data:
        raise PlanRefused(_("Attach the result: a document of the system or a file."))
    if (
        result_document is not None
        and not visible_documents(user).filter(pk=result_document.pk).exists()
    ):
        raise PlanRefused(_("You cannot see that document."))
    item.completed_at, item.completed_by = timezone.now(), user
    item.report, item.result_document = report, result_document
    if file_data:
        item.result_file.save(file_name or "result.bin", ContentFile(file_data), save=False)
    item.save(
        update_fields=[
            "completed_at",
            "completed_by",
            "report",
            "result_document",
            "result_file",
        ]
    )
    control.close_source(
        source=Assignment.Source.PLAN,
        source_id=item.pk,
        user=user,
        report_text=report,
        result_document=result_document,
    )
    plan = item.plan
    late = item.state(timezone.localdate()) == "done_late"
    notify_person(
        plan.owner,
        (_("Done late: %(activity)s") if late else _("Done: %(activity)s"))
        % {"activity": item.activity[:200]},
        f"{user.initials_name}: {report}",
        url=item_url(item),
    )
    record_plan_event(
        plan,
        AuditEntry.Action.FINISH,
        actor=user,
        details=_("Item %(n)s done: %(report)s") % {"n": item.number, "report": report},
    )
    return item


@transaction.atomic
def request_extension(item, *, user, due_on, reason) -> Extension:
    """A responsible person asks the plan's owner for a later due date, within the plan's
    period."""
    item = Item.objects.select_for_update().select_related("plan").get(pk=item.pk)
    _check_open(item)
    if not is_responsible(user, item):
        raise PlanRefused(_("Only the people responsible for the item ask for more time."))
    if not (reason or "").strip():
        raise PlanRefused(_("Say why more time is needed."))
    if due_on <= item.due_on:
        raise PlanRefused(_("The new due date must be later than the current one."))
    if due_on > item.plan.ends_on:
        raise PlanRefused(
            _("The new due date lies after the plan's period (it ends %(end)s).")
            % {"end": item.plan.ends_on.strftime("%d.%m.%Y")}
        )
    if item.extensions.filter(status=Extension.Status.PENDING).exists():
        raise PlanRefused(_("An extension request for this item is already waiting."))
    extension = Extension.objects.create(
        item=item,
        requested_by=user,
        previous_due_on=item.due_on,
        due_on=due_on,
        reason=reason.strip(),
    )
    owner = item.plan.owner
    for person in {owner, acting_substitute(owner)} - {None}:
        notify_person(
            person,
            _("Extension requested: %(activity)s") % {"activity": item.activity[:200]},
            _("%(who)s asks to move the due date from %(old)s to %(new)s: %(reason)s")
            % {
                "who": user.initials_name,
                "old": item.due_on.strftime("%d.%m.%Y"),
                "new": due_on.strftime("%d.%m.%Y"),
                "reason": extension.reason,
            },
            url=item_url(item),
        )
    return extension


@transaction.atomic
def decide_extension(extension, *, user, approve: bool, remarks="") -> Extension:
    """The plan's owner approves (the item's due date moves, its reminders start afresh) or
    rejects (with a reason) an extension request; the requester is told."""
    extension = (
        Extension.objects.select_for_update(of=("self",))
        .select_related("item__plan")
        .get(pk=extension.pk)
    )
    item = extension.item
    if not may_control(user, item.plan):
        raise PlanRefused(_("Only the plan's owner decides on extensions."))
    if extension.status != Extension.Status.PENDING:
        raise PlanRefused(_("The request is already decided."))
    remarks = (remarks or "").strip()
    if not approve and not remarks:
        raise PlanRefused(_("Say why the request is rejected."))
    extension.status = Extension.Status.APPROVED if approve else Extension.Status.REJECTED
    extension.decided_by, extension.decided_at, extension.remarks = user, timezone.now(), remarks
    extension.save(update_fields=["status", "decided_by", "decided_at", "remarks"])
    if approve and item.completed_at is None:
        item.due_on = extension.due_on
        item.reminded_at = item.escalated_at = None
        item.save(update_fields=["due_on", "reminded_at", "escalated_at"])
        control.move_source_deadline(
            source=Assignment.Source.PLAN, source_id=item.pk, deadline=item.due_on
        )
    notify_person(
        extension.requested_by,
        (
            _("Extension approved: %(activity)s")
            if approve
            else _("Extension rejected: %(activity)s")
        )
        % {"activity": item.activity[:200]},
        _("New due date: %(due)s.") % {"due": extension.due_on.strftime("%d.%m.%Y")}
        if approve
        else remarks,
        url=item_url(item),
    )
    record_plan_event(
        item.plan,
        AuditEntry.Action.DECIDE,
        actor=user,
        details=_("Item %(n)s: extension to %(due)s %(decision)s")
        % {
            "n": item.number,
            "due": extension.due_on.strftime("%d.%m.%Y"),
            "decision": extension.get_status_display().lower(),
        },
    )
    return extension


def sweep_items(now=None) -> dict:
    """Remind the responsible people of items due soon and escalate overdue items to the plan's
    owner (and, when the owner is among the responsible, to the owner's superior). Each happens
    once per due date; Celery beat runs this hourly."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    remind_from = today + datetime.timedelta(days=settings.PLAN_REMIND_BEFORE_DAYS)
    open_items = (
        Item.objects.filter(plan__status=Plan.Status.APPROVED, completed_at__isnull=True)
        .select_related("plan__owner", "plan__document")
        .prefetch_related("responsible")
    )
    reminded = escalated = 0
    for item in open_items.filter(reminded_at__isnull=True, due_on__lte=remind_from):
        with transaction.atomic():
            for person in item.responsible.all():
                notify_person(
                    person,
                    _("Reminder: plan item due %(due)s")
                    % {"due": item.due_on.strftime("%d.%m.%Y")},
                    item.activity,
                    url=item_url(item),
                )
            item.reminded_at = now
            item.save(update_fields=["reminded_at"])
            record_plan_event(
                item.plan,
                AuditEntry.Action.REMIND,
                details=_("Item %(n)s: %(who)s")
                % {"n": item.number, "who": _names(item.responsible.all())},
            )
            reminded += 1
    for item in open_items.filter(escalated_at__isnull=True, due_on__lt=today):
        with transaction.atomic():
            plan, people = item.plan, list(item.responsible.all())
            recipients = [plan.owner]
            if plan.owner in people and (superior := superior_of(plan.owner)) is not None:
                recipients.append(superior)
            for person in recipients:
                notify_person(
                    person,
                    _("Overdue plan item: %(activity)s") % {"activity": item.activity[:200]},
                    _("Due %(due)s; responsible: %(who)s.")
                    % {"due": item.due_on.strftime("%d.%m.%Y"), "who": _names(people)},
                    url=item_url(item),
                )
            item.escalated_at = now
            item.save(update_fields=["escalated_at"])
            record_plan_event(
                plan,
                AuditEntry.Action.ESCALATE,
                details=_("Item %(n)s → %(to)s") % {"n": item.number, "to": _names(recipients)},
            )
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}


def _names(people) -> str:
    return ", ".join(p.initials_name for p in people) or "—"
