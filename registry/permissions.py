"""Who may read and keep the registry of an organisation."""

from orgs.roles import Role

KEEPERS = {Role.CLERK, Role.HEAD}


def can_view(user, organization) -> bool:
    return user.is_superuser or (user.is_authenticated and user.organization_id == organization.pk)


def can_manage(user, organization) -> bool:
    """Clerks keep the nomenclature and the journals; the head may too."""
    return user.is_superuser or (
        user.is_authenticated
        and user.organization_id == organization.pk
        and bool(user.roles & KEEPERS)
    )
