"""The embedded engine: a tantivy index in a directory (settings.SEARCH_INDEX_DIR).

tantivy (the Rust engine behind Quickwit and Paperless-ngx 3) keeps an inverted index with
positions and ranks by BM25: the top hits are the highest-scoring of all matches (a
disjunction's found with block-max WAND, without scoring every match). It indexes our own
pymorphy3 lemmas (split on spaces: the lemmas are already folded and lower-cased), so words
meet in every form as in the other engines; numbers, readers, kind, organisation, year,
category and status are keyword fields, so the permission condition, filters and facets are
part of the engine's query.

Writes come from the outbox drain only (one writer at a time across processes: a lock file
beside the index); a commit makes a batch visible at once to every reader. Web processes
reopen the reader when the index's meta file changes.
"""

import fcntl
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.conf import settings

from documents.models import Document
from documents.selectors import full_text, readable_by, recognised_texts
from orgs.models import Organization

from ..indexing import batch_fields
from ..readers import grants_of, readers_of
from ..text import Query, highlight, parse_query
from .base import FACETS, Hit, Results, SearchBackend
from .queries import best_clauses
from .tantivy_schema import (
    LAYOUT,
    conditions,
    ranked_query,
    schema,
    tantivy_document,
    text_query,
    word_query,
)

WRITER_HEAP = 64_000_000
_AGGREGATING = {}  # process id → its pool (a forked server worker has no thread of its parent's)


def _aggregating() -> ThreadPoolExecutor:
    pid = os.getpid()
    if pid not in _AGGREGATING:
        _AGGREGATING.clear()
        _AGGREGATING[pid] = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-facets")
    return _AGGREGATING[pid]


