"""Writes of work plans: drafting, items, submission hooks of the approval process, and the
control of the approved plan's items (assignment, reminders, escalation, completion,
extensions). Views, the plan process and Celery tasks call these."""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Refused
from documents.importer import analyse, extract
from documents.models import Document
from documents.selectors import visible_documents
from documents.services import set_visibility
from orgs.models import User
from orgs.roles import Role
from orgs.selectors import superior_of
from workflows.models import Approval, AuditEntry
from workflows.services import acting_substitute, notify, record

from .dues import read_due
from .models import Extension, Item, Plan
from .periods import Period, PeriodInvalid

# Who drafts plans (domain.md): methodists for their work, heads of units and services for
# theirs. The head approves them, so never drafts one.
DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST, Role.DEPUTY_DIRECTOR}


class PlanRefused(Refused):
    """A rule of work plans said no."""


def _record(plan, action, *, actor=None, details=""):
    if plan.document_id:  # the audit log is the plan document's
        record(None, action, actor=actor, details=details, document=plan.document)


def _notify(person, subject, body="", *, url=""):
    return notify(person, subject, body, url=url)


def item_url(item) -> str:
    return f"/plans/items/{item.pk}/"


# --- drafting --------------------------------------------------------------------------------


def may_draft(user) -> bool:
    return user.organization_id is not None and bool(user.roles & DRAFTERS)


def may_edit(user, plan) -> bool:
    """The owner edits the items while the plan is a draft or returned for revision."""
    if user.pk != plan.owner_id:
        return False
    if plan.status == Plan.Status.DRAFT:
        return True
    if plan.status == Plan.Status.ON_APPROVAL and plan.document_id:
        return plan.document.approvals.filter(status=Approval.Status.ON_REVISION).exists()
    return False


@transaction.atomic
def create_plan(*, owner, title, period: Period, unit=None, parent=None) -> Plan:
    """A draft plan of the owner's organisation (or one of its units) for a period; a plan
    that details another lies inside its period."""
    if not may_draft(owner):
        raise PlanRefused(_("Plans are drafted by methodists and heads of units."))
    title = (title or "").strip()
    if not title:
        raise PlanRefused(_("Give the plan a title."))
    try:
        starts_on, ends_on = period.bounds()
    except PeriodInvalid as error:
        raise PlanRefused(str(error)) from None
    organization = owner.organization
    if unit is not None and unit.organization_id != organization.pk:
        raise PlanRefused(_("The unit belongs to another organisation."))
    if parent is not None:
        if parent.organization_id != organization.pk:
            raise PlanRefused(_("A plan details only a plan of its own organisation."))
        if parent.status == Plan.Status.CANCELLED:
            raise PlanRefused(_("The parent plan is cancelled."))
        if not parent.period.contains(period):
            raise PlanRefused(
                _("The period (%(period)s) lies outside the parent plan's (%(parent)s).")
                % {"period": period.label(), "parent": parent.period.label()}
            )
    return Plan.objects.create(
        organization=organization,
        unit=unit,
        title=title[:500],
        period_kind=period.kind,
        period_unit=period.unit,
        year=period.year,
        period_index=period.index,
        starts_on=starts_on,
        ends_on=ends_on,
        parent=parent,
        owner=owner,
    )


def _checked_item(plan, activity, due_on, due_text, starts_on, responsible, parent_item):
    """The item's dates (from the written due when no date is given), once the row is valid
    for the plan."""
    if due_on is None:
        due = read_due(due_text, plan.period)
        due_on, starts_on = due.due_on, starts_on or due.starts_on
    if not (activity or "").strip():
        raise PlanRefused(_("Describe the activity."))
    if not plan.starts_on <= due_on <= plan.ends_on:
        raise PlanRefused(
            _("The due date %(due)s lies outside the plan's period %(start)s–%(end)s.")
            % {
                "due": due_on.strftime("%d.%m.%Y"),
                "start": plan.starts_on.strftime("%d.%m.%Y"),
                "end": plan.ends_on.strftime("%d.%m.%Y"),
            }
        )
    if starts_on is not None and starts_on > due_on:
        raise PlanRefused(_("The item starts after it is due."))
    for person in responsible:
        if not person.is_active or person.organization_id != plan.organization_id:
            raise PlanRefused(
                _("%(who)s is not active staff of the plan's organisation.") % {"who": person}
            )
    if parent_item is not None and (
        plan.parent_id is None or parent_item.plan_id != plan.parent_id
    ):
        raise PlanRefused(_("The item implements only an item of the parent plan."))
    return due_on, starts_on


