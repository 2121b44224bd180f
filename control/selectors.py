"""Reads of control of execution shared by the pages, the API and the reports: who sees which
поручения, the lists, and the discipline report (исполнительская дисциплина) in a constant
number of queries whatever the number of assignments."""

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from orgs.models import Organization, Unit, User
from orgs.roles import Role
from workflows.models import Substitution

from .models import Assignment

S = Assignment.Status
STATES = ("done_on_time", "done_late", "overdue", "open")
# Who sees all the поручения of their organisation (and of the organisations under it).
OVERSEERS = {Role.HEAD, Role.DEPUTY_DIRECTOR, Role.CLERK}


def organisations_under(organization_id) -> list[int]:
    """The organisation and every organisation below it in the tree (an authority's schools);
    one query per level of the tree."""
    found, level = [organization_id], [organization_id]
    while level:
        level = list(
            Organization.objects.filter(parent_id__in=level)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found += level
    return found


def overseen_by(user) -> list[int] | None:
    """The organisations whose поручения `user` oversees (None: all, for a superuser)."""
    if user.is_superuser:
        return None
    if user.organization_id is None or not user.roles & OVERSEERS:
        return []
    return organisations_under(user.organization_id)


def _rows():
    return Assignment.objects.select_related("executor", "controller", "document", "organization")


def visible_assignments(user):
    """Поручения `user` may see: their own (as executor or controller), those delegated from
    theirs, those of the people they stand in for today (services.acts_for), and all of the
    organisations they oversee."""
    qs = _rows()
    if not user.is_authenticated:
        return qs.none()
    orgs = overseen_by(user)
    if orgs is None:
        return qs
    today = timezone.localdate()
    # Subqueries, not joins: one pass over the table, and the number of queries stays the same.
    acting_for = Substitution.objects.filter(
        substitute_id=user.pk, starts_on__lte=today, ends_on__gte=today
    ).values("person_id")
    theirs = Assignment.objects.filter(executor_id=user.pk).values("pk")
    mine = Q(executor_id=user.pk) | Q(controller_id=user.pk) | Q(parent_id__in=theirs)
    mine |= Q(executor_id__in=acting_for) | Q(controller_id__in=acting_for)
    return qs.filter(mine | Q(organization_id__in=orgs)) if orgs else qs.filter(mine)


def listing(user, *, which="mine", state="", today=None):
    """The lists of the Поручения page: `mine` (I execute), `control` (I control), `all`
    (what I oversee); `state` narrows to open | overdue | reported | done."""
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return _rows().none()
    # One's own поручения are always visible: no need for the visibility condition.
    if which == "mine":
        qs = _rows().filter(executor_id=user.pk)
    elif which == "control":
        qs = _rows().filter(controller_id=user.pk)
    else:
        qs = visible_assignments(user)
    qs = qs.exclude(status=S.CANCELLED)
    if state == "open":
        qs = qs.filter(status=S.OPEN, deadline__gte=today)
    elif state == "overdue":
        qs = qs.filter(status=S.OPEN, deadline__lt=today)
    elif state == "reported":
        qs = qs.filter(status=S.REPORTED)
    elif state == "done":
        qs = qs.filter(status=S.DONE)
    elif which != "all":
        qs = qs.filter(status__in=[S.OPEN, S.REPORTED])
    return qs.order_by("deadline", "pk")


def _state_counts(today):
    done_on = Coalesce("completed_on", TruncDate("reported_at"))
    done = Q(status__in=[S.DONE, S.REPORTED])
    return {
        "total": Count("pk"),
        "done_on_time": Count("pk", filter=done & Q(done_on__lte=F("deadline"))),
        "done_late": Count("pk", filter=done & Q(done_on__gt=F("deadline"))),
        "overdue": Count("pk", filter=Q(status=S.OPEN, deadline__lt=today)),
        "open": Count("pk", filter=Q(status=S.OPEN, deadline__gte=today)),
    }, done_on


def discipline(user, *, start, end, today=None, organization_ids=None) -> dict:
    """Исполнительская дисциплина for the поручения due from `start` to `end`: how many were
    on control, done on time, done late, overdue and open (as of `today`), in all and per
    executor, per unit and per organisation. One pass over the поручения (counted per
    executor, unit and organisation together, summed here), whatever the number of rows:
    the same few queries."""
    today = today or timezone.localdate()
    counts, done_on = _state_counts(today)
    orgs = overseen_by(user)
    if orgs:
        # An overseer's report is of the organisations they oversee: their own поручения are
        # in them too (executors are staff of the organisation), and the plain condition
        # reads the (organization, deadline) index instead of scanning for the OR.
        qs = Assignment.objects.filter(organization_id__in=orgs)
    else:
        qs = visible_assignments(user)
    qs = qs.exclude(status=S.CANCELLED).filter(deadline__range=(start, end))
    if organization_ids:
        qs = qs.filter(organization_id__in=organization_ids)
    groups = list(
        qs.annotate(done_on=done_on)
        .order_by()
        .values("executor", "unit", "organization")
        .annotate(**counts)
    )
    total = dict.fromkeys(counts, 0)
    rows = {"executor": {}, "unit": {}, "organization": {}}
    for group in groups:
        for key, found in rows.items():
            row = found.setdefault(group[key], {key: group[key], **dict.fromkeys(counts, 0)})
            for name in counts:
                row[name] += group[name]
        for name in counts:
            total[name] += group[name]
    people = User.objects.in_bulk(list(rows["executor"]))
    units = Unit.objects.in_bulk([pk for pk in rows["unit"] if pk])
    orgs = Organization.objects.in_bulk(list(rows["organization"]))

    def share(row):
        row["on_time_share"] = (
            round(100 * row["done_on_time"] / row["total"]) if row["total"] else None
        )
        return row

    by_person = sorted(
        (
            share({**r, "name": _person(people.get(r["executor"]))})
            for r in rows["executor"].values()
        ),
        key=lambda r: (-r["overdue"], r["name"]),
    )
    by_unit = sorted(
        (
            share({**r, "name": str(units[r["unit"]]) if r["unit"] else "—"})
            for r in rows["unit"].values()
        ),
        key=lambda r: r["name"],
    )
    by_org = sorted(
        (share({**r, "name": str(orgs[r["organization"]])}) for r in rows["organization"].values()),
        key=lambda r: r["name"],
    )
    return {
        "start": start,
        "end": end,
        "today": today,
        "total": share(total),
        "people": by_person,
        "units": by_unit,
        "organizations": by_org,
    }


def _person(person) -> str:
    if person is None:
        return "—"
    return person.get_full_name() or person.username
