"""Settings for signing in with the organisation's directory, read from the environment.

OpenID Connect (mozilla-django-oidc, orgs.directory) is on when OIDC_RP_CLIENT_ID is set;
LDAP / Active Directory (django-auth-ldap, the `ldap` extra, orgs.ldap_directory) when
LDAP_SERVER_URI is set. The groups of both map to roles by DIRECTORY_ROLE_MAP (config/settings.py).
"""

from django.core.exceptions import ImproperlyConfigured


def directory_settings(env) -> dict:
    """The settings to add: Django settings by name, plus "apps" and "backends" to append."""
    found = {"apps": [], "backends": []}
    if env.str("OIDC_RP_CLIENT_ID", default=""):
        found.update(_oidc(env))
        found["apps"].append("mozilla_django_oidc")
        found["backends"].append("orgs.directory.DirectoryOIDCBackend")
    if env.str("LDAP_SERVER_URI", default=""):
        found.update(_ldap(env))
        found["backends"].append("orgs.ldap_directory.DirectoryLDAPBackend")
    return found


def _oidc(env):
    return {
        "OIDC_RP_CLIENT_ID": env.str("OIDC_RP_CLIENT_ID"),
        "OIDC_RP_CLIENT_SECRET": env.str("OIDC_RP_CLIENT_SECRET"),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": env.str("OIDC_OP_AUTHORIZATION_ENDPOINT"),
        "OIDC_OP_TOKEN_ENDPOINT": env.str("OIDC_OP_TOKEN_ENDPOINT"),
        "OIDC_OP_USER_ENDPOINT": env.str("OIDC_OP_USER_ENDPOINT"),
        "OIDC_OP_JWKS_ENDPOINT": env.str("OIDC_OP_JWKS_ENDPOINT", default="") or None,
        "OIDC_RP_SIGN_ALGO": env.str("OIDC_RP_SIGN_ALGO", default="RS256"),
        "OIDC_RP_SCOPES": env.str("OIDC_RP_SCOPES", default="openid email profile"),
        "OIDC_GROUPS_CLAIM": env.str("OIDC_GROUPS_CLAIM", default="groups"),
        "OIDC_TIMEOUT": 10,
    }


def _ldap(env):
    """The directory checks the password of a user found by LDAP_USER_FILTER under
    LDAP_USER_SEARCH_BASE; groups under LDAP_GROUP_SEARCH_BASE, of LDAP_GROUP_TYPE
    (groupOfNames, posix, or active_directory with nested groups)."""
    # Here, not at the top: python-ldap is an optional extra, needed only when LDAP is on.
    import ldap
    from django_auth_ldap.config import (
        GroupOfNamesType,
        LDAPSearch,
        NestedActiveDirectoryGroupType,
        PosixGroupType,
    )

    group_types = {
        "groupOfNames": GroupOfNamesType,
        "posix": PosixGroupType,
        "active_directory": NestedActiveDirectoryGroupType,
    }
    group_type = env.str("LDAP_GROUP_TYPE", default="groupOfNames")
    if group_type not in group_types:
        raise ImproperlyConfigured(
            f"LDAP_GROUP_TYPE must be one of {', '.join(group_types)}, not {group_type!r}."
        )
    user_base = env.str("LDAP_USER_SEARCH_BASE")
    return {
        "AUTH_LDAP_SERVER_URI": env.str("LDAP_SERVER_URI"),
        "AUTH_LDAP_BIND_DN": env.str("LDAP_BIND_DN", default=""),
        "AUTH_LDAP_BIND_PASSWORD": env.str("LDAP_BIND_PASSWORD", default=""),
        "AUTH_LDAP_START_TLS": env.bool("LDAP_START_TLS", default=False),
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            user_base,
            ldap.SCOPE_SUBTREE,
            env.str("LDAP_USER_FILTER", default="(uid=%(user)s)"),
        ),
        "AUTH_LDAP_GROUP_TYPE": group_types[group_type](),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(
            env.str("LDAP_GROUP_SEARCH_BASE", default=user_base),
            ldap.SCOPE_SUBTREE,
            "(objectClass=*)",
        ),
        "AUTH_LDAP_USER_ATTR_MAP": {"first_name": "givenName", "last_name": "sn", "email": "mail"},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_CONNECTION_OPTIONS": {ldap.OPT_NETWORK_TIMEOUT: 10, ldap.OPT_REFERRALS: 0},
    }
