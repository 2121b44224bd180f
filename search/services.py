"""Keeping the index in step with documents, through the outbox.

A document change writes an IndexTask row in its own transaction; after commit a Celery task
drains the outbox (with no broker, a thread of the process: search.background). Never the
request itself. If the broker is down the rows wait for the next drain (beat, or
`search_index update`); if the engine fails a row stays with its error and is tried again."""

import logging

from django.conf import settings
from django.db import connection, transaction

from documents.models import Document

from .backends import get_backend
from .models import IndexTask, SearchEntry

log = logging.getLogger(__name__)
# Rows a drain claims and hands to the engine at once (one commit of the index each): 500
# drained a 20,000-document outbox 2.1x as fast as 100 (tantivy merges after every commit); a
# chunk holds its documents' text in memory.
DRAIN_CHUNK = 500


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
    transaction: the search's permission condition reads them from the entry. (Only the
    database backend keeps entries: the other engines take readers from the outbox, and their
    hits are checked against the database meanwhile.)"""
    if settings.SEARCH_BACKEND != "database":
        return
    SearchEntry.objects.filter(document_id=document.pk).update(
        visibility=document.visibility,
        author_id=document.author_id,
        organization_id=document.organization_id,
        status=document.status,  # a draft is not shared outside its organisation
    )


def _kick():
    from .tasks import drain_outbox  # the task module imports this one

    if settings.SEARCH_OUTBOX_DRAIN == "inline":
        drain_outbox.apply()
        return
    if settings.CELERY_TASK_ALWAYS_EAGER:  # no broker: not in this request, in its thread
        from .background import drainer  # (see above)

        drainer.wake()
        return
    try:
        drain_outbox.delay()
    except Exception as error:  # broker unreachable: the outbox keeps the work
        log.warning("search outbox not drained now (%s); it will be later", error)


def drain_outbox(limit: int | None = None) -> dict:
    """Index or remove the documents waiting in the outbox, each once however many changes
    queued it. Returns counts (documents done and failed, rows still waiting).

    Drains may run at once (beat, a kick after each commit, `search_index update`, several
    workers): each chunk of rows is claimed with SELECT ... FOR UPDATE SKIP LOCKED, so a row
    is taken by one drain only and the others pass over it; the claim holds until the chunk's
    work is committed. SQLite has no row locks, but it has one writer: the chunk's
    transaction takes the write lock (IMMEDIATE), so drains there take turns.

    A drain takes the rows queued before it began, not those that come while it works: their
    commits kick drains of their own (the background thread's next round gathers them). One
    that chased every new row would hand the engine a chunk of one or two documents at a
    time, and pay for a commit of the index each time, for as long as a burst lasts."""
    backend = get_backend()
    done = failed = 0
    after = 0  # rows are claimed in pk order, each at most once per drain
    last = IndexTask.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    failing = set()  # documents the engine refused in this drain: they wait for the next one
    while limit is None or done + failed < limit:
        size = DRAIN_CHUNK if limit is None else min(DRAIN_CHUNK, limit - done - failed)
        with transaction.atomic():
            waiting = IndexTask.objects.filter(pk__gt=after, pk__lte=last).order_by("pk")
            first = list(_locked(waiting)[:size])
            if not first:
                break
            after = first[-1].pk
            document_ids = {task.document_id for task in first} - failing
            # The same documents' later rows too, where no other drain holds them: one
            # drain takes a document's whole queue when it can.
            later = _locked(IndexTask.objects.filter(document_id__in=document_ids, pk__gt=after))
            claimed = [task for task in first if task.document_id in document_ids] + list(later)
            succeeded, refused = _drain_claimed(backend, claimed)
        failing |= refused
        done, failed = done + succeeded, failed + len(refused)
    return {"done": done, "failed": failed, "waiting": IndexTask.objects.count()}


def _locked(queryset):
    """The rows locked for this transaction, passing over those another one holds
    (PostgreSQL); SQLite has no row locks (and one writer at a time)."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def _drain_claimed(backend, claimed) -> tuple[int, set]:
    """Hand the claimed rows' documents to the engine at once (the latest action of each
    document decides); delete the rows of those it took, keep the others' with the error.
    Returns how many were done and the ids of those the engine refused."""
    by_document = {}
    for task in sorted(claimed, key=lambda task: task.pk):
        by_document.setdefault(task.document_id, []).append(task)
    # A chunk's documents are fetched at once (a chunk, not all: a document holds its text).
    documents = Document.objects.select_related("current_version").in_bulk(list(by_document))
    to_index, to_remove = [], []
    for document_id, tasks in by_document.items():
        document = documents.get(document_id)
        if (
            tasks[-1].action == IndexTask.Action.REMOVE
            or document is None
            or document.status == Document.Status.DESTROYED  # its text is gone by an act
        ):
            to_remove.append(document_id)
        else:
            to_index.append(document)
    try:
        refused = backend.write(to_index, to_remove)
    except Exception as error:  # the engine failed as a whole: every row waits
        refused = dict.fromkeys(by_document, error)
    for document_id, error in refused.items():
        latest = by_document[document_id][-1]
        IndexTask.objects.filter(pk=latest.pk).update(
            attempts=latest.attempts + 1, last_error=repr(error)[:2000]
        )
        log.warning("indexing document %s failed: %r", document_id, error)
    IndexTask.objects.filter(
        pk__in=[t.pk for i, tasks in by_document.items() if i not in refused for t in tasks]
    ).delete()
    return len(by_document) - len(refused), set(refused)


def indexable():
    """The documents the index holds: all but those destroyed by an act."""
    return Document.objects.exclude(status=Document.Status.DESTROYED)


def index_status() -> dict:
    """Documents missing from the index or indexed at an older version; a document destroyed
    by an act is never indexed (one still in the index counts as stale)."""
    indexed = get_backend().indexed_versions()
    missing, stale = [], []
    destroyed = set(
        Document.objects.filter(status=Document.Status.DESTROYED).values_list("pk", flat=True)
    )
    stale += [pk for pk in indexed if pk in destroyed]
    for pk, version_id in indexable().values_list("pk", "current_version_id"):
        if pk not in indexed:
            missing.append(pk)
        elif indexed[pk] != (version_id or 0):
            stale.append(pk)
    return {
        "documents": indexable().count(),
        "indexed": len(indexed),
        "missing": missing,
        "stale": stale,
        "outbox": IndexTask.objects.count(),
    }
