"""Signing in with OpenID Connect against a fake provider served on 127.0.0.1 by the test: the
account is made at the first sign-in in the directory's organisation, the directory's groups
become roles, and follow the directory at the next sign-in."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.test import Client
from django.urls import include, path

from config.urls import urlpatterns as _project
from orgs.models import User

from .settings_probe import environment, run_django

CLIENT_ID, SECRET = "reglament", "a-test-only-client-secret-of-enough-length"

# The project's URLs, as config.urls has them with OIDC_RP_CLIENT_ID set.
urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *_project]


class Provider:
    """What the provider will say about the next person: their claims; the nonce comes from the
    authorisation request the browser was sent with."""

    def __init__(self):
        self.claims = {}
        self.nonce = None
        self.token_requests = []


@pytest.fixture
def provider(settings):
    state = Provider()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _json(self, body):
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):  # the token endpoint
            length = int(self.headers["Content-Length"])
            form = parse_qs(self.rfile.read(length).decode())
            state.token_requests.append(form)
            now = int(time.time())
            id_token = jwt.encode(
                {
                    "iss": f"http://127.0.0.1:{server.server_port}",
                    "sub": state.claims["sub"],
                    "aud": CLIENT_ID,
                    "iat": now,
                    "exp": now + 300,
                    "nonce": state.nonce,
                },
                SECRET,
                algorithm="HS256",
            )
            self._json({"access_token": "access-1", "token_type": "Bearer", "id_token": id_token})

        def do_GET(self):  # the userinfo endpoint
            assert self.headers["Authorization"] == "Bearer access-1"
            self._json(state.claims)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    settings.ROOT_URLCONF = __name__
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "orgs.directory.DirectoryOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_TIMEOUT = 5
    settings.DIRECTORY_ROLE_MAP = {"imc-methodists": "methodist", "imc-clerks": "clerk"}
    settings.DIRECTORY_ORGANIZATION = "imc"
    yield state
    server.shutdown()
    server.server_close()


def _sign_in(client, provider):
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    target = urlparse(start["Location"])
    assert target.path == "/authorize"
    query = parse_qs(target.query)
    assert query["client_id"] == [CLIENT_ID] and "openid" in query["scope"][0]
    provider.nonce = query["nonce"][0]
    return client.get("/oidc/callback/", {"code": "code-1", "state": query["state"][0]})


def test_first_sign_in_makes_the_account_with_roles(provider, org_tree):
    provider.claims = {
        "sub": "u-1",
        "preferred_username": "ivanova",
        "email": "ivanova@example.org",
        "given_name": "Мария",
        "family_name": "Иванова",
        "groups": ["imc-methodists", "everyone"],
    }
    client = Client()
    response = _sign_in(client, provider)
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(username="ivanova")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert (user.first_name, user.last_name, user.email) == (
        "Мария",
        "Иванова",
        "ivanova@example.org",
    )
    assert user.organization == org_tree["centre"]
    assert set(user.groups.values_list("name", flat=True)) == {"methodist"}
    # The code was exchanged with the client's secret, at the provider's token endpoint.
    assert provider.token_requests[-1]["code"] == ["code-1"]
    assert provider.token_requests[-1]["client_secret"] == [SECRET]


def test_roles_follow_the_directory(provider, org_tree):
    claims = {"sub": "u-2", "preferred_username": "petrov", "groups": ["imc-methodists"]}
    provider.claims = claims
    _sign_in(Client(), provider)
    provider.claims = {**claims, "groups": ["imc-clerks"]}
    _sign_in(Client(), provider)
    user = User.objects.get(username="petrov")
    assert set(user.groups.values_list("name", flat=True)) == {"clerk"}
    assert User.objects.filter(username="petrov").count() == 1


def test_a_forged_id_token_is_refused(provider, org_tree, settings):
    provider.claims = {"sub": "u-3", "preferred_username": "mallory", "groups": []}
    settings.OIDC_RP_CLIENT_SECRET = "another-secret-than-the-provider-signs-with"
    client = Client()
    response = _sign_in(client, provider)
    # mozilla-django-oidc answers a token that fails verification as a suspicious request.
    assert response.status_code == 400 and "_auth_user_id" not in client.session
    assert not User.objects.filter(username="mallory").exists()


def test_the_login_page_offers_the_directory(provider, db):
    page = Client().get("/accounts/login/").content.decode()
    assert 'href="/oidc/authenticate/"' in page


def test_without_oidc_the_login_page_has_no_directory_button(db):
    page = Client().get("/accounts/login/").content.decode()
    assert "/oidc/" not in page


def test_oidc_is_configured_by_the_environment():

    env = environment(
        drop=("OIDC_", "DIRECTORY_"),
        OIDC_RP_CLIENT_ID="reglament",
        OIDC_RP_CLIENT_SECRET="s",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://id.example.org/auth",
        OIDC_OP_TOKEN_ENDPOINT="https://id.example.org/token",
        OIDC_OP_USER_ENDPOINT="https://id.example.org/userinfo",
        OIDC_OP_JWKS_ENDPOINT="https://id.example.org/jwks",
        DIRECTORY_ROLE_MAP='{"CN=Methodists": "methodist"}',
        DIRECTORY_ORGANIZATION="imc",
    )
    code = (
        "import json; from django.conf import settings as s; "
        "from django.urls import reverse; print(json.dumps([s.AUTHENTICATION_BACKENDS, "
        "s.OIDC_OP_JWKS_ENDPOINT, s.OIDC_RP_SIGN_ALGO, s.DIRECTORY_ROLE_MAP, "
        "reverse('oidc_authentication_callback')]))"
    )
    result = run_django(env, code)
    assert result.returncode == 0, result.stderr
    backends, jwks, algo, role_map, callback = json.loads(result.stdout.splitlines()[-1])
    assert backends[-1] == "orgs.directory.DirectoryOIDCBackend"
    assert backends[0] == "orgs.access.LockoutBackend"  # the lockout still comes first
    assert (jwks, algo) == ("https://id.example.org/jwks", "RS256")
    assert role_map == {"CN=Methodists": "methodist"}
    assert callback == "/oidc/callback/"
