"""Writes with business rules for organisations and people."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User
from .roles import ROLE_PERMISSIONS, Role


def sync_role_groups(using="default"):
    """Create a group per role and grant it the role's permissions.

    Runs after every migrate. Permissions whose models are not migrated yet are skipped; the
    signal for the last app completes the set. Permissions added by hand are left in place.
    """
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    for role in Role:
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        perms = [by_name[name] for name in ROLE_PERMISSIONS.get(role, ()) if name in by_name]
        if perms:
            group.permissions.add(*perms)


def validate_roles(user, roles: Iterable[str]):
    """Refuse a role set that breaks the organisation's structure (one head per organisation)."""
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ValidationError(_("Unknown roles: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if Role.HEAD in roles:
        if user.organization_id is None:
            raise ValidationError(_("A head must belong to an organisation."))
        other_head = (
            User.objects.filter(
                organization_id=user.organization_id, is_active=True, groups__name=Role.HEAD
            )
            .exclude(pk=user.pk)
            .first()
        )
        if other_head is not None:
            raise ValidationError(
                _("%(org)s already has a head: %(person)s.")
                % {"org": user.organization, "person": other_head}
            )


@transaction.atomic
def assign_roles(user, roles: Iterable[str]):
    """Give `user` exactly these roles (other, non-role groups are kept)."""
    roles = set(roles)
    validate_roles(user, roles)
    role_groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    missing = roles - set(role_groups)
    if missing:
        # Groups normally come from post_migrate; create them if this database skipped it.
        sync_role_groups()
        role_groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    user.groups.remove(*[g for name, g in role_groups.items() if name not in roles])
    user.groups.add(*[role_groups[name] for name in roles])
    user.__dict__.pop("_roles", None)  # User.roles reads them again


def sync_roles_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver (connected in OrgsConfig.ready)."""
    sync_role_groups(using=using)
