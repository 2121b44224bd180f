"""Concurrent drains of the search outbox never take the same row (issue #20: two workers
draining at once indexed the same documents and retried on rows the other had deleted)."""

import threading
import time
from collections import Counter

import pytest
from django.db import connections

from documents.models import Document
from orgs.models import Organization
from search import services
from search.backends import SearchBackend
from search.models import IndexTask

DRAINS, DOCUMENTS = 4, 60


class SlowEngine(SearchBackend):
    """Records what it is asked to index, one document at a time (SearchBackend.write); slow
    enough for drains to overlap."""

    def __init__(self):
        self.indexed = Counter()
        self.lock = threading.Lock()

    def index(self, document):
        time.sleep(0.005)
        with self.lock:
            self.indexed[document.pk] += 1

    def remove(self, document_id):
        with self.lock:
            self.indexed[("removed", document_id)] += 1


@pytest.fixture
def queued(transactional_db):
    org = Organization.objects.create(code="c", name="Центр", kind="methodological_centre")
    documents = Document.objects.bulk_create(
        Document(organization=org, kind="order", title=f"Приказ {i}") for i in range(DOCUMENTS)
    )
    IndexTask.objects.all().delete()
    # Two changes queued most documents (as a new document and its first version do).
    IndexTask.objects.bulk_create(
        IndexTask(document_id=document.pk) for document in documents + documents[: DOCUMENTS // 2]
    )
    return documents


def _drain_at_once(monkeypatch, limit=None):
    engine = SlowEngine()
    monkeypatch.setattr(services, "get_backend", lambda: engine)
    errors, results = [], []
    start = threading.Barrier(DRAINS)

    def drain():
        try:
            start.wait()
            results.append(services.drain_outbox(limit=limit))
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=drain) for _ in range(DRAINS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return engine, errors, results


@pytest.mark.postgres
def test_concurrent_drains_index_each_document_once(queued, monkeypatch):
    monkeypatch.setattr(services, "DRAIN_CHUNK", 5)
    engine, errors, results = _drain_at_once(monkeypatch)
    assert errors == []
    assert engine.indexed == Counter({document.pk: 1 for document in queued})
    assert sum(result["done"] for result in results) == DOCUMENTS
    assert all(result["failed"] == 0 for result in results)
    assert IndexTask.objects.count() == 0
    # More than one drain did work: the rows were shared out, not taken by the first.
    assert sum(1 for result in results if result["done"]) > 1


def test_drains_one_after_another_still_empty_the_outbox(queued, monkeypatch):
    """SQLite (one writer) and PostgreSQL alike: the drains take turns or share out."""
    monkeypatch.setattr(services, "DRAIN_CHUNK", 7)
    engine, errors, results = _drain_at_once(monkeypatch)
    assert errors == []
    assert set(engine.indexed) == {document.pk for document in queued}
    assert IndexTask.objects.count() == 0


def test_with_no_broker_a_save_leaves_the_drain_to_the_background(
    transactional_db, settings, monkeypatch
):
    """The embedded mode (no broker): the commit of a new document does not index it in the
    committing thread; the process's drain thread does, soon after."""
    from documents import services as documents
    from search.backends import get_backend
    from search.background import drainer

    settings.SEARCH_OUTBOX_DRAIN = "background"
    assert settings.CELERY_TASK_ALWAYS_EAGER  # this run has no broker, as `make run`
    org = Organization.objects.create(code="c", name="Центр", kind="methodological_centre")
    drained_in = []
    original = services.drain_outbox

    def recording(*args, **kwargs):
        drained_in.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "drain_outbox", recording)
    document = documents.create_document(
        organization=org, name="o.txt", data="Положение\nОб олимпиаде школьников.".encode()
    )
    assert drainer.wait_idle(timeout=30)
    assert drained_in and threading.current_thread().name not in drained_in
    assert set(drained_in) == {"search-outbox"}
    assert [h.document_id for h in get_backend().search("олимпиада").hits] == [document.pk]
    assert IndexTask.objects.count() == 0


@pytest.mark.postgres
def test_one_drain_thread_at_a_time_across_processes(transactional_db, settings):
    """While another process's drain thread holds the drain lock, this one leaves the rows
    to it and looks again; once the lock is free, it drains them."""
    import time

    from django.db import connection

    from documents import services as documents
    from search.background import DRAIN_LOCK, drainer

    settings.SEARCH_OUTBOX_DRAIN = "background"
    org = Organization.objects.create(code="c", name="Центр", kind="methodological_centre")
    with connection.cursor() as cursor:  # this connection stands for the other process
        cursor.execute("SELECT pg_advisory_lock(%s)", [DRAIN_LOCK])
        try:
            documents.create_document(
                organization=org, name="o.txt", data="Положение\nОб олимпиаде.".encode()
            )
            time.sleep(2)
            assert IndexTask.objects.exists()  # left for the lock's holder
            assert not drainer.wait_idle(timeout=0.1)  # and looked at again
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [DRAIN_LOCK])
    assert drainer.wait_idle(timeout=30)
    assert not IndexTask.objects.exists()


def test_a_drain_takes_what_waited_when_it_began(queued, monkeypatch):
    """Rows queued while a drain works are left to the drain their commit kicks (in the
    embedded mode the thread's next round, which gathers them): one that chased every new row
    handed the engine one or two documents at a time, a commit of the index each."""
    engine = SlowEngine()
    late = queued[0]
    original = engine.index

    def index_and_queue_another(document):
        if not IndexTask.objects.filter(pk__gt=last).exists():
            IndexTask.objects.create(document_id=late.pk)  # a change committed meanwhile
        original(document)

    engine.index = index_and_queue_another
    monkeypatch.setattr(services, "get_backend", lambda: engine)
    last = IndexTask.objects.order_by("-pk").first().pk
    result = services.drain_outbox()
    assert (result["done"], result["failed"], result["waiting"]) == (DOCUMENTS, 0, 1)
    assert list(IndexTask.objects.values_list("document_id", flat=True)) == [late.pk]
    assert services.drain_outbox()["waiting"] == 0  # the next drain takes it
    assert engine.indexed[late.pk] == 2


@pytest.mark.postgres
def test_the_lock_holder_goes_on_while_rows_keep_coming(transactional_db, monkeypatch):
    """In a burst (registrations in several processes) the drain lock's holder drains round
    after round, a gathering pause between them, instead of each process's thread taking its
    turn for the few rows of its moment; a round that indexes nothing ends it (rows the engine
    refuses wait for the schedule)."""
    from search import background

    monkeypatch.setattr(background, "GATHER_SECONDS", 0.01)
    rounds = [
        {"done": 40, "failed": 0, "waiting": 12},
        {"done": 12, "failed": 0, "waiting": 3},
        {"done": 0, "failed": 1, "waiting": 3},  # only a refused document's rows are left
        {"done": 5, "failed": 0, "waiting": 0},
    ]
    held = []

    def drain():
        other = connections.create_connection("default")  # another process's look
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [background.DRAIN_LOCK])
                held.append(not cursor.fetchone()[0])
        finally:
            other.close()
        return rounds.pop(0)

    monkeypatch.setattr(services, "drain_outbox", drain)
    assert background._drain_unless_another_process_does(services) is True
    assert held == [True, True, True]  # three rounds, all under the lock
    assert rounds == [{"done": 5, "failed": 0, "waiting": 0}]
