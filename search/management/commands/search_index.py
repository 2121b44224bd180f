import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from documents.models import Document
from search.backends import get_backend
from search.services import drain_outbox, index_status, indexable


class Command(BaseCommand):
    help = (
        "rebuild: index every document anew; update: drain the outbox and index missing or "
        "stale documents; status: report documents missing from or stale in the index."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        backend = get_backend()
        if action == "status":
            status = index_status()
            if options["json"]:
                self.stdout.write(json.dumps(status))
            else:
                self.stdout.write(
                    _(
                        "%(indexed)s of %(documents)s documents indexed; missing: %(missing)s; "
                        "stale: %(stale)s; waiting in the outbox: %(outbox)s"
                    )
                    % {**status, "missing": len(status["missing"]), "stale": len(status["stale"])}
                )
            return
        if action == "rebuild":
            if hasattr(backend, "rebuild"):  # fills in batches (Elasticsearch: a new index)
                documents = indexable().select_related("current_version", "organization")
                total = documents.count()
                backend.rebuild(self._progress(documents.iterator(chunk_size=2000), total))
                self.stdout.write(_("Indexed %(count)s documents.") % {"count": total})
                return
            backend.clear()
            ids = list(indexable().values_list("pk", flat=True))
        else:
            drained = drain_outbox()
            status = index_status()
            ids = status["missing"] + status["stale"]
            self.stdout.write(_("Outbox: %(done)s indexed, %(failed)s failed.") % drained)
        destroyed = list(
            Document.objects.filter(pk__in=ids, status=Document.Status.DESTROYED).values_list(
                "pk", flat=True
            )
        )
        if destroyed:  # still in the index: their text is gone by an act
            backend.write([], destroyed)
        documents = indexable().filter(pk__in=ids).select_related("current_version")
        chunk = []  # handed to the engine in chunks (tantivy: one commit a chunk)
        for document in self._progress(documents.iterator(), len(ids)):
            chunk.append(document)
            if len(chunk) == 500:
                self._write(backend, chunk)
                chunk = []
        self._write(backend, chunk)
        self.stdout.write(
            _("Indexed %(count)s documents.") % {"count": len(ids) - len(destroyed)}
        )

    def _write(self, backend, documents):
        refused = backend.write(documents, []) if documents else {}
        for document_id, error in refused.items():
            self.stderr.write(
                _("Document %(id)s not indexed: %(error)s") % {"id": document_id, "error": error}
            )

    def _progress(self, documents, total):
        """The documents, with a progress bar drawn as they are taken."""
        position = 0
        for position, document in enumerate(documents, start=1):
            yield document
            if position % 50 == 0 or position == total:
                done = int(30 * position / total)
                self.stdout.write(
                    f"\r[{'#' * done}{'.' * (30 - done)}] {position}/{total}", ending=""
                )
        if position:
            self.stdout.write("")
