"""Who is who in an organisation: the reads that approval routing depends on."""

from django.db.models import QuerySet

from .models import Organization, Unit, User
from .roles import UNIT_LEAD_ROLES, Role


def users_with_role(organization: Organization, role: str, unit: Unit | None = None) -> QuerySet:
    """Active people holding `role` in `organization` (optionally only in `unit`)."""
    qs = User.objects.filter(organization=organization, is_active=True, groups__name=role)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("last_name", "first_name", "pk").distinct()


def organization_head(organization: Organization) -> User | None:
    """The head (director, head of the authority) of the organisation, if any."""
    return users_with_role(organization, Role.HEAD).first()


def organization_deputies(organization: Organization) -> QuerySet:
    """Deputy directors of the organisation."""
    return users_with_role(organization, Role.DEPUTY_DIRECTOR)


def unit_head(unit: Unit) -> User | None:
    """The unit's lead: the person named as its head, else the member with the leading role."""
    if unit.head_id and unit.head.is_active:
        return unit.head
    for role in UNIT_LEAD_ROLES:
        person = users_with_role(unit.organization, role, unit=unit).first()
        if person is not None:
            return person
    return None


def unit_deputy(unit: Unit) -> User | None:
    """The deputy head of the unit, when one is named."""
    if unit.deputy_id and unit.deputy.is_active:
        return unit.deputy
    return None


def superior_of(user: User) -> User | None:
    """Whom `user` answers to: their unit's lead, else the organisation's head, else the head of
    the parent organisation. Escalations of overdue tasks go there."""
    if user.unit_id:
        lead = unit_head(user.unit)
        if lead is not None and lead.pk != user.pk:
            return lead
    organization = user.organization
    while organization is not None:
        head = organization_head(organization)
        if head is not None and head.pk != user.pk:
            return head
        organization = organization.parent
    return None
