from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.samples import SamplesMissing, render_samples


class Command(BaseCommand):
    help = (
        "Write one file of every generated kind (orders, conclusion, plan, report, sheets, "
        "nomenclature, case inventory, journal, consolidated revision, letter, discipline report, "
        "the archive's inventory, act of destruction and act of acceptance) from the demo data "
        "into DIR; the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(_("%(path)s is not a directory.") % {"path": directory},
                               returncode=2)
        try:
            written = render_samples(directory)
        except SamplesMissing as missing:
            raise CommandError(
                _("The demo data is not complete (%(what)s): run «manage.py load_demo» first.")
                % {"what": missing},
                returncode=2,
            ) from None
        for path in written:
            self.stdout.write(str(path))
