from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from config.backup import BackupError, DamagedBackup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `reglament backup` into an empty database and MEDIA, after "
        "checking every file against the manifest (exit code 2 if the backup is damaged)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="the backup's directory")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the content of a database and MEDIA that are not empty",
        )

    def handle(self, *args, directory, database, force, **options):
        try:
            manifest = restore_backup(directory, alias=database, force=force)
        except DamagedBackup as error:
            raise CommandError(str(error), returncode=2) from error
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored from %(dir)s (made %(created)s): %(count)s files checked.")
            % {"dir": directory, "created": manifest["created"], "count": len(manifest["files"])}
        )
        if settings.SEARCH_BACKEND == "tantivy":
            # The embedded index is not in the backup (it is made from the database): the
            # one on this machine belongs to the database that was replaced.
            call_command("search_index", "rebuild", stdout=self.stdout, stderr=self.stderr)
