"""Signing in with LDAP against a real directory started by the test: Debian's slapd on
127.0.0.1, with people and groupOfNames groups. The directory checks the password, the account is
made at the first sign-in in the directory's organisation, groups become roles (and follow the
directory), and a wrong directory password counts towards the lockout like any other.

Skipped, with the reason, where slapd or python-ldap is missing (apt-get install slapd
libldap-dev libsasl2-dev; pip install '.[ldap]')."""

import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.test import Client

from orgs.models import User

from .settings_probe import environment, run_django

ldap = pytest.importorskip("ldap", reason="python-ldap is not installed (the `ldap` extra)")
pytest.importorskip("django_auth_ldap", reason="django-auth-ldap is not installed")
SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if Path("/usr/sbin/slapd").exists() else None)
pytestmark = pytest.mark.skipif(
    SLAPD is None, reason="slapd is not installed (apt-get install slapd)"
)

BASE = "dc=example,dc=org"
ADMIN, ADMIN_PW = f"cn=admin,{BASE}", "admin-secret"
SCHEMA = Path("/etc/ldap/schema")

CONFIG = """
include {schema}/core.schema
include {schema}/cosine.schema
include {schema}/inetorgperson.schema
include {schema}/nis.schema
pidfile {dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{base}"
rootdn "{admin}"
rootpw {admin_pw}
directory {dir}/data
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def directory():
    """slapd on a free loopback port, filled with two people and two groups."""
    folder = Path(tempfile.mkdtemp(prefix="reglament-slapd-"))
    (folder / "data").mkdir()
    conf = folder / "slapd.conf"
    conf.write_text(
        CONFIG.format(schema=SCHEMA, dir=folder, base=BASE, admin=ADMIN, admin_pw=ADMIN_PW)
    )
    port = _free_port()
    uri = f"ldap://127.0.0.1:{port}"
    server = subprocess.Popen(
        [SLAPD, "-f", str(conf), "-h", f"{uri}/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        connection = _connect(uri, server)
        _fill(connection)
        connection.unbind_s()
        yield uri
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _connect(uri, server):
    deadline = time.monotonic() + 15
    while True:
        try:
            connection = ldap.initialize(uri)
            connection.simple_bind_s(ADMIN, ADMIN_PW)
            return connection
        except ldap.SERVER_DOWN:
            if server.poll() is not None or time.monotonic() > deadline:
                message = f"slapd did not start: {server.stderr.read().decode()}"
                raise RuntimeError(message) from None
            time.sleep(0.1)


def _fill(connection):
    def add(dn, **attrs):
        connection.add_s(
            dn,
            [
                (key, [v.encode() for v in (value if isinstance(value, list) else [value])])
                for key, value in attrs.items()
            ],
        )

    add(BASE, objectClass=["top", "dcObject", "organization"], o="Example", dc="example")
    add(f"ou=people,{BASE}", objectClass="organizationalUnit", ou="people")
    add(f"ou=groups,{BASE}", objectClass="organizationalUnit", ou="groups")
    for uid, given, family, password in (
        ("sidorova", "Ольга", "Сидорова", "directory-pw-1"),
        ("kozlov", "Пётр", "Козлов", "directory-pw-2"),
    ):
        add(
            f"uid={uid},ou=people,{BASE}",
            objectClass="inetOrgPerson",
            uid=uid,
            cn=f"{given} {family}",
            givenName=given,
            sn=family,
            mail=f"{uid}@example.org",
            userPassword=password,
        )
    add(
        f"cn=methodists,ou=groups,{BASE}",
        objectClass="groupOfNames",
        cn="methodists",
        member=[f"uid=sidorova,ou=people,{BASE}"],
    )
    add(
        f"cn=clerks,ou=groups,{BASE}",
        objectClass="groupOfNames",
        cn="clerks",
        # A second member: a groupOfNames may not be left empty when the test moves kozlov.
        member=[f"uid=kozlov,ou=people,{BASE}", ADMIN],
    )


@pytest.fixture
def ldap_settings(directory, settings):
    from django_auth_ldap.config import GroupOfNamesType, LDAPSearch

    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "orgs.ldap_directory.DirectoryLDAPBackend",
    ]
    settings.AUTH_LDAP_SERVER_URI = directory
    settings.AUTH_LDAP_BIND_DN = ADMIN
    settings.AUTH_LDAP_BIND_PASSWORD = ADMIN_PW
    settings.AUTH_LDAP_USER_SEARCH = LDAPSearch(
        f"ou=people,{BASE}", ldap.SCOPE_SUBTREE, "(uid=%(user)s)"
    )
    settings.AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
        f"ou=groups,{BASE}", ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"
    )
    settings.AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
    settings.AUTH_LDAP_USER_ATTR_MAP = {
        "first_name": "givenName",
        "last_name": "sn",
        "email": "mail",
    }
    settings.AUTH_LDAP_ALWAYS_UPDATE_USER = True
    settings.DIRECTORY_ROLE_MAP = {
        f"cn=methodists,ou=groups,{BASE}": "methodist",  # by DN
        "clerks": "clerk",  # by name
    }
    settings.DIRECTORY_ORGANIZATION = "imc"
    return directory


def _login(username, password, ip="127.0.0.1"):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return client, response


def test_directory_password_signs_in_and_makes_the_account(ldap_settings, org_tree):
    client, response = _login("sidorova", "directory-pw-1")
    assert response.status_code == 302 and "_auth_user_id" in client.session
    user = User.objects.get(username="sidorova")
    assert (user.first_name, user.last_name, user.email) == (
        "Ольга",
        "Сидорова",
        "sidorova@example.org",
    )
    assert user.organization == org_tree["centre"]
    assert set(user.groups.values_list("name", flat=True)) == {"methodist"}
    assert not user.has_usable_password()  # the directory keeps the password


def test_groups_by_name_and_roles_follow_the_directory(ldap_settings, org_tree, directory):
    _login("kozlov", "directory-pw-2")
    user = User.objects.get(username="kozlov")
    assert set(user.groups.values_list("name", flat=True)) == {"clerk"}
    connection = ldap.initialize(directory)
    connection.simple_bind_s(ADMIN, ADMIN_PW)
    member = f"uid=kozlov,ou=people,{BASE}".encode()
    clerks, methodists = f"cn=clerks,ou=groups,{BASE}", f"cn=methodists,ou=groups,{BASE}"

    def move(source, target):
        connection.modify_s(target, [(ldap.MOD_ADD, "member", [member])])
        connection.modify_s(source, [(ldap.MOD_DELETE, "member", [member])])

    move(clerks, methodists)
    try:
        _login("kozlov", "directory-pw-2")
        assert set(user.groups.values_list("name", flat=True)) == {"methodist"}
    finally:
        move(methodists, clerks)
        connection.unbind_s()


def test_wrong_directory_password_is_refused_and_locks_out(ldap_settings, org_tree):
    for _ in range(4):
        client, response = _login("sidorova", "wrong", ip="192.0.2.30")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    _client, response = _login("sidorova", "wrong", ip="192.0.2.30")
    assert response.status_code == 429
    # Locked: the directory is not even asked.
    client, response = _login("sidorova", "directory-pw-1", ip="192.0.2.30")
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_ldap_is_configured_by_the_environment():
    env = environment(
        drop=("LDAP_", "DIRECTORY_", "OIDC_"),
        LDAP_SERVER_URI="ldaps://dc1.example.org",
        LDAP_BIND_DN="CN=reglament,OU=Service,DC=example,DC=org",
        LDAP_BIND_PASSWORD="pw",
        LDAP_USER_SEARCH_BASE="OU=Staff,DC=example,DC=org",
        LDAP_USER_FILTER="(sAMAccountName=%(user)s)",
        LDAP_GROUP_TYPE="active_directory",
    )
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.AUTHENTICATION_BACKENDS, s.AUTH_LDAP_SERVER_URI, "
        "s.AUTH_LDAP_USER_SEARCH.base_dn, s.AUTH_LDAP_USER_SEARCH.filterstr, "
        "type(s.AUTH_LDAP_GROUP_TYPE).__name__]))"
    )
    result = run_django(env, code)
    assert result.returncode == 0, result.stderr

    backends, uri, base, filterstr, group_type = json.loads(result.stdout.splitlines()[-1])
    assert backends[0] == "orgs.access.LockoutBackend"
    assert backends[-1] == "orgs.ldap_directory.DirectoryLDAPBackend"
    assert uri == "ldaps://dc1.example.org"
    assert (base, filterstr) == ("OU=Staff,DC=example,DC=org", "(sAMAccountName=%(user)s)")
    assert group_type == "NestedActiveDirectoryGroupType"
    result = run_django({**env, "LDAP_GROUP_TYPE": "novell"})
    assert result.returncode != 0 and "LDAP_GROUP_TYPE must be one of" in result.stderr
