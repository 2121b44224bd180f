"""Delete the files in MEDIA that no row refers to.

Why a sweep, and not writing files after commit or removing them on rollback: a version's file
is written inside the transaction that stores its row (documents.storage.store_version), and
an exception there already removes it. What leaves an orphan is a worker killed between the
write and the commit (a timeout, the OOM killer, a restart): no Python runs then, so no
rollback hook could remove the file, and writing after commit would instead risk a committed
row without its file. The sweep finds what such deaths left, whatever app wrote it: it looks
at every FileField of every model.

Only files older than --min-age are candidates, so a file whose transaction is still running
is never taken for an orphan. --dry-run reports without deleting."""

import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models
from django.utils.translation import gettext as _


def referenced_names() -> set[str]:
    """Storage names of every file a row refers to (all models, all file fields)."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                )
    return names


def orphans(root: Path, min_age_seconds: float) -> list[Path]:
    if not root.is_dir():
        return []
    known = referenced_names()
    cutoff = time.time() - min_age_seconds
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.stat().st_mtime > cutoff:
            continue
        if path.relative_to(root).as_posix() not in known:
            found.append(path)
    return found


class Command(BaseCommand):
    help = "Delete files in MEDIA_ROOT that no database row refers to (left by killed requests)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the orphans without deleting them."
        )
        parser.add_argument(
            "--min-age",
            type=float,
            default=60.0,
            metavar="MINUTES",
            help="Only files older than this are candidates (default 60).",
        )

    def handle(self, *args, dry_run=False, min_age=60.0, **options):
        root = Path(settings.MEDIA_ROOT)
        found = orphans(root, min_age * 60)
        size = 0
        for path in found:
            size += path.stat().st_size
            self.stdout.write(str(path.relative_to(root)))
            if not dry_run:
                path.unlink()
        summary = (
            _("Orphan files: %(count)s, %(size)s bytes (dry run: nothing deleted).")
            if dry_run
            else _("Orphan files deleted: %(count)s, %(size)s bytes.")
        )
        self.stdout.write(summary % {"count": len(found), "size": size})
