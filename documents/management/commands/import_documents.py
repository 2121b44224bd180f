import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from common.errors import Refused
from documents.selectors import document_outline
from documents.services import import_file
from orgs.models import Organization, User


def document_json(outcome, source) -> dict:
    document, version = outcome.document, outcome.version
    structure = version.structure
    return {
        "id": document.pk,
        "source": source,
        "duplicate": outcome.duplicate,
        "kind": document.kind,
        "title": document.title,
        "status": document.status,
        "from_archive": document.from_archive,
        # The record's registration (empty for a draft: a file's own number is not one) ...
        "number": document.number or None,
        "date": document.date.isoformat() if document.date else None,
        # ... and what the file itself shows.
        "in_file": {"number": structure.get("number"), "date": structure.get("date")},
        "approval": (
            {
                key: structure["approval"].get(key)
                for key in ("stamp", "position", "name", "order_number", "order_date")
            }
            if structure.get("approval")
            else None
        ),
        # The file's requisites as read (docs/importer.md).
        "stamps": structure.get("stamps") or [],
        "preamble": structure.get("preamble") or "",
        "revision_header": structure.get("revision_header") or "",
        "signatures": structure.get("signatures") or [],
        "sections": [
            {"number": s["number"], "title": s["title"], "clauses": s["clauses"]}
            for s in document_outline(version)
        ],
        "plan_items": [
            {
                key: item.get(key, "")
                for key in ("activity", "due", "responsible", "result_form", "section")
            }
            for item in structure.get("plan_items", [])
        ],
        "text_chars": len(version.text),
    }


class Command(BaseCommand):
    help = (
        "Import .docx, UTF-8 .txt and PDF documents as drafts; with --from-archive, as documents "
        "registered (or approved) on paper before the system. Exit code 2 when any file was "
        "rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--organization",
            metavar="CODE",
            help="organisation code (default: the only top-level organisation)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--from-archive",
            action="store_true",
            help="enter the files as registered before the system, with the number and date "
            "each file shows (a clerk's or head's action, named with --user; recorded in the "
            "audit log; no journal counter is touched)",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="who imports (required with --from-archive)"
        )

    def handle(self, *args, paths, organization, **options):
        as_json = options["json"]
        org = self._organization(organization)
        author = self._user(options["user"], required=options["from_archive"])
        documents, errors = [], []
        for path in paths:
            try:
                outcome = import_file(
                    path, organization=org, author=author, from_archive=options["from_archive"]
                )
            except Refused as error:
                errors.append({"source": path, "error": error.message})
                if not as_json:
                    self.stderr.write(f"{path}: {error.message}")
                continue
            except OSError as error:
                message = _("cannot read the file: %(error)s") % {"error": error.strerror}
                errors.append({"source": path, "error": message})
                if not as_json:
                    self.stderr.write(f"{path}: {message}")
                continue
            documents.append(document_json(outcome, path))
            if not as_json:
                if outcome.duplicate:
                    line = _("%(path)s: already imported as document %(id)s «%(title)s»")
                else:
                    line = _("%(path)s: imported as document %(id)s «%(title)s»")
                self.stdout.write(
                    line
                    % {"path": path, "id": outcome.document.pk, "title": outcome.document.title}
                )
        if as_json:
            self.stdout.write(_json_dumps({"documents": documents, "errors": errors}))
        if errors:
            sys.exit(2)

    def _user(self, username, *, required):
        if not username:
            if required:
                raise CommandError(
                    _("Name the clerk or head who enters the documents: --user USERNAME."),
                    returncode=2,
                )
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("Unknown user: %(name)s") % {"name": username}, returncode=2)
        return user

    def _organization(self, code):
        if code:
            try:
                return Organization.objects.get(code=code)
            except Organization.DoesNotExist:
                raise CommandError(
                    _("Unknown organisation code: %(code)s") % {"code": code}, returncode=2
                ) from None
        # Without --organization: the only organisation, else the only top-level one (the
        # education authority over its schools and centre).
        for candidates in (Organization.objects.all(), Organization.objects.filter(parent=None)):
            found = list(candidates[:2])
            if len(found) == 1:
                return found[0]
        raise CommandError(
            _("Name the organisation with --organization CODE (codes: %(codes)s).")
            % {"codes": ", ".join(Organization.objects.values_list("code", flat=True)) or "—"},
            returncode=2,
        )


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
