"""The wheel is the whole application: every app with its templates, catalogue, data and seeds,
and the `reglament` command, so production runs from an installed package without a checkout.

The slow test installs the wheel into a fresh venv and runs it from another directory
(`migrate`, `check --deploy`, `collectstatic`, gunicorn serving the Russian login page and a
static file). `.ci/run` runs this file on its own first and sets REGLAMENT_WHEEL_CHECKED=1 for the
suites after it, which then skip the slow test instead of repeating it."""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "common", "orgs", "documents", "registry", "search", "workflows",
    "conclusions", "orders", "plans", "drafts", "demo", "config",
}  # fmt: skip
# Signs that pip could not reach the package index (the only reason to skip, not to fail).
OFFLINE = re.compile(
    r"NewConnectionError|Temporary failure in name resolution|Network is unreachable|"
    r"No matching distribution found|Could not find a version",
)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def pip_or_skip(result, what):
    # CI must check the wheel: there an unreachable index is a failure, not a skip.
    offline = result.returncode and OFFLINE.search(result.stdout + result.stderr)
    if offline and os.environ.get("CI") != "true":
        pytest.skip(f"{what}: the package index is not reachable")
    output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, f"{what} failed:\n{output}"


def tracked_files():
    """The checkout's files as git knows them (tracked, and new ones not ignored)."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: the wheel is built from the tracked files")
    result = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the tracked files (no stale build/ of the checkout)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in tracked_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(base), "."],
        cwd=source,
    )
    pip_or_skip(result, "building the wheel")
    (built,) = base.glob("reglament-*.whl")
    return built


def test_every_app_and_every_file_it_reads_is_in_the_wheel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {name.split("/")[0] for name in names if "/" in name and ".dist-info/" not in name}
    assert APPS <= packages, f"missing apps: {sorted(APPS - packages)}"
    # Every file under an app (templates, .po/.mo, static, data, seeds, code) ships with it.
    expected = {
        name for name in tracked_files() if name.split("/")[0] in APPS and "__pycache__" not in name
    }
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel: {missing[:20]}"
    for needed in (
        "config/templates/registration/login.html",
        "config/templates/500.html",
        "config/locale/ru/LC_MESSAGES/django.po",
        "config/locale/ru/LC_MESSAGES/django.mo",
        "registry/data/retention.json",
        "common/static/reglament/forms.js",
        "plans/__init__.py",
    ):
        assert needed in names
    assert any(name.startswith("documents/seeds/") for name in names)
    # Nothing of the checkout's own: tests, benchmarks, a developer's database.
    assert not packages & {"tests", "bench"}
    assert not any(name.endswith((".sqlite3", ".env")) for name in names)


def test_the_wheel_declares_the_reglament_command(wheel):
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert re.search(r"^\[console_scripts\]$", text, re.M)
    assert re.search(r"^reglament = config\.cli:main$", text, re.M)


def test_the_project_reads_templates_and_catalogue_from_inside_its_package():
    from django.conf import settings

    import config

    package = Path(config.__file__).resolve().parent
    assert [Path(d) for d in settings.TEMPLATES[0]["DIRS"]] == [package / "templates"]
    assert [Path(p) for p in settings.LOCALE_PATHS] == [package / "locale"]


@pytest.fixture
def database_url(tmp_path):
    """A new database for the installed package: on the PostgreSQL server of DATABASE_URL when
    it names one (as in CI), a SQLite file otherwise."""
    url = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not url.scheme.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    name = f"reglament_wheel_{secrets.token_hex(4)}"
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.skipif(
    os.environ.get("REGLAMENT_WHEEL_CHECKED") == "1",
    reason="the installed wheel was already checked by its own step of .ci/run",
)
def test_installed_wheel_runs_from_another_directory(wheel, tmp_path, database_url):
    venv = tmp_path / "venv"
    result = run([sys.executable, "-m", "venv", str(venv)])
    assert result.returncode == 0, result.stderr
    bin_dir = venv / "bin"
    result = run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", f"{wheel}[prod]"])
    pip_or_skip(result, "installing the wheel")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        # Behind nginx: HTTPS is terminated there and announced in X-Forwarded-Proto.
        "USE_X_FORWARDED_PROTO": "1",
        # Production sends e-mail by SMTP (the console backend is refused with DEBUG off); no
        # mail is sent here.
        "EMAIL_HOST": "127.0.0.1",
        "STATE_DIR": str(tmp_path / "state"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }

    def reglament(*args):
        result = run([str(bin_dir / "reglament"), *args], cwd=elsewhere, env=env, timeout=600)
        assert result.returncode == 0, f"reglament {' '.join(args)}:\n{result.stderr[-3000:]}"
        return result

    # The code comes from the venv, not from a checkout that happens to be the directory.
    where = run(
        [str(bin_dir / "python"), "-c", "import config, plans; print(config.__file__)"],
        cwd=elsewhere, env=env,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv)

    reglament("migrate", "--noinput")
    reglament("check", "--deploy", "--fail-level", "WARNING")
    reglament("collectstatic", "--noinput")
    # The backup command is part of the installed package too (tests/test_backup.py tests it).
    reglament("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == ("sqlite" if database_url.startswith("sqlite") else "postgresql")
    # The embedded search engine (a native module of the tantivy wheel) works when installed.
    reglament("search_index", "rebuild")
    assert json.loads(reglament("search", "приказ", "--json").stdout)["count"] == 0
    assert list((tmp_path / "search-index").glob("layout-*/meta.json"))

    port = free_port()
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = get(f"{base}/accounts/login/", **{"X-Forwarded-Proto": "https"})
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()[-3000:]
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.3)
        page = body.decode()
        assert status == 200, page[-2000:]
        assert "Войти" in page and "Регламент: документы и согласования" in page
        statics = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
        assert statics, "the login page links no static file"
        status, body = get(f"{base}{statics[0]}", **{"X-Forwarded-Proto": "https"})
        assert status == 200 and body
        status, body = get(f"{base}/healthz", **{"X-Forwarded-Proto": "https"})
        assert json.loads(body)["search"] == {"backend": "tantivy", "documents": 0, "ok": True}
    finally:
        server.terminate()
        server.wait(timeout=30)