@transaction.atomic
def add_item(
    plan,
    *,
    user,
    activity,
    due_on=None,
    due_text="",
    starts_on=None,
    responsible=(),
    responsible_text="",
    result_form="",
    parent_item=None,
    number="",
) -> Item:
    """Add a row to a plan being drafted. Without a due date the written due («октябрь»,
    «II квартал») gives it."""
    if not may_edit(user, plan):
        raise PlanRefused(_("Only the plan's owner edits a plan being drafted."))
    due_on, starts_on = _checked_item(
        plan, activity, due_on, due_text, starts_on, responsible, parent_item
    )
    order = plan.items.count() + 1
    item = Item.objects.create(
        plan=plan,
        order=order,
        number=number or str(order),
        activity=activity.strip(),
        due_text=(due_text or "").strip()[:255],
        starts_on=starts_on,
        due_on=due_on,
        responsible_text=(responsible_text or "").strip()[:500],
        result_form=(result_form or "").strip()[:255],
        parent_item=parent_item,
    )
    item.responsible.set(list(responsible))
    return item


@transaction.atomic
def update_item(
    item,
    *,
    user,
    activity,
    due_on=None,
    due_text="",
    starts_on=None,
    responsible=(),
    result_form="",
    parent_item=None,
    number="",
) -> Item:
    """Change a row of a plan being drafted (or returned for revision): name its responsible
    people after an import, fix its due, link it to the parent plan's item."""
    plan = item.plan
    if not may_edit(user, plan):
        raise PlanRefused(_("Only the plan's owner edits a plan being drafted."))
    due_on, starts_on = _checked_item(
        plan, activity, due_on, due_text, starts_on, responsible, parent_item
    )
    item.number = number or item.number
    item.activity, item.due_text = activity.strip(), (due_text or "").strip()[:255]
    item.starts_on, item.due_on = starts_on, due_on
    item.result_form, item.parent_item = (result_form or "").strip()[:255], parent_item
    item.save()
    item.responsible.set(list(responsible))
    return item


@transaction.atomic
def remove_item(item, *, user) -> None:
    """Drop a row of a plan being drafted (the approved plan's items are never removed)."""
    if not may_edit(user, item.plan):
        raise PlanRefused(_("Only the plan's owner edits a plan being drafted."))
    plan = item.plan
    item.delete()
    for order, rest in enumerate(plan.items.order_by("order", "pk"), start=1):
        if rest.order != order:
            rest.order = order
            rest.save(update_fields=["order"])


@dataclass
class ImportReport:
    items: list = field(default_factory=list)
    # Rows whose due said nothing dateable: they are due at the period's end; check them.
    undated: list = field(default_factory=list)
    # Names in the responsible column that match nobody of the organisation.
    unknown_people: list = field(default_factory=list)


def match_people(text: str, organization) -> tuple[list[User], list[str]]:
    """The staff a «Ответственный» cell names («Иванова О. А., Кузнецова Е.П.»), by surname
    and, when given, initials; names that match nobody (or several people) are returned
    apart."""
    staff = list(User.objects.filter(organization=organization, is_active=True))
    found, unknown = [], []
    for name in re.split(r"[,;\n]|\sи\s", text or ""):
        name = name.strip(" .")
        if not name:
            continue
        words = re.findall(r"[А-ЯЁA-Z][а-яёa-z-]+|[А-ЯЁA-Z](?=\.)", name)
        surname = next((w for w in words if len(w) > 1), None)
        initials = [w[0] for w in words if w != surname]
        matches = [
            p
            for p in staff
            if surname
            and p.last_name.replace("ё", "е").lower() == surname.replace("ё", "е").lower()
            and all(
                i == (p.first_name[:1], p.middle_name[:1])[n] for n, i in enumerate(initials[:2])
            )
        ]
        if len(matches) == 1:
            if matches[0] not in found:
                found.append(matches[0])
        else:
            unknown.append(name)
    return found, unknown


@transaction.atomic
def import_items(plan, *, user, name, data) -> ImportReport:
    """Add the rows of the plan table in a .docx (columns №, мероприятие, сроки, ответственный,
    форма результата) to a plan being drafted."""
    if not may_edit(user, plan):
        raise PlanRefused(_("Only the plan's owner edits a plan being drafted."))
    rows = analyse(extract(name, data)).plan_items  # ImportRejected for unsafe files
    if not rows:
        raise PlanRefused(
            _("The file has no plan table (columns «Мероприятие», «Сроки», «Ответственный»).")
        )
    report = ImportReport()
    for row in rows:
        people, unknown = match_people(row["responsible"], plan.organization)
        item, exact = _add_row(plan, user, row, people)
        report.items.append(item)
        if not exact:
            report.undated.append(item)
        report.unknown_people += [n for n in unknown if n not in report.unknown_people]
    return report


def _add_row(plan, user, row, people):
    """An item from a row of a plan table (its due read in the plan's period); returns the
    item and whether the due was dateable."""
    due = read_due(row["due"], plan.period)
    item = add_item(
        plan,
        user=user,
        activity=row["activity"],
        due_on=due.due_on,
        starts_on=due.starts_on,
        due_text=row["due"],
        responsible=people,
        responsible_text=row["responsible"],
        result_form=row["result_form"],
        number=row["number"],
    )
    return item, due.exact


