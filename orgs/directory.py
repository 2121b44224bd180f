"""Signing in with the organisation's directory: OpenID Connect (mozilla-django-oidc) here,
LDAP / Active Directory in orgs.ldap_directory.

The provider's groups (the groups claim; LDAP: the groups' DNs and names) are mapped to roles
by DIRECTORY_ROLE_MAP ({"group": "role"}); a person signing in the first time gets an account
in DIRECTORY_ORGANIZATION (an organisation's code). The roles follow the directory at every
sign-in; a group set that breaks the organisation's structure (a second head) leaves the roles
as they were, and says so in the log.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import Organization
from .services import assign_roles

log = logging.getLogger("reglament.access")


def roles_from_groups(groups) -> set[str]:
    mapping = getattr(settings, "DIRECTORY_ROLE_MAP", {}) or {}
    return {mapping[group] for group in groups or () if group in mapping}


def apply_directory_roles(*, user, groups):
    """Give `user` the roles their directory groups map to."""
    roles = roles_from_groups(groups)
    try:
        assign_roles(user, roles)
    except ValidationError as refusal:
        log.warning(
            "Directory roles %s of %s not applied: %s",
            sorted(roles),
            user.username,
            "; ".join(refusal.messages),
        )


def directory_organization():
    code = getattr(settings, "DIRECTORY_ORGANIZATION", "")
    return Organization.objects.filter(code=code).first() if code else None


class DirectoryOIDCBackend(OIDCAuthenticationBackend):
    """People are matched by their user name at the provider (preferred_username), not by
    e-mail: an address can change hands, a login does not."""

    def get_username(self, claims):
        return claims.get("preferred_username") or claims["sub"]

    def verify_claims(self, claims):
        return bool(claims.get("preferred_username") or claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.get_username(claims))

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(
            self.get_username(claims),
            email=claims.get("email", ""),
            organization=directory_organization(),
        )
        log.info("Account %s created at the first sign-in with OpenID Connect", user.username)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = claims.get("given_name", user.first_name)
        user.last_name = claims.get("family_name", user.last_name)
        user.email = claims.get("email", user.email)
        user.save(update_fields=["first_name", "last_name", "email"])
        groups_claim = getattr(settings, "OIDC_GROUPS_CLAIM", "groups")
        apply_directory_roles(user=user, groups=claims.get(groups_claim, []))
        return user
