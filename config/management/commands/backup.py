from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from config.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and MEDIA into a new directory, "
        "with a manifest of SHA-256 sums (restore with `reglament restore DIR`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a new or empty directory")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, directory, database, **options):
        try:
            manifest = make_backup(directory, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backup written to %(dir)s: %(count)s files, database %(engine)s.")
            % {"dir": directory, "count": len(manifest["files"]), "engine": manifest["engine"]}
        )
