"""Acting substitutes (ИО) and the organisations' approval routes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.roles import Role

from ..models import (
    ApprovalStep,
    AuditEntry,
    RouteTemplate,
    Substitution,
)
from .audit import WorkflowRefused

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


# --- substitution ----------------------------------------------------------------------------


def acting_substitute(person, on_date=None):
    """Who acts for `person` on the date (ИО), if anybody."""
    on_date = on_date or timezone.localdate()
    found = (
        Substitution.objects.select_related("substitute")
        .filter(person=person, starts_on__lte=on_date, ends_on__gte=on_date)
        .order_by("-starts_on", "-pk")
        .first()
    )
    return found.substitute if found and found.substitute.is_active else None


def name_substitute(person, *, substitute, starts_on, ends_on, reason="") -> Substitution:
    """Name an acting substitute for a date range."""
    if substitute.pk == person.pk:
        raise WorkflowRefused(_("A person cannot substitute for themselves."))
    if ends_on < starts_on:
        raise WorkflowRefused(_("The range ends before it starts."))
    overlapping = Substitution.objects.filter(
        person=person, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlapping.exists():
        raise WorkflowRefused(_("Another substitute is already named for these dates."))
    return Substitution.objects.create(
        person=person, substitute=substitute, starts_on=starts_on, ends_on=ends_on, reason=reason
    )


# --- routes ----------------------------------------------------------------------------------


def may_edit_routes(user, organization) -> bool:
    return user.is_superuser or (
        organization is not None
        and user.organization_id == organization.pk
        and user.has_role(Role.HEAD)
    )


@transaction.atomic
def save_route_template(
    organization,
    process,
    *,
    user,
    stages,
    restart,
    initiator_may_add,
    initiator_may_skip,
    max_stages,
) -> RouteTemplate:
    """The head sets the organisation's default route of a process and the limits within which
    initiators adjust it. Approvals already under way keep the route they started with."""
    if not may_edit_routes(user, organization):
        raise WorkflowRefused(_("Only the head of the organisation sets its approval routes."))
    if not stages:
        raise WorkflowRefused(_("The route has no stages."))
    for number, stage in enumerate(stages, 1):
        if not stage.get("participants"):
            raise WorkflowRefused(_("Stage %(n)s has nobody on it.") % {"n": number})
    if max_stages < len(stages):
        raise WorkflowRefused(
            _("The limit of stages (%(max)s) is below the route's own %(n)s stages.")
            % {"max": max_stages, "n": len(stages)}
        )
    template, _created = RouteTemplate.objects.update_or_create(
        organization=organization,
        process=process,
        defaults={
            "stages": stages,
            "restart": restart,
            "initiator_may_add": initiator_may_add,
            "initiator_may_skip": initiator_may_skip,
            "max_stages": max_stages,
        },
    )
    return template
