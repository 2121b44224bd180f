"""`reglament backup DIR` / `reglament restore DIR`: the database through its engine's own tool
plus MEDIA, checked against a manifest of SHA-256 sums; restored into an empty database, every
document, version file (byte for byte) and journal entry is back."""

import base64
import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

# Committed data: pg_dump and the SQLite backup API read the database from outside this
# connection. serialized_rollback puts back what migrations loaded (the retention rules).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot():
    """Everything a restore must bring back, as JSON-ready data (also run in the restored copy)."""
    from documents.models import Document, DocumentVersion
    from registry.models import Registration

    versions = []
    for version in DocumentVersion.objects.order_by("pk"):
        with version.file.open("rb") as handle:
            data = handle.read()
        versions.append(
            [version.pk, version.document_id, version.number, version.sha256, version.file.name,
             base64.b64encode(data).decode()]
        )  # fmt: skip
    return {
        "documents": [
            list(row)
            for row in Document.objects.order_by("pk").values_list("pk", "title", "status")
        ],
        "versions": versions,
        "registrations": [
            [r.pk, r.journal_id, r.document_id, r.number, str(r.date), r.status]
            for r in Registration.objects.order_by("pk")
        ],
    }


@pytest.fixture
def records(journal, document, clerk, org_tree):
    """A registered order, and a draft with two versions (each a file in MEDIA)."""
    from documents import services
    from registry import services as registry_services

    registry_services.register_document(document, journal, user=clerk)
    draft = services.create_document(
        organization=org_tree["centre"], name="plan.txt", data="ПЛАН\nработы\n".encode()
    )
    services.add_version(draft, name="plan.txt", data="ПЛАН\nработы на год\n".encode())
    return snapshot()


def target_database(tmp_path):
    """DATABASE_URL of a new, empty database of this run's engine, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    import psycopg
    from psycopg import sql

    params = connection.settings_dict
    name = f"reglament_restore_{secrets.token_hex(4)}"
    auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    server = f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))  # fmt: skip

    return f"{server}/{name}", drop


def installation(tmp_path, database_url):
    """The environment of another installation: its own database and MEDIA."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "MEDIA_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        READ_DOT_ENV="0",
        DEBUG="1",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / "restored-media"),
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def table_count(env):
    code = "from django.db import connection; print(len(connection.introspection.table_names()))"
    result = manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr[-3000:]
    return int(result.stdout.split()[-1])


def restored_snapshot(env):
    code = "import django, json; django.setup(); from tests.test_backup import snapshot; "
    code += "print(json.dumps(snapshot()))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def roundtrip(records, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    # Every version file and the dump are listed with their checksums.
    for _pk, _doc, _number, sha256, name, _data in records["versions"]:
        assert manifest["files"][f"media/{name}"] == sha256
    assert manifest["database"] in manifest["files"]

    url, drop = target_database(tmp_path)
    try:
        env = installation(tmp_path, url)
        result = manage(env, "restore", str(backup))
        assert result.returncode == 0, result.stderr[-3000:]
        restored = restored_snapshot(env)
        assert restored == records
        assert len(restored["documents"]) == 2 and len(restored["versions"]) == 3
        assert len(restored["registrations"]) == 1

        # Now the database is not empty: refused without --force, replaced with it.
        result = manage(env, "restore", str(backup))
        assert result.returncode == 1
        assert "База данных не пуста" in result.stderr
        result = manage(env, "restore", "--force", str(backup))
        assert result.returncode == 0, result.stderr[-3000:]
        assert restored_snapshot(env) == records
    finally:
        drop()


@pytest.mark.sqlite
def test_restore_into_an_empty_sqlite_database_brings_everything_back(records, tmp_path):
    roundtrip(records, tmp_path)


@pytest.mark.postgres
def test_restore_into_an_empty_postgresql_database_brings_everything_back(records, tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore (the PostgreSQL client) are not installed")
    roundtrip(records, tmp_path)


def damage(backup: Path, how):
    manifest = backup / "manifest.json"
    if how == "changed file":
        (path,) = [p for p in (backup / "media").rglob("*") if p.is_file()][:1]
        path.write_bytes(path.read_bytes() + b"!")
    elif how == "missing file":
        next(p for p in (backup / "media").rglob("*") if p.is_file()).unlink()
    elif how == "extra file":
        (backup / "media" / "stray.bin").write_bytes(b"stray")
    elif how == "no manifest":
        manifest.unlink()
    elif how == "broken manifest":
        manifest.write_text("{not json")


@pytest.mark.parametrize(
    "how", ["changed file", "missing file", "extra file", "no manifest", "broken manifest"]
)
def test_a_damaged_backup_is_refused_with_exit_code_2(records, tmp_path, how):
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    damage(backup, how)
    url, drop = target_database(tmp_path)
    try:
        env = installation(tmp_path, url)
        result = manage(env, "restore", str(backup))
        assert result.returncode == 2, result.stderr[-3000:]
        assert "повреждена" in result.stderr or "манифест" in result.stderr
        # Nothing was restored: the database has no tables, MEDIA no files.
        assert table_count(env) == 0
        assert not (tmp_path / "restored-media").exists()
    finally:
        drop()


def test_restore_refuses_a_database_that_is_not_empty(records, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    with pytest.raises(CommandError, match="База данных не пуста") as refused:
        call_command("restore", str(backup))
    assert refused.value.returncode == 1
    assert snapshot() == records


def test_backup_is_written_only_into_a_new_or_empty_directory(records, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("x")
    with pytest.raises(CommandError, match="не пуст"):
        call_command("backup", str(tmp_path / "used"))
    assert (tmp_path / "used" / "keep.txt").read_text() == "x"


def test_restore_refuses_a_media_root_that_is_not_empty(records, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    url, drop = target_database(tmp_path)
    try:
        env = installation(tmp_path, url)
        (tmp_path / "restored-media").mkdir()
        (tmp_path / "restored-media" / "other.txt").write_text("someone else's file")
        result = manage(env, "restore", str(backup))
        assert result.returncode == 1
        assert "MEDIA_ROOT" in result.stderr and "не пуст" in result.stderr
        assert table_count(env) == 0
        assert [p.name for p in (tmp_path / "restored-media").iterdir()] == ["other.txt"]
    finally:
        drop()
