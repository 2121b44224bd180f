from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.demo import load_demo_archive
from conclusions.demo import load_demo_approvals
from correspondence.demo import load_demo_correspondence
from documents.demo import load_seed_documents
from orgs.demo import load_demo
from plans.demo import load_demo_plans
from registry.demo import load_demo_registry
from search.demo import load_demo_bank


class Command(BaseCommand):
    help = "Load demo organisations, units and users (development only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("load_demo creates accounts with known passwords and runs only with DEBUG on."),
                returncode=2,
            )
        people = load_demo()
        self.stdout.write(_("Demo accounts (local use only):"))
        for user, password in people:
            roles = ", ".join(sorted(user.roles)) or ("superuser" if user.is_superuser else "-")
            shown = password if password is not None else _("(existing, unchanged)")
            self.stdout.write(
                f"  {user.username:<20} {shown:<24} {roles:<18} {user.organization or ''}"
            )
        documents = load_seed_documents()
        self.stdout.write(_("Demo documents:"))
        for document, created in documents:
            state = _("imported") if created else _("already there")
            self.stdout.write(f"  #{document.pk:<4} {state:<14} {document.title[:80]}")
        for nomenclature in load_demo_registry():
            self.stdout.write(
                _("Case nomenclature %(year)s of %(org)s: %(count)s cases, journals: %(journals)s")
                % {
                    "year": nomenclature.year,
                    "org": nomenclature.organization,
                    "count": nomenclature.cases.count(),
                    "journals": nomenclature.organization.journals.count(),
                }
            )
        for publication in load_demo_bank():
            self.stdout.write(
                _("In the information bank: %(title)s") % {"title": publication.document.title[:80]}
            )
        for approval in load_demo_approvals():
            self.stdout.write(_("On approval: %(title)s") % {"title": approval.document.title[:80]})
        for plan in load_demo_plans():
            self.stdout.write(
                _("Work plan: %(title)s (%(status)s)")
                % {"title": plan.title, "status": plan.get_status_display()}
            )
        # Its letters need the registry's nomenclatures, and its approvals must not be
        # taken for the conclusions demo's (which looks for the methodist's).
        letters = load_demo_correspondence()
        self.stdout.write(
            _("Correspondence: %(count)s letters, %(waiting)s waiting for registration")
            % {
                "count": len(letters),
                "waiting": sum(letter.status == "arrived" for letter in letters),
            }
        )
        # After the correspondence: the archive adds its cases to this year's nomenclature
        # (registry.demo's, with correspondence's case) and past years of its own.
        archive = load_demo_archive()
        self.stdout.write(
            _(
                "Archive: %(cases)s closed cases, %(inventories)s inventories, %(acts)s acts of "
                "destruction, %(transfers)s transfers to the archive"
            )
            % archive
        )
