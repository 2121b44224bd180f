"""Roles of people in an organisation and the permissions each role grants.

A role is a Django group named by the role's code; `sync_role_groups` creates the groups and
grants these permissions after every migrate. Apps add their own permissions here as they land.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    SENIOR_METHODIST = "senior_methodist", _("Senior methodist")
    METHODIST = "methodist", _("Methodist")
    CLERK = "clerk", _("Clerk")
    STAFF = "staff", _("Staff member")


# Roles that lead a structural unit, strongest first: the head of a school service is a deputy
# director, the head of a department or laboratory of a municipal body a senior methodist.
UNIT_LEAD_ROLES = (Role.DEPUTY_DIRECTOR, Role.SENIOR_METHODIST, Role.HEAD)

_EVERYONE = (
    "orgs.view_organization",
    "orgs.view_unit",
    "documents.view_document",
    "registry.view_nomenclature",
    "registry.view_case",
    "registry.view_journal",
    "registry.view_registration",
    "registry.view_retentionrule",
)
# Clerks keep the nomenclature and the journals (the head approves the nomenclature).
_REGISTRY_KEEPING = (
    "registry.add_nomenclature",
    "registry.change_nomenclature",
    "registry.add_case",
    "registry.change_case",
    "registry.add_journal",
    "registry.change_journal",
    "registry.add_registration",
    "registry.change_registration",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.HEAD: _EVERYONE + ("orgs.view_user", "documents.add_document") + _REGISTRY_KEEPING,
    Role.DEPUTY_DIRECTOR: _EVERYONE + ("orgs.view_user",),
    Role.SENIOR_METHODIST: _EVERYONE + ("orgs.view_user",),
    Role.METHODIST: _EVERYONE,
    Role.CLERK: _EVERYONE + ("orgs.view_user", "documents.add_document") + _REGISTRY_KEEPING,
    Role.STAFF: _EVERYONE,
}
