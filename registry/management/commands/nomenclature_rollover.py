from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from orgs.models import Organization
from registry.services import RegistryRefused, rollover


class Command(BaseCommand):
    help = "Draft next year's case nomenclature from the current one (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, metavar="CODE")
        parser.add_argument("--year", required=True, type=int, help="the new year, e.g. 2027")

    def handle(self, *args, organization, year, **options):
        try:
            org = Organization.objects.get(code=organization)
        except Organization.DoesNotExist:
            raise CommandError(
                _("Unknown organisation code: %(code)s") % {"code": organization}, returncode=2
            ) from None
        try:
            nomenclature = rollover(org, year)
        except RegistryRefused as error:
            raise CommandError(error.message, returncode=2) from None
        self.stdout.write(
            _("Nomenclature %(year)s of %(org)s: %(status)s, %(count)s cases.")
            % {
                "year": year,
                "org": org,
                "status": nomenclature.get_status_display(),
                "count": nomenclature.cases.count(),
            }
        )
