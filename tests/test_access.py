"""Signing in: guessing is locked out (per user name and address), failures are logged with both,
API clients use personal tokens (no HTTP Basic), issued and revoked on a page of the frame."""

import base64
import logging

import pytest
from django.core.management import call_command
from django.test import Client
from knox.models import AuthToken

LOGIN = "/accounts/login/"
TOKENS = "/workflow/tokens/"
LOCKED = "Слишком много неудачных попыток входа"


@pytest.fixture
def person(make_person):
    return make_person("methodist")


def _login(client, username="methodist", password="pw", ip="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_login_form_locks_after_the_limit(person, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(4):
        response = _login(client, password="wrong")
        assert response.status_code == 200  # the form again, «wrong password»
    response = _login(client, password="wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "<form" in page  # the login page, with the reason
    # The right password no longer helps.
    response = _login(client)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert not _signed_in(client)


def test_lockout_is_per_user_and_address(person, make_person):
    make_person("clerk")
    for _ in range(5):
        _login(Client(), password="wrong", ip="192.0.2.10")
    assert _login(Client(), ip="192.0.2.10").status_code == 429
    # The same person from another address, another person from the same one: not locked.
    other_address = Client()
    assert _login(other_address, ip="192.0.2.11").status_code == 302
    assert _signed_in(other_address)
    other_person = Client()
    assert _login(other_person, username="clerk", ip="192.0.2.10").status_code == 302


def test_successful_login_clears_the_count(person):
    for _ in range(4):
        _login(Client(), password="wrong")
    assert _login(Client()).status_code == 302
    for _ in range(4):
        _login(Client(), password="wrong")
    assert _login(Client()).status_code == 302


def test_administrator_unlocks_with_a_command(person):
    for _ in range(5):
        _login(Client(), password="wrong")
    assert _login(Client()).status_code == 429
    call_command("axes_reset_username", "methodist")
    client = Client()
    assert _login(client).status_code == 302 and _signed_in(client)


def test_administrator_unlocks_in_the_admin(person, make_person, settings):
    admin = make_person("root", is_staff=True, is_superuser=True)
    for _ in range(5):
        _login(Client(), password="wrong")
    staff = Client()
    staff.force_login(admin)
    listing = staff.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "methodist" in listing.content.decode()


def test_every_failure_is_logged_with_user_and_address(person, caplog):
    with caplog.at_level(logging.WARNING, logger="reglament.access"):
        _login(Client(), username="methodist", password="wrong", ip="198.51.100.7")
        _login(Client(), username="nobody", password="x", ip="198.51.100.8")
    lines = [r.getMessage() for r in caplog.records if r.name == "reglament.access"]
    assert any("'methodist'" in line and "198.51.100.7" in line for line in lines), lines
    assert any("'nobody'" in line and "198.51.100.8" in line for line in lines), lines
    assert all(r.levelno == logging.WARNING for r in caplog.records if r.name == "reglament.access")


def test_address_behind_a_trusted_proxy(person, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.WARNING, logger="reglament.access"):
        Client().post(
            LOGIN,
            {"username": "methodist", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.99, 203.0.113.5",
        )
    # The client may write anything in front; the proxy appended the last entry.
    assert "203.0.113.5" in caplog.text and "203.0.113.99" not in caplog.text


# --- the API ------------------------------------------------------------------------------------


def test_anonymous_api_request_is_401_with_the_scheme(db):
    response = Client().get("/api/v1/documents/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_http_basic_is_not_accepted(person):
    basic = base64.b64encode(b"methodist:pw").decode()
    response = Client().get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_is_issued_used_and_revoked_on_the_page(person):
    page = Client()
    page.force_login(person)
    assert page.get(TOKENS).status_code == 200
    response = page.post(TOKENS, {"days": "30"})
    assert response.status_code == 200
    token = response.context["new_token"]
    assert token and token in response.content.decode()
    record = AuthToken.objects.get(user=person)
    assert token not in record.digest  # kept as a digest only
    listing = page.get(TOKENS).content.decode()
    assert record.token_key in listing and token not in listing  # shown once

    api = Client()
    response = api.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200

    response = page.post(TOKENS, {"revoke": record.token_key})
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=person).exists()
    response = api.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401


def test_nobody_revokes_another_persons_token(person, make_person):
    _record, token = AuthToken.objects.create(user=person)
    other = Client()
    other.force_login(make_person("clerk"))
    other.post(TOKENS, {"revoke": _record.token_key})
    assert AuthToken.objects.filter(user=person).count() == 1
    response = Client().get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200


def test_tokens_are_limited_per_person(person, settings):
    page = Client()
    page.force_login(person)
    for _ in range(10):
        assert "new_token" in page.post(TOKENS, {"days": "30"}).context
    response = page.post(TOKENS, {"days": "30"})
    assert "new_token" not in response.context
    assert "отзовите" in response.content.decode()
    assert AuthToken.objects.filter(user=person).count() == 10


def test_the_tokens_page_needs_a_login(db):
    response = Client().get(TOKENS)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_wrong_tokens_lock_the_address_out(person, caplog):
    _record, token = AuthToken.objects.create(user=person)
    api = Client(REMOTE_ADDR="192.0.2.20")
    with caplog.at_level(logging.WARNING, logger="reglament.access"):
        for _ in range(4):
            response = api.get("/api/v1/documents/", HTTP_AUTHORIZATION="Token " + "0" * 64)
            assert response.status_code == 401
        response = api.get("/api/v1/documents/", HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert LOCKED in response.json()["detail"]
    assert "192.0.2.20" in caplog.text
    # Locked: even a good token from that address, until an administrator lifts it.
    response = api.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 429 and LOCKED in response.json()["detail"]
    elsewhere = Client(REMOTE_ADDR="192.0.2.21")
    assert (
        elsewhere.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    )
    call_command("axes_reset_ip", "192.0.2.20")
    assert api.get("/api/v1/documents/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_the_schema_describes_token_authentication(person):
    client = Client()
    client.force_login(person)
    schema = client.get("/api/v1/schema/?format=json").json()
    schemes = schema["components"]["securitySchemes"]
    assert "basicAuth" not in schemes
    token = schemes["tokenAuth"]
    assert token["type"] == "apiKey" and token["name"] == "Authorization"
    assert "Token" in token["description"]
    listing = schema["paths"]["/api/v1/documents/"]["get"]
    assert {"tokenAuth": []} in listing["security"]
