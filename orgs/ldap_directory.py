"""Signing in with LDAP / Active Directory (django-auth-ldap, the `ldap` extra): on when
LDAP_SERVER_URI is set (config/settings.py). The directory checks the password; the person's
groups (by DN or by name) map to roles by DIRECTORY_ROLE_MAP at every sign-in, and a person
new to Reglament joins DIRECTORY_ORGANIZATION (orgs.directory)."""

from django_auth_ldap.backend import LDAPBackend

from .directory import apply_directory_roles, directory_organization


class DirectoryLDAPBackend(LDAPBackend):
    def get_or_build_user(self, username, ldap_user):
        user, built = super().get_or_build_user(username, ldap_user)
        if built and user.organization_id is None:
            user.organization = directory_organization()
        return user, built

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is not None:
            groups = set(ldap_user.group_dns) | set(ldap_user.group_names)
            apply_directory_roles(user=user, groups=groups)
        return user