def check_revised_rows(plan, rows) -> list:
    """The rows of a corrected plan file (uploaded in the revise task), each with the staff it
    names; refused, before anything is stored, when a row names nobody of the organisation."""
    if not rows:
        raise PlanRefused(
            _("The file has no plan table (columns «Мероприятие», «Сроки», «Ответственный»).")
        )
    matched = []
    for number, row in enumerate(rows, start=1):
        people, unknown = match_people(row["responsible"], plan.organization)
        if not people or unknown:
            raise PlanRefused(
                _(
                    "Row %(n)s: «%(names)s» matches nobody of the organisation; name the "
                    "responsible people by surname and initials."
                )
                % {"n": number, "names": ", ".join(unknown) or row["responsible"] or "—"}
            )
        matched.append((row, people))
    return matched


@transaction.atomic
def items_from_revision(plan, version, *, user) -> Plan:
    """The corrected file is the plan now: its rows replace the items of the returned plan,
    so what is approved and what is controlled are the same."""
    rows = [
        {key: getattr(item, key) for key in ("number", "activity", "due", "responsible")}
        | {"result_form": item.result_form}
        for item in version.plan_items.all()
    ]
    matched = check_revised_rows(plan, rows)
    for item in list(plan.items.all()):
        remove_item(item, user=user)
    for row, people in matched:
        _add_row(plan, user, row, people)
    return plan


def check_ready(plan) -> None:
    """A plan goes for approval with items, each with somebody responsible for it."""
    items = list(plan.items.prefetch_related("responsible"))
    if not items:
        raise PlanRefused(_("The plan has no items."))
    orphans = [item.number or str(item.order) for item in items if not item.responsible.all()]
    if orphans:
        raise PlanRefused(
            _("Name the responsible people of items %(items)s.") % {"items": ", ".join(orphans)}
        )


# --- hooks of the plan's approval process ----------------------------------------------------


def submitted(plan, document) -> Plan:
    plan.document, plan.status = document, Plan.Status.ON_APPROVAL
    plan.save(update_fields=["document", "status"])
    return plan


def withdrawn(plan) -> Plan:
    """The approval was cancelled: the plan is a draft again (its document keeps its
    versions)."""
    plan.status = Plan.Status.DRAFT
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def activate(plan, *, now=None) -> Plan:
    """The plan is approved: every item becomes a controlled assignment of its responsible
    people, who are told; the plan is readable by the whole organisation."""
    now = now or timezone.now()
    plan.status, plan.approved_at = Plan.Status.APPROVED, now
    plan.save(update_fields=["status", "approved_at"])
    if plan.document_id:
        set_visibility(plan.document, Document.Visibility.ORGANIZATION)
    items = list(plan.items.prefetch_related("responsible"))
    for item in items:
        item.assigned_at, item.original_due_on = now, item.due_on
        item.save(update_fields=["assigned_at", "original_due_on"])
        for person in item.responsible.all():
            _notify(
                person,
                _("Plan item assigned to you: %(activity)s") % {"activity": item.activity[:200]},
                _("%(plan)s. Due: %(due)s.")
                % {"plan": plan.title, "due": item.due_on.strftime("%d.%m.%Y")},
                url=item_url(item),
            )
    _record(
        plan,
        AuditEntry.Action.ASSIGN,
        details=_("%(n)s plan items assigned for execution.") % {"n": len(items)},
    )
    return plan


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
    plan = item.plan
    late = item.state(timezone.localdate()) == "done_late"
    _notify(
        plan.owner,
        (_("Done late: %(activity)s") if late else _("Done: %(activity)s"))
        % {"activity": item.activity[:200]},
        f"{user.initials_name}: {report}",
        url=item_url(item),
    )
    _record(
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
        _notify(
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
    _notify(
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
    _record(
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
                _notify(
                    person,
                    _("Reminder: plan item due %(due)s")
                    % {"due": item.due_on.strftime("%d.%m.%Y")},
                    item.activity,
                    url=item_url(item),
                )
            item.reminded_at = now
            item.save(update_fields=["reminded_at"])
            _record(
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
                _notify(
                    person,
                    _("Overdue plan item: %(activity)s") % {"activity": item.activity[:200]},
                    _("Due %(due)s; responsible: %(who)s.")
                    % {"due": item.due_on.strftime("%d.%m.%Y"), "who": _names(people)},
                    url=item_url(item),
                )
            item.escalated_at = now
            item.save(update_fields=["escalated_at"])
            _record(
                plan,
                AuditEntry.Action.ESCALATE,
                details=_("Item %(n)s → %(to)s") % {"n": item.number, "to": _names(recipients)},
            )
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}


def _names(people) -> str:
    return ", ".join(p.initials_name for p in people) or "—"
