"""Keeping the index in step with documents, through the outbox.

A document change writes an IndexTask row in its own transaction; after commit a Celery task
drains the outbox. If the broker is down the rows wait for the next drain (beat, or
`search_index update`); if the engine fails a row stays with its error and is tried again."""

import logging

from django.db import transaction
from django.db.models import Max

from documents.models import Document

from .backends import get_backend
from .models import IndexTask, SearchEntry

log = logging.getLogger(__name__)
DRAIN_CHUNK = 100


def enqueue(document_id: int, action=IndexTask.Action.INDEX):
    """Record that the document must be (re)indexed; call inside the change's transaction."""
    IndexTask.objects.create(document_id=document_id, action=action)
    # One drain after commit indexes everything the transaction queued: a second kick would
    # only find the outbox empty (a document and its new version queue it twice). A kick still
    # registered is good for this row too: its savepoints are released or still open around
    # this row, so no rollback can drop the kick and keep the row.
    if not any(entry[1] is _kick for entry in transaction.get_connection().run_on_commit):
        transaction.on_commit(_kick)


def copy_reader_fields(document):
    """Give the document's index entry (if any) its current reader fields, in the caller's
    transaction: the search's permission condition reads them from the entry."""
    SearchEntry.objects.filter(document_id=document.pk).update(
        visibility=document.visibility,
        author_id=document.author_id,
        organization_id=document.organization_id,
        status=document.status,  # a draft is not shared outside its organisation
    )


def _kick():
    from .tasks import drain_outbox  # the task module imports this one

    try:
        drain_outbox.delay()
    except Exception as error:  # broker unreachable: the outbox keeps the work
        log.warning("search outbox not drained now (%s); it will be later", error)


def drain_outbox(limit: int | None = None) -> dict:
    """Index or remove the documents waiting in the outbox, each once however many changes
    queued it. Returns counts."""
    backend = get_backend()
    done = failed = 0
    waiting = IndexTask.objects.values("document_id").annotate(last=Max("pk")).order_by("last")
    waiting = list(waiting[:limit] if limit else waiting)
    for start in range(0, len(waiting), DRAIN_CHUNK):
        # The latest action of each document decides; a chunk's tasks and documents are
        # fetched at once (a chunk, not all: a document holds its whole text).
        chunk = waiting[start : start + DRAIN_CHUNK]
        tasks = IndexTask.objects.in_bulk([row["last"] for row in chunk])
        documents = Document.objects.select_related("current_version").in_bulk(
            [task.document_id for task in tasks.values()]
        )
        for row in chunk:
            task = tasks[row["last"]]
            try:
                document = documents.get(task.document_id)
                if task.action == IndexTask.Action.REMOVE or document is None:
                    backend.remove(task.document_id)
                else:
                    backend.index(document)
            except Exception as error:  # the engine failed: keep the tasks, say why
                failed += 1
                IndexTask.objects.filter(pk=task.pk).update(
                    attempts=task.attempts + 1, last_error=repr(error)[:2000]
                )
                log.warning("indexing document %s failed: %r", task.document_id, error)
                continue
            IndexTask.objects.filter(document_id=task.document_id, pk__lte=task.pk).delete()
            done += 1
    return {"done": done, "failed": failed, "waiting": IndexTask.objects.count()}


def index_status() -> dict:
    """Documents missing from the index or indexed at an older version."""
    indexed = get_backend().indexed_versions()
    missing, stale = [], []
    for pk, version_id in Document.objects.values_list("pk", "current_version_id"):
        if pk not in indexed:
            missing.append(pk)
        elif indexed[pk] != (version_id or 0):
            stale.append(pk)
    return {
        "documents": Document.objects.count(),
        "indexed": len(indexed),
        "missing": missing,
        "stale": stale,
        "outbox": IndexTask.objects.count(),
    }
