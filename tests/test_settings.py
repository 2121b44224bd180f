"""Settings come from the environment: each case runs the real settings module in a child
process with a controlled environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "HOST": db.get("HOST", ""),
    "PORT": str(db.get("PORT", "")), "USER": db.get("USER", ""),
    "OPTIONS": {k: v for k, v in db.get("OPTIONS", {}).items()},
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "SEARCH_BACKEND": settings.SEARCH_BACKEND,
    "SEARCH_INDEX_DIR": str(settings.SEARCH_INDEX_DIR),
    "SEARCH_OUTBOX_DRAIN": settings.SEARCH_OUTBOX_DRAIN,
    "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST, "EMAIL_PORT": settings.EMAIL_PORT,
    "EMAIL_USE_TLS": settings.EMAIL_USE_TLS, "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE, "TIME_ZONE": settings.TIME_ZONE,
    "SECURE_SSL_REDIRECT": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "SECURE_HSTS_SECONDS": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "ADMINS": [list(a) for a in settings.ADMINS],
    "BEAT_SCHEDULE": settings.CELERY_BEAT_SCHEDULE_FILENAME,
    "LOG_FORMATTER": settings.LOGGING["handlers"]["console"]["formatter"],
}))
"""

OUR_VARS = {
    "READ_DOT_ENV",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "MEDIA_ROOT",
    "SEARCH_BACKEND",
    "SEARCH_INDEX_DIR",
    "SEARCH_OUTBOX_DRAIN",
    "ELASTICSEARCH_URL",
    "TIME_ZONE",
    "SECURE_SSL_REDIRECT",
    "DJANGO_SETTINGS_MODULE",
    "ALLOW_CONSOLE_EMAIL",
    "ADMINS",
    "STATE_DIR",
    "STATE_DIRECTORY",
    "XDG_STATE_HOME",
    "LOG_FORMAT",
}


