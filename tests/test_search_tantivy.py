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


def test_a_phrase_of_two_words_is_a_term_of_neighbours_in_one_field(org_tree):
    """Two words of a phrase meet as one term of the pairs fields: only neighbours, in this
    order; a longer phrase is checked by position among the documents holding its pairs."""
    engine = TantivyBackend()
    (document,) = _documents(org_tree, 1, "олимпиаде")  # «Справка 0\nО олимпиаде.»
    engine.write([document], [])

    def found(text):
        return [hit.document_id for hit in engine.search(text).hits]

    assert found('"о олимпиаде"') == [document.pk]
    assert found('"олимпиаде о"') == []
    assert found('"справка о"') == []
    assert found('"справка 0 о олимпиаде"') == [document.pk]
    assert found('"справка 0 олимпиаде"') == []  # both pairs' words, not the pairs
    assert found('"0 о справка"') == []


def test_typed_words_standing_together_count_once_among_the_matches(org_tree):
    """The score of words standing together is left out of what the count aggregates: every
    document holding the words is counted, together or apart, and the one holding them
    together ranks first."""
    centre = org_tree["centre"]
    together, apart = (
        documents.create_document(organization=centre, name=f"{n}.txt", data=data.encode())
        for n, data in (
            ("t", "Отчёт\nИтоги муниципальной олимпиады подведены."),
            ("a", "Отчёт\nОлимпиады прошли. Итоги подведены в муниципальной школе."),
        )
    )
    engine = TantivyBackend()
    engine.write([apart, together], [])
    results = engine.search("итоги муниципальной олимпиады")
    assert results.count == 2 and [hit.document_id for hit in results.hits] == [
        together.pk,
        apart.pk,
    ]
    assert results.facets["kind"] == [{"value": together.kind, "count": 2}]


def test_an_index_of_an_older_layout_is_never_opened(org_tree, settings, tmp_path):
    """An upgrade that changes the index's layout opens a new directory beside the old one
    (whose schema no longer matches): search answers from the new index, which the outbox
    fills (search/migrations/0008 queues every document), and the old files stay as they are."""
    import tantivy

    settings.SEARCH_INDEX_DIR = str(tmp_path)
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("doc_id", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", tokenizer_name="whitespace")
    old = tantivy.Index(builder.build(), path=str(tmp_path), reuse=True)
    writer = old.writer(heap_size=15_000_000, num_threads=1)
    writer.commit()
    writer.wait_merging_threads()
    before = sorted(p.name for p in tmp_path.iterdir())
    engine = TantivyBackend()
    assert engine.search("олимпиада").count == 0
    (document,) = _documents(org_tree, 1, "олимпиаде")
    engine.write([document], [])
    assert [hit.document_id for hit in engine.search("олимпиада").hits] == [document.pk]
    assert engine.path.parent == tmp_path and engine.path.name.startswith("layout-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before + [engine.path.name])


def test_the_upgrade_to_a_new_layout_queues_every_document(org_tree):
    import importlib

    from django.apps import apps

    from documents.models import Document
    from search.models import IndexTask

    upgrade = importlib.import_module("search.migrations.0008_tantivy_layout_2")
    kept = _documents(org_tree, 3, "олимпиаде")
    Document.objects.filter(pk=kept[0].pk).update(status=Document.Status.DESTROYED)
    IndexTask.objects.all().delete()
    upgrade.forwards(apps, None)
    queued = sorted(IndexTask.objects.values_list("document_id", "action"))
    assert queued == [(d.pk, "index") for d in kept[1:]]
