"""Drafting plans and their items (while a draft or returned for revision)."""


from django.db import transaction
from django.utils.translation import gettext as _

from workflows.models import Approval

from ..dues import read_due
from ..models import Item, Plan
from ..periods import Period, PeriodInvalid
from .base import DRAFTERS, PlanRefused

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
    section="",
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
        section=(section or "").strip()[:500],
    )
    item.responsible.set(list(responsible))
    _keep_sections_together(plan, item)
    return item


def _keep_sections_together(plan, item):
    """An item of a section the plan already has stands after that section's last item, so
    the plan's table shows each section once with its items under it."""
    if not item.section:
        return
    items = list(plan.items.order_by("order", "pk"))
    at = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbours = items[max(at - 1, 0) : at] + items[at + 1 : at + 2]
    others = [other for other in items if other.pk != item.pk]
    same = [i for i, other in enumerate(others) if other.section == item.section]
    if not same or any(n.section == item.section for n in neighbours):
        return
    others.insert(same[-1] + 1, item)
    for order, other in enumerate(others, start=1):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order"])


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
    section="",
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
    item.section = (section or "").strip()[:500]
    item.save()
    item.responsible.set(list(responsible))
    _keep_sections_together(plan, item)
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

