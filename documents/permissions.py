"""Who may do what with a document, beyond reading it (see selectors.visible_documents)."""

from orgs.roles import Role


def can_upload_to(user, organization) -> bool:
    return user.is_superuser or (
        user.is_authenticated
        and organization is not None
        and user.organization_id == organization.pk
    )


def can_add_version(user, document) -> bool:
    if user.is_superuser or document.author_id == user.pk:
        return True
    return user.organization_id == document.organization_id and bool(
        user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR, Role.CLERK}
    )