class TantivyBackend(SearchBackend):
    name = "tantivy"

    def __init__(self):
        self._lock = threading.Lock()  # one writer per process; the lock file across them
        self._opened = {}  # path → (index, meta mtime seen)

    # --- the index -------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The index of this layout; one of an older layout beside it is never opened."""
        return Path(settings.SEARCH_INDEX_DIR) / f"layout-{LAYOUT}"

    def _index(self) -> tantivy.Index:
        """The index of the current directory, its reader reopened after another process's
        commit (the meta file changes with every commit)."""
        path = self.path
        path.mkdir(parents=True, exist_ok=True)
        opened = self._opened.get(path)
        if opened is None:
            self._opened.clear()  # the directory was changed (tests): the old one is let go
            index = tantivy.Index(schema(), path=str(path), reuse=True)
            index.config_reader(reload_policy="manual")
            opened = self._opened[path] = [index, None]
        try:
            stamp = os.stat(path / "meta.json").st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp != opened[1]:
            opened[0].reload()
            opened[1] = stamp
        return opened[0]

    @contextmanager
    def _writer(self):
        """The index's writer, committed on leaving: one at a time in this process (a thread
        lock) and across processes (an exclusive lock on a file beside the index)."""
        index = self._index()
        with self._lock, open(self.path / ".reglament-writer.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                # Merges started by the commit finish before the lock is let go, so segments
                # do not pile up behind many small commits.
                writer.wait_merging_threads()
                fcntl.flock(lock, fcntl.LOCK_UN)
        self._index()  # this process sees its own commit at once

    def searcher(self) -> tantivy.Searcher:
        return self._index().searcher()

    def size(self) -> int:
        """Bytes on disk."""
        return sum(p.stat().st_size for p in self.path.glob("*") if p.is_file())

    # --- writing ---------------------------------------------------------------------------

    def index(self, document):
        self.write([document], [])

    def remove(self, document_id):
        self.write([], [document_id])

    def write(self, documents, removed) -> dict:
        """Index `documents` and drop `removed` (ids) in one commit. A document whose fields
        cannot be built is refused and the rest go in; an engine failure raises, and the drain
        keeps every row."""
        refused = {}
        built = self._build(documents, refused)
        replaced = list(removed) + [document_id for document_id, _doc in built]
        with self._writer() as writer:
            if replaced:
                # (By query: tantivy-py's delete by term does not take an unsigned value.)
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self._index().schema, "doc_id", replaced)
                )
            for _document_id, doc in built:
                writer.add_document(doc)
        return refused

    def _build(self, documents, refused=None):
        documents = list(documents)
        grants = grants_of(d.pk for d in documents)
        codes = dict(Organization.objects.values_list("pk", "code"))
        built = []
        for document, fields in batch_fields(documents, with_phrase_keys=False):
            try:
                readers = readers_of(document, grants.get(document.pk, []))
                code = codes.get(document.organization_id, "")
                built.append((document.pk, tantivy_document(document, fields, readers, code)))
            except Exception as error:
                if refused is None:
                    raise
                refused[document.pk] = error
        return built

    def rebuild(self, documents, batch=1000):
        """Everything anew in one commit: readers see the old index until the new one is
        whole."""
        with self._writer() as writer:
            writer.delete_all_documents()
            chunk = []
            for document in documents:
                chunk.append(document)
                if len(chunk) == batch:
                    for _id, doc in self._build(chunk):
                        writer.add_document(doc)
                    chunk = []
            for _id, doc in self._build(chunk):
                writer.add_document(doc)

    def clear(self):
        with self._writer() as writer:
            writer.delete_all_documents()

    def indexed_versions(self):
        searcher = self._index().searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
        addresses = [address for _score, address in hits]
        ids = searcher.fast_field_values("doc_id", addresses)
        versions = searcher.fast_field_values("version_id", addresses)
        return dict(zip(ids, versions, strict=True))

    # --- reading ---------------------------------------------------------------------------

    def search(self, text, *, user=None, filters=None, sort="relevance", page=1, per_page=20):
        query = parse_query(text or "")
        index = self._index()
        searcher = index.searcher()
        schema_ = index.schema
        required = conditions(schema_, user, filters or {})
        if query.empty:
            matched = ranked = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.all_query())] + required
            )
        else:
            matched = text_query(schema_, query, required)
            ranked = ranked_query(schema_, query, matched)
        start = (max(page, 1) - 1) * per_page
        # The facets and the count aggregate every match while the top hits are found: tantivy
        # lets go of the GIL, so the two run on two cores (at 1M documents a two-word query's
        # p95 fell from about 200 ms to 140–160 ms, docs/benchmarks.md).
        facets = _aggregating().submit(self._facets, searcher, matched)
        if sort == "date" or query.empty:
            found = searcher.search(
                ranked,
                per_page,
                count=False,
                offset=start,
                order_by_field="date_key" if sort == "date" else "doc_id",
            )
            rows = [(0.0, address) for _key, address in found.hits]
        else:
            rows = searcher.search(ranked, per_page, count=False, offset=start).hits
        facets, count = facets.result()
        return Results(count=count, hits=self._hits(searcher, rows, query, user), facets=facets)

    def similar(self, document, *, user=None, limit=5):
        index = self._index()
        searcher = index.searcher()
        schema_ = index.schema
        own = tantivy.Query.term_query(schema_, "doc_id", document.pk)
        found = searcher.search(own, 1, count=False).hits
        if not found:
            return []
        terms = searcher.doc(found[0][1]).get_first("telling").split()
        if not terms:
            return []
        should = [(tantivy.Occur.Should, word_query(schema_, term)) for term in terms]
        required = conditions(schema_, user, {})
        matched = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
                (tantivy.Occur.MustNot, own),
            ]
            + required
        )
        rows = searcher.search(matched, limit, count=False).hits
        return self._hits(searcher, rows, Query(), user)

    @staticmethod
    def _facets(searcher, matched) -> tuple[dict, int]:
        """Counts per facet value over every match, and the total, in one pass."""
        aggregations = {
            name: {"terms": {"field": name, "size": 1000}} for name in FACETS if name != "year"
        }
        aggregations["year"] = {"terms": {"field": "year", "size": 1000}}
        aggregations["total"] = {"value_count": {"field": "doc_id"}}
        result = searcher.aggregate(matched, aggregations)
        facets = {}
        for name in FACETS:
            buckets = [
                {"value": int(b["key"]) if name == "year" else b["key"], "count": b["doc_count"]}
                for b in result.get(name, {}).get("buckets", [])
                if b["key"] not in (None, "")
            ]
            facets[name] = sorted(buckets, key=lambda b: (-b["count"], str(b["value"])))
        return facets, int(result["total"]["value"] or 0)

    @staticmethod
    def _hits(searcher, rows, query: Query, user):
        """The page's documents from the database; one the user may no longer read (its
        readers changed since it was indexed: the outbox will catch up) is left out."""
        if not rows:
            return []
        ids = searcher.fast_field_values("doc_id", [address for _score, address in rows])
        documents = Document.objects.select_related("current_version")
        if user is not None:
            documents = documents.filter(readable_by(user))
        documents = documents.in_bulk(ids)
        lemmas = query.lemmas()
        versions = [d.current_version_id for d in documents.values() if d.current_version_id]
        clauses = best_clauses(versions, lemmas)
        recognised = recognised_texts(versions)  # a scan's words are in the text recognised
        hits = []
        for (score, _address), document_id in zip(rows, ids, strict=True):
            document = documents.get(document_id)
            if document is None:
                continue
            version = document.current_version
            hits.append(
                Hit(
                    document_id=document_id,
                    title=document.title,
                    kind=document.kind,
                    number=document.number or None,
                    date=document.date.isoformat() if document.date else None,
                    score=round(float(score), 4),
                    highlight=highlight(
                        full_text(version, recognised.get(document.current_version_id, "")),
                        lemmas,
                    ),
                    clause=clauses.get(document.current_version_id),
                )
            )
        return hits
