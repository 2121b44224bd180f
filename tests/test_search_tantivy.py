"""The tantivy engine's own machinery: one writer at a time across processes, readers seeing
another process's commit at once, the index's health. (Search behaviour is tests/test_search.py,
run on every engine.)"""

import threading

import pytest
from django.db import connections

from documents import services as documents
from search.backends.tantivy_engine import TantivyBackend

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_drain(monkeypatch, settings):
    """Only the engines of each test write: the outbox is left alone."""
    from search import services

    settings.SEARCH_BACKEND = "tantivy"
    monkeypatch.setattr(services, "_kick", lambda: None)


def _documents(org_tree, count, word):
    return [
        documents.create_document(
            organization=org_tree["centre"],
            name=f"{word}{n}.txt",
            data=f"Справка {n}\nО {word}.".encode(),
        )
        for n in range(count)
    ]


def test_two_processes_writing_at_once_take_turns(org_tree):
    """Two backends stand for two processes (each its own lock and index handle): the lock
    file beside the index makes the second wait instead of failing on tantivy's own lock."""
    batches = [_documents(org_tree, 20, "олимпиаде"), _documents(org_tree, 20, "конкурсе")]
    engines = [TantivyBackend(), TantivyBackend()]
    errors, start = [], threading.Barrier(2)

    def write(engine, batch):
        try:
            start.wait()
            for document in batch:  # one commit each: many chances to collide
                engine.write([document], [])
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=write, args=pair) for pair in zip(engines, batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    reader = TantivyBackend()
    assert reader.search("олимпиада").count == 20 and reader.search("конкурс").count == 20


def test_a_commit_is_seen_at_once_by_another_process(org_tree):
    writer, reader = TantivyBackend(), TantivyBackend()
    assert reader.search("олимпиада").count == 0  # the reader has opened the index
    (document,) = _documents(org_tree, 1, "олимпиаде")
    writer.write([document], [])
    assert [hit.document_id for hit in reader.search("олимпиада").hits] == [document.pk]
    writer.write([], [document.pk])
    assert reader.search("олимпиада").count == 0


def test_health_reports_the_index(client, settings):
    search = client.get("/healthz").json()["search"]
    assert search == {"backend": "tantivy", "documents": 0, "ok": True}
    settings.SEARCH_INDEX_DIR = "/proc/reglament-no-such-index"  # cannot be made
    search = client.get("/healthz").json()["search"]
    assert search["ok"] is False and search["backend"] == "tantivy"


def test_a_forked_worker_aggregates_in_threads_of_its_own():
    """A server that forks its workers after a search (gunicorn --preload): the child's pool
    is its own, so its searches do not wait on threads that exist only in the parent."""
    import os

    from search.backends.tantivy_engine import _aggregating

    parent = _aggregating()
    assert parent.submit(lambda: 1).result(timeout=5) == 1
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe, never return into pytest
        try:
            pool = _aggregating()
            works = pool.submit(lambda: 2).result(timeout=5) == 2
            answer = b"ok" if pool is not parent and works else b"no"
        except BaseException:
            answer = b"error"
        os.write(write, answer)
        os._exit(0)
    os.close(write)
    answer = os.read(read, 10)
    os.waitpid(pid, 0)
    assert answer == b"ok"