def load_settings(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in OUR_VARS and not k.startswith("EMAIL_")
    }
    clean.setdefault("READ_DOT_ENV", "0")
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    code = "import django; django.setup()\n" + PROBE
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def parsed(**env):
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_secret_key_is_required_without_debug():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_development_defaults():
    s = parsed(DEBUG="1")
    assert s["DEBUG"] is True
    assert s["SECRET_KEY"].startswith("django-insecure-")
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["NAME"] == str(ROOT / "db.sqlite3")
    assert s["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert s["CELERY_BROKER_URL"] == "" and s["CELERY_TASK_ALWAYS_EAGER"] is True
    assert s["MEDIA_ROOT"] == str(ROOT / "media")
    assert s["SEARCH_BACKEND"] == "tantivy"
    assert s["SEARCH_INDEX_DIR"] == str(ROOT / "search-index")
    assert s["SEARCH_OUTBOX_DRAIN"] == "background"  # never in the request
    assert s["LANGUAGE_CODE"] == "ru" and s["TIME_ZONE"] == "Europe/Moscow"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert "127.0.0.1" in s["ALLOWED_HOSTS"] and "localhost" in s["ALLOWED_HOSTS"]
    assert s["SECURE_SSL_REDIRECT"] is False


def test_production_environment_is_parsed():
    s = parsed(
        DEBUG="0",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="reglament.example.org,docs.example.org",
        DATABASE_URL="postgres://reg:pw@db.internal:5433/reglament",
        CELERY_BROKER_URL="redis://cache.internal:6379/1",
        MEDIA_ROOT="/srv/reglament/media",
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL="http://es.internal:9200",
        TIME_ZONE="Asia/Yekaterinburg",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="reglament@example.org",
    )
    assert s["DEBUG"] is False and s["SECRET_KEY"] == "k" * 60
    assert s["ALLOWED_HOSTS"] == ["reglament.example.org", "docs.example.org"]
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert (s["NAME"], s["HOST"], s["PORT"], s["USER"]) == (
        "reglament",
        "db.internal",
        "5433",
        "reg",
    )
    assert s["CELERY_BROKER_URL"] == "redis://cache.internal:6379/1"
    assert s["CELERY_TASK_ALWAYS_EAGER"] is False
    assert s["MEDIA_ROOT"] == "/srv/reglament/media"
    assert s["SEARCH_BACKEND"] == "elasticsearch"
    assert s["ELASTICSEARCH_URL"] == "http://es.internal:9200"
    assert s["TIME_ZONE"] == "Asia/Yekaterinburg"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_USE_TLS"]) == ("smtp.example.org", 587, True)
    assert s["DEFAULT_FROM_EMAIL"] == "reglament@example.org"
    assert s["SECURE_SSL_REDIRECT"] is True and s["SESSION_COOKIE_SECURE"] is True
    assert s["SECURE_HSTS_SECONDS"] > 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SEARCH_BACKEND": "solr"},
            "SEARCH_BACKEND must be one of tantivy, database, elasticsearch",
        ),
        (
            {"SEARCH_BACKEND": "elasticsearch"},
            "SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL",
        ),
    ],
)
def test_bad_search_configuration_is_refused(env, message):
    result = load_settings(DEBUG="1", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_local_dot_env_fills_in_but_the_environment_wins(tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(ROOT / "config", project / "config")
    (project / ".env").write_text("DEBUG=1\nTIME_ZONE=Asia/Omsk\n")
    code = (
        "import json, config.settings as s; "
        "print(json.dumps([s.DEBUG, s.TIME_ZONE, s.SECRET_KEY.startswith('django-insecure')]))"
    )
    base = {k: v for k, v in os.environ.items() if k not in OUR_VARS}
    base["PYTHONPATH"] = str(project)

    def run(**env):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=project,
            env={**base, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert run() == [True, "Asia/Omsk", True]
    assert run(TIME_ZONE="Europe/Samara") == [True, "Europe/Samara", True]
    assert run(READ_DOT_ENV="0", DEBUG="1") == [True, "Europe/Moscow", True]


def test_check_deploy_passes_with_production_environment():
    env = {k: v for k, v in os.environ.items() if k not in OUR_VARS}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-real-looking-secret-" + "x9Z" * 20,
        ALLOWED_HOSTS="reglament.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_succeeds_with_production_storage(tmp_path):
    """Viewflow's bundled CSS names fonts the package lacks; the production storage keeps those
    references instead of failing (the README's production steps run collectstatic)."""
    env = {k: v for k, v in os.environ.items() if k not in OUR_VARS}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-real-looking-secret-" + "x9Z" * 20,
        ALLOWED_HOSTS="reglament.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "viewflow/css/" in manifest or "viewflow/" in manifest


# --- production refusals and state (#20) ------------------------------------------------------

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "reglament.example.org"}


def test_production_refuses_console_email():
    """The console is the log: password-reset links would be readable there."""
    result = load_settings(**PRODUCTION)
    assert result.returncode != 0
    assert "ALLOW_CONSOLE_EMAIL" in result.stderr and "EMAIL_HOST" in result.stderr


def test_console_email_in_production_only_when_allowed():
    s = parsed(ALLOW_CONSOLE_EMAIL="1", **PRODUCTION)
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    s = parsed(EMAIL_HOST="smtp.example.org", **PRODUCTION)
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_admins_come_from_the_environment():
    s = parsed(
        ADMINS="Иван Петров <ivan@example.org>, ops@example.org", EMAIL_HOST="smtp", **PRODUCTION
    )
    assert s["ADMINS"] == [["Иван Петров", "ivan@example.org"], ["", "ops@example.org"]]
    assert parsed(DEBUG="1")["ADMINS"] == []


def test_beat_schedule_lives_in_the_state_directory(tmp_path):
    default = Path(parsed(DEBUG="1", XDG_STATE_HOME=str(tmp_path / "xdg"))["BEAT_SCHEDULE"])
    assert default == tmp_path / "xdg" / "reglament" / "celerybeat-schedule"
    assert ROOT not in default.parents
    # No variable at all: still outside the checkout (the user's ~/.local/state).
    assert ROOT not in Path(parsed(DEBUG="1")["BEAT_SCHEDULE"]).parents
    # systemd's StateDirectory= and an explicit STATE_DIR.
    s = parsed(DEBUG="1", STATE_DIRECTORY="/var/lib/reglament")
    assert s["BEAT_SCHEDULE"] == "/var/lib/reglament/celerybeat-schedule"
    s = parsed(DEBUG="1", STATE_DIR="/srv/state", STATE_DIRECTORY="/var/lib/reglament")
    assert s["BEAT_SCHEDULE"] == "/srv/state/celerybeat-schedule"


def test_log_format_is_chosen_by_the_environment():
    assert parsed(DEBUG="1")["LOG_FORMATTER"] == "text"
    assert parsed(DEBUG="1", LOG_FORMAT="json")["LOG_FORMATTER"] == "json"
