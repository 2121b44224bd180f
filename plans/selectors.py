"""Reads on plans shared by the pages, the report and the dashboard."""

from django.db.models import Q
from django.utils import timezone

from orgs.roles import Role

from .models import Extension, Item, Plan

STATES = ("done_on_time", "done_late", "overdue", "open")


def visible_plans(user):
    """Approved plans of the user's organisation; drafts and plans on approval to their owner,
    the organisation's head and deputies; any plan the user is responsible for an item of."""
    qs = Plan.objects.select_related("organization", "unit", "owner", "parent", "document")
    if user.is_superuser:
        return qs
    if not user.is_authenticated or user.organization_id is None:
        return qs.none()
    own = Q(organization_id=user.organization_id)
    condition = (own & Q(status=Plan.Status.APPROVED)) | Q(owner=user)
    if user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}:
        condition |= own
    condition |= Q(pk__in=Item.objects.filter(responsible=user).values("plan_id"))
    return qs.filter(condition)


def my_items(user):
    """The user's items of approved plans that are not done yet, most urgent first."""
    return (
        Item.objects.filter(
            responsible=user, plan__status=Plan.Status.APPROVED, completed_at__isnull=True
        )
        .select_related("plan")
        .order_by("due_on", "pk")
    )


def extensions_to_decide(user):
    """Extension requests waiting for `user` as the owner of the plan."""
    return (
        Extension.objects.filter(status=Extension.Status.PENDING, item__plan__owner=user)
        .select_related("item__plan", "requested_by")
        .order_by("created_at", "pk")
    )


def execution_report(plan, today=None) -> dict:
    """Items done on time / late / overdue / open as of `today`, in all and by responsible
    person (an item with two people counts for each of them)."""
    today = today or timezone.localdate()
    items = list(
        plan.items.prefetch_related("responsible")
        .select_related("result_document", "completed_by")
        .order_by("order", "pk")
    )
    totals = dict.fromkeys(STATES, 0)
    people = {}
    rows = []
    for item in items:
        state = item.state(today)
        totals[state] += 1
        rows.append({"item": item, "state": state})
        for person in item.responsible.all():
            entry = people.setdefault(
                person.pk, {"person": person, "total": 0, **dict.fromkeys(STATES, 0)}
            )
            entry[state] += 1
            entry["total"] += 1
    by_person = sorted(people.values(), key=lambda e: (e["person"].last_name, e["person"].pk))
    total = len(items)
    done = totals["done_on_time"] + totals["done_late"]
    return {
        "plan": plan,
        "today": today,
        "total": total,
        "counts": totals,
        "done": done,
        "done_percent": round(100 * done / total) if total else 0,
        "people": by_person,
        "rows": rows,
    }
