import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from orgs.models import User
from search.backends import get_backend
from search.serialize import results_json


class Command(BaseCommand):
    help = "Search documents (as USERNAME may, or everything without --user)."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--user", metavar="USERNAME")

    def handle(self, *args, query, limit, user, **options):
        if limit < 1:
            raise CommandError(_("--limit must be at least 1."), returncode=2)
        person = None
        if user:
            person = User.objects.filter(username=user).first()
            if person is None:
                raise CommandError(_("Unknown user: %(name)s") % {"name": user}, returncode=2)
        results = get_backend().search(query, user=person, per_page=limit)
        data = results_json(results)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        found = _("Found: %(count)s") if data["count_exact"] else _("Found: more than %(count)s")
        self.stdout.write(found % {"count": data["count"]})
        for hit in data["results"]:
            self.stdout.write(f"  #{hit['id']:<5} {hit['score']:>9.3f}  {hit['title'][:90]}")
