"""What every answer carries and every log line says: the CSP header, the API's pages served from
our own static files, the request id; beat's schedule in the state directory."""

import io
import json
import logging
import re
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.test import Client

CDN = re.compile(r"https?://(?!testserver)[\w.-]+", re.I)


@pytest.fixture
def person(make_person):
    return make_person("methodist")


@pytest.fixture
def signed_in(person):
    client = Client()
    client.force_login(person)
    return client


def _csp(response):
    return dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


def test_pages_carry_a_content_security_policy(db, signed_in):
    for client, path in ((Client(), "/accounts/login/"), (signed_in, "/api/v1/docs/")):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = _csp(response)
        assert policy["default-src"] == "'self'", path
        # Scripts only from this server: no inline ones, no CDN.
        assert policy["script-src"] == "'self'", path
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'self'"


def _assets(html):
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_swagger_ui_is_served_locally(signed_in):
    response = signed_in.get("/api/v1/docs/")
    html = response.content.decode()
    assets = _assets(html)
    assert not [a for a in assets if CDN.match(a)], assets
    assert "@latest" not in html and "cdn" not in html.lower()
    assert "<script>" not in html  # its start-up script is a file (?script), for the CSP
    scripts = [a for a in assets if a.endswith(".js") or "script" in a]
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in a for a in assets)
    assert any(a.endswith("?script=") for a in scripts), scripts
    assert signed_in.get("/api/v1/docs/?script=").status_code == 200
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


# --- log lines ------------------------------------------------------------------------------


@pytest.fixture
def log_stream(settings):
    """The project's console handler (its formatter and filter from LOGGING) on a buffer."""

    def attach(fmt):
        config = django_settings.LOGGING
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(_build(config["filters"]["request"]))
        handler.setFormatter(_build(config["formatters"][fmt]))
        logger = logging.getLogger("reglament.access")
        logger.addHandler(handler)
        attached.append((logger, handler))
        return stream

    attached = []
    yield attach
    for logger, handler in attached:
        logger.removeHandler(handler)


def _build(spec):
    from django.utils.module_loading import import_string

    spec = dict(spec)
    if "()" in spec:
        return import_string(spec.pop("()"))(**spec)
    return logging.Formatter(spec["format"], spec.get("datefmt"))


def test_log_lines_have_time_level_logger_user_and_request_id(signed_in, log_stream):
    stream = log_stream("text")
    response = signed_in.post("/workflow/tokens/", {"days": "30"}, HTTP_X_REQUEST_ID="req-42")
    assert response["X-Request-ID"] == "req-42"
    line = stream.getvalue().strip().splitlines()[-1]
    assert re.match(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d{4} INFO reglament\.access "
        r"user=methodist request=req-42 API token ",
        line,
    ), line


def test_a_request_without_an_id_gets_one(db, log_stream):
    stream = log_stream("text")
    response = Client().post(
        "/accounts/login/",
        {"username": "x", "password": "y"},
        HTTP_X_REQUEST_ID="bad id with spaces",
    )
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    line = stream.getvalue().strip().splitlines()[-1]
    assert f"WARNING reglament.access user=- request={request_id} " in line


def test_json_log_lines(signed_in, log_stream):
    stream = log_stream("json")
    signed_in.post("/workflow/tokens/", {"days": "30"}, HTTP_X_REQUEST_ID="req-43")
    entry = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert entry["level"] == "INFO" and entry["logger"] == "reglament.access"
    assert entry["user"] == "methodist" and entry["request_id"] == "req-43"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", entry["time"])
    assert entry["message"].startswith("API token ")


def test_log_lines_outside_a_request(log_stream):
    stream = log_stream("text")
    logging.getLogger("reglament.access").warning("from a task")
    assert "user=- request=- from a task" in stream.getvalue()


# --- beat ---------------------------------------------------------------------------------------


def test_beat_makes_its_state_directory(tmp_path):
    from config.celery import StateDirScheduler, app

    schedule = tmp_path / "state" / "deeper" / "celerybeat-schedule"
    scheduler = StateDirScheduler(app=app, schedule_filename=str(schedule), lazy=False)
    scheduler.sync()
    scheduler.close()
    assert schedule.parent.is_dir() and any(schedule.parent.iterdir())


def test_beat_uses_the_state_directory_scheduler():
    from config.celery import app

    assert app.conf.beat_scheduler == "config.celery:StateDirScheduler"
    assert app.conf.beat_schedule_filename == str(django_settings.STATE_DIR / "celerybeat-schedule")


# --- server errors reach the administrators ----------------------------------------------------


def _broken(request):
    raise RuntimeError("the disk is full")


def test_a_server_error_is_mailed_to_admins(db, settings, mailoutbox, monkeypatch):
    """The 500 page says the administrators are told: they are, when ADMINS is set."""
    from django.urls import path

    from config.urls import urlpatterns as project

    module = type(sys)("broken_urls")
    module.urlpatterns = [path("broken/", _broken), *project]
    monkeypatch.setitem(sys.modules, "broken_urls", module)
    settings.ROOT_URLCONF = "broken_urls"
    settings.ADMINS = [("Ops", "ops@example.org")]
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert [m.to for m in mailoutbox] == [["ops@example.org"]]
    assert "/broken/" in mailoutbox[0].subject and "the disk is full" in mailoutbox[0].body
