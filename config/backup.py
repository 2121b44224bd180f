"""Backups of a whole installation: the database dumped by its engine's own tool, the MEDIA
files, and a manifest with the SHA-256 of every file (`reglament backup` / `reglament restore`).

Layout of a backup directory:
    manifest.json        format, engine, time, and {relative path: sha256} of every file below
    database.dump        PostgreSQL: pg_dump's custom format (restored with pg_restore)
    database.sqlite3     SQLite: a consistent copy made with SQLite's backup API
    media/...            the uploaded files, as under MEDIA_ROOT

The database is dumped before MEDIA is copied: stored files are never changed or deleted once
written (versions are immutable), so every file the dump refers to is already in MEDIA."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why (in Russian)."""


class DamagedBackup(BackupError):
    """The manifest is missing or a file does not match it: nothing was restored."""


def engine_of(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in DUMPS:
        raise BackupError(
            _("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root: Path):
    """Relative POSIX paths of every regular file below `root`, sorted."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


# --- PostgreSQL through its own tools ----------------------------------------------------------


def _pg_env(alias):
    """libpq's environment for the connection of `alias` (the password never on a command line)."""
    params = connections[alias].settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                      ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):  # fmt: skip
        if params.get(key):
            env[name] = str(params[key])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _run_tool(args, env):
    if shutil.which(args[0]) is None:
        raise BackupError(
            _("%(tool)s is not installed; it comes with the PostgreSQL client.") % {"tool": args[0]}
        )
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(
            _("%(tool)s failed: %(error)s") % {"tool": args[0], "error": result.stderr.strip()}
        )


def _dump_postgresql(alias, target: Path):
    _run_tool(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        _pg_env(alias),
    )


def _restore_postgresql(alias, source: Path):
    connections[alias].close()
    _run_tool(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
         "--single-transaction", f"--dbname={connections[alias].settings_dict['NAME']}",
         str(source)],
        _pg_env(alias),
    )  # fmt: skip


# --- SQLite through its backup API -------------------------------------------------------------


def _sqlite_path(alias) -> str:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(_("An in-memory SQLite database cannot be backed up."))
    return name


def _copy_sqlite(source: str, target: str):
    # The backup API copies a consistent snapshot, also while others write (WAL included).
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# --- backup and restore ------------------------------------------------------------------------


def make_backup(directory: Path, *, alias="default") -> dict:
    """Write a backup into `directory` (new or empty); returns the manifest."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(
            _("The directory %(dir)s is not empty; a backup is written into a new one.")
            % {"dir": directory}
        )
    engine = engine_of(alias)
    directory.mkdir(parents=True, exist_ok=True)
    dump = directory / DUMPS[engine]
    if engine == "postgresql":
        _dump_postgresql(alias, dump)
    else:
        _copy_sqlite(_sqlite_path(alias), str(dump))
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, directory / MEDIA, symlinks=False)
    else:
        (directory / MEDIA).mkdir()
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created": timezone.now().isoformat(),
        "database": dump.name,
        "files": {name: sha256_of(directory / name) for name in files_under(directory)},
    }
    # Written last: a backup without its manifest is an interrupted one and is never restored.
    (directory / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return manifest


def verify_backup(directory: Path) -> dict:
    """The manifest of `directory` once every file matches it; DamagedBackup otherwise."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        engine = manifest["engine"]
        database = manifest["database"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DamagedBackup(
            _("The backup in %(dir)s has no readable manifest (%(error)s).")
            % {"dir": directory, "error": error}
        ) from error
    if manifest.get("format") != FORMAT or DUMPS.get(engine) != database or database not in files:
        raise DamagedBackup(_("The manifest of %(dir)s is not one of Reglament's backups.")
                            % {"dir": directory})  # fmt: skip
    present = set(files_under(directory)) - {MANIFEST}
    problems = [_("missing: %(name)s") % {"name": name} for name in sorted(set(files) - present)]
    problems += [
        _("not in the manifest: %(name)s") % {"name": name} for name in sorted(present - set(files))
    ]
    problems += [
        _("checksum does not match: %(name)s") % {"name": name}
        for name in sorted(set(files) & present)
        if sha256_of(directory / name) != files[name]
    ]
    if problems:
        raise DamagedBackup(
            _("The backup in %(dir)s is damaged, nothing was restored: %(problems)s.")
            % {"dir": directory, "problems": "; ".join(problems[:20])}
        )
    return manifest


def database_is_empty(alias="default") -> bool:
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


def media_is_empty() -> bool:
    media_root = Path(settings.MEDIA_ROOT)
    return not media_root.is_dir() or not any(media_root.iterdir())


def _drop_tables(alias):
    """PostgreSQL before a forced restore (SQLite's backup API replaces the whole file)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def restore_backup(directory: Path, *, alias="default", force=False) -> dict:
    """Restore a verified backup into an empty database and MEDIA (`force`: replace them)."""
    directory = Path(directory)
    manifest = verify_backup(directory)
    engine = engine_of(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            _("The backup is of a %(theirs)s database; this installation runs %(ours)s.")
            % {"theirs": manifest["engine"], "ours": engine}
        )
    if not force and not database_is_empty(alias):
        raise BackupError(
            _("The database is not empty; restore into an empty one, or add --force to "
              "replace its content with the backup's.")
        )  # fmt: skip
    if not force and not media_is_empty():
        raise BackupError(
            _("MEDIA_ROOT (%(dir)s) is not empty; restore into an empty one, or add --force.")
            % {"dir": settings.MEDIA_ROOT}
        )
    dump = directory / manifest["database"]
    if engine == "postgresql":
        if force:
            _drop_tables(alias)
        _restore_postgresql(alias, dump)
    else:
        target = _sqlite_path(alias)
        connections[alias].close()
        _copy_sqlite(str(dump), target)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(directory / MEDIA, media_root, dirs_exist_ok=True)
    return manifest
