import socket

import pytest
from django.db import DatabaseError

from config import health


def test_healthz_reports_every_part(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["broker"] == {"ok": True, "transport": "in-process"}
    assert data["search"]["backend"] == "tantivy" and data["search"]["ok"] is True


def test_healthz_needs_no_login_and_only_get(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_unreachable_broker_fails_without_leaking_credentials(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://:s3cret@127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "fail"
    assert data["broker"]["ok"] is False and data["broker"]["transport"] == "redis"
    assert "s3cret" not in response.content.decode()


def _listening(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_live_redis_broker_is_reported_up(client, db, settings):
    if not _listening(6379):
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    data = client.get("/healthz").json()
    assert data["broker"] == {"ok": True, "transport": "redis"}


def test_unreachable_elasticsearch_fails(client, db, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["search"]["backend"] == "elasticsearch"
    assert response.json()["search"]["ok"] is False


def test_broken_database_fails(client, db, monkeypatch):
    class BrokenConnection:
        vendor = "broken"

        def cursor(self):
            raise DatabaseError("down")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {
        "ok": False,
        "engine": "broken",
        "error": "DatabaseError",
    }
