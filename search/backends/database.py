"""The database backend: PostgreSQL full-text search or SQLite FTS5 over lemmatised text.

Both engines index pymorphy3 lemmas of ё-folded text, so «олимпиад» and «олимпиада» meet as
one word. On PostgreSQL the vector uses the `simple` configuration over those lemmas: the
Snowball `russian` stemmer applied on top of lemmas conflates different words (лицей and лицо
both stem to «лиц»), which the relevance suite caught as a wrong exclusion. The vector is a
column generated from the lemmas; quoted phrases are matched through the entry's phrase keys
(search.text.phrase_keys), since GIN keeps no positions and checking them reads every vector.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from documents.selectors import readable_by
from orgs.models import Organization

from ..indexing import batch_fields, entry_fields
from ..models import SearchEntry
from ..text import Query, highlight, parse_query
from .base import FACETS, Hit, Results, SearchBackend
from .queries import (
    as_phrase,
    best_clauses,
    fts5_query,
    postgres_match,
    telling_words,
    to_tsquery,
)

NUMBER_BONUS = 1000.0  # an exact number match ranks above any text match
FACET_FIELDS = ("kind", "organization_id", "year", "status", "category")  # in FACETS' order


def _grouped(limited) -> list[tuple[tuple, int]]:
    """(facet values, count) over a LIMITed queryset of FACET_FIELDS, grouped by the database
    (an ORM GROUP BY would apply the LIMIT to the groups, not to the matches)."""
    sql, params = limited.query.sql_with_params()
    columns = ", ".join(connection.ops.quote_name(name) for name in FACET_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, COUNT(*) FROM ({sql}) AS matches GROUP BY {columns}", params
        )
        return [(tuple(row[:-1]), row[-1]) for row in cursor.fetchall()]


@contextmanager
def bitmap_scans():
    """PostgreSQL: read matches through bitmap scans only. A plan testing `@@` row by row (a
    sequential scan, or an index scan in some order, which the planner favours under a LIMIT)
    reads every row's vector out of TOAST; a word query's GIN bitmap needs no vector at all.
    JIT is off too: the cost penalty of a disabled plan would start a compilation that takes
    longer than the query. The settings are undone on leaving (or rolled back with the
    savepoint on an error)."""
    names = ("enable_seqscan", "enable_indexscan", "jit")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} = off" for name in names))
        yield
        cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name in names))


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- writing ---------------------------------------------------------------------------

    @transaction.atomic
    def index(self, document):
        fields = entry_fields(document)
        entry, _created = SearchEntry.objects.update_or_create(document=document, defaults=fields)
        self._fill_fts5([entry])
        return entry

    def rebuild(self, documents, batch=500):
        """Index everything anew in batches: bulk inserts, and the engine's structure filled
        from the stored lemmas by one statement per batch."""
        self.clear()
        chunk = []
        for document in documents:
            chunk.append(document)
            if len(chunk) == batch:
                self._index_batch(chunk)
                chunk = []
        if chunk:
            self._index_batch(chunk)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Statistics and the visibility map for the rows just written: without them the
            # planner guesses and the first searches set every row's hint bits.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) search_searchentry")

    @transaction.atomic
    def _index_batch(self, documents):
        entries = SearchEntry.objects.bulk_create(
            SearchEntry(document=document, **fields) for document, fields in batch_fields(documents)
        )
        self._fill_fts5(entries)

    def _fill_fts5(self, entries):
        """SQLite: the FTS5 rows from the entries' stored lemmas. (PostgreSQL's vector is a
        column generated from them, and the phrase keys come with the entry.)"""
        if connection.vendor != "sqlite":
            return
        entry_ids = [e.pk for e in entries]
        marks = ", ".join(["%s"] * len(entry_ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", entry_ids)
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, body) SELECT id, title_lemmas,"
                f" text_lemmas FROM search_searchentry WHERE id IN ({marks})",
                entry_ids,
            )

    @transaction.atomic
    def remove(self, document_id):
        entry = SearchEntry.objects.filter(document_id=document_id).first()
        if entry is None:
            return
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.pk])
        entry.delete()

    @transaction.atomic
    def clear(self):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
        SearchEntry.objects.all().delete()

    def indexed_versions(self):
        return dict(SearchEntry.objects.values_list("document_id", "version_id"))

    # --- reading ---------------------------------------------------------------------------

    def similar(self, document, *, user=None, limit=5):
        """The documents ranked best for a query of this one's telling words, any of them,
        by the same ranking as a search (every match is ranked: exact, and as slow as a
        search for common words on PostgreSQL; docs/benchmarks.md)."""
        entry = SearchEntry.objects.filter(document=document).first()
        if entry is None:
            return []
        terms = telling_words(f"{entry.title_lemmas} {entry.text_lemmas}")
        if not terms:
            return []
        query = Query(groups=[{"terms": [term], "phrases": []} for term in terms])
        return self._ranked(SearchEntry.objects.exclude(pk=entry.pk), query, user, limit)

    def _ranked(self, qs, query, user, limit):
        if user is not None:
            qs = qs.filter(readable_by(user, id_field="document_id"))
        if connection.vendor == "sqlite":
            rows = self._sqlite_page(self._matched(qs, query), query, 0, limit)
        else:
            with bitmap_scans():
                ranked = self._scored(self._matched(qs, query), query)
                rows = list(
                    ranked.order_by("-score", "-document_id").values_list("pk", "score")[:limit]
                )
        return self._page(rows, Query())

    def search(self, text, *, user=None, filters=None, sort="relevance", page=1, per_page=20):
        query = parse_query(text or "")
        qs = SearchEntry.objects.all()
        if user is not None:
            # Permissions are part of the query, on the entry's copies of the reader fields.
            qs = qs.filter(readable_by(user, id_field="document_id"))
        qs = self._filtered(qs, filters or {})
        start = (max(page, 1) - 1) * per_page
        exact = True
        if query.empty:
            facets, count = self._facets(qs)
            qs = qs.annotate(score=Value(0.0, output_field=FloatField()))
        elif connection.vendor == "postgresql":
            return self._bounded_search(qs, query, sort, start, per_page)
        else:
            qs = self._matching(qs, query)
            facets, count = self._facets(qs)
        if sort == "date":
            page_rows = self._by_date(qs, start, per_page)
        elif connection.vendor == "sqlite" and query.groups and not query.number:
            page_rows = self._sqlite_page(qs, query, start, per_page)
        else:
            qs = qs.order_by("-score", "-document_id")
            page_rows = list(qs.values_list("pk", "score")[start : start + per_page])
        return Results(
            count=count, hits=self._page(page_rows, query), facets=facets, count_exact=exact
        )

    def _bounded_search(self, qs, query, sort, start, per_page):
        """PostgreSQL: matching through the GIN index's bitmap alone (see `bitmap_scans`);
        counts and facets exact up to SEARCH_COUNT_LIMIT matches, lower bounds beyond (as
        Elasticsearch's track_total_hits). Every match is ranked (ts_rank_cd reads each
        vector out of TOAST: exact, and slow for words found in most documents; the tantivy
        engine ranks them without scoring every one, docs/benchmarks.md)."""
        count_limit = settings.SEARCH_COUNT_LIMIT
        matched = self._matched(qs, query)
        with bitmap_scans():
            # One match more than the limit tells that there are more; every row read is a
            # real match, so the facets' counts stay true lower bounds.
            groups = _grouped(matched.order_by().values_list(*FACET_FIELDS)[: count_limit + 1])
            facets, count = self._tally(groups)
            exact = count <= count_limit
            count = min(count, count_limit)
            if sort == "date":
                page_rows = self._by_date(self._scored(matched, query), start, per_page)
            else:
                ranked = self._scored(matched, query).order_by("-score", "-document_id")
                page_rows = list(ranked.values_list("pk", "score")[start : start + per_page])
        return Results(
            count=count, hits=self._page(page_rows, query), facets=facets, count_exact=exact
        )

    def _by_date(self, qs, start, per_page):
        qs = qs.order_by(F("document__date").desc(nulls_last=True), "-document_id")
        # Sort narrow rows, then fetch the page's entries: sorting whole rows (texts and
        # lemmas) of every match is what made common words slow.
        return list(qs.values_list("pk", "score")[start : start + per_page])

    def _page(self, page_rows, query):
        entries = (
            SearchEntry.objects.select_related("document")
            .defer("title_lemmas", "text_lemmas", "phrase_keys")
            .in_bulk([pk for pk, _score in page_rows])
        )
        ordered = []
        for pk, score in page_rows:
            entry = entries[pk]
            entry.score = score
            ordered.append(entry)
        return self._hits(ordered, query)

    def _sqlite_page(self, qs, query, start, per_page):
        """bm25 of every match from one FTS5 pass (a per-row ranking subquery re-runs the MATCH
        for each row), intersected with the permitted, filtered matches, sorted here."""
        scores = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, -bm25(search_fts, 10.0, 1.0) FROM search_fts"
                " WHERE search_fts MATCH %s",
                [fts5_query(query)],
            )
            scores = dict(cursor.fetchall())
            adjacent = as_phrase(query)
            if adjacent:
                cursor.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [fts5_query(adjacent)]
                )
                for (rowid,) in cursor.fetchall():
                    scores[rowid] = scores.get(rowid, 0.0) + 1.0
        allowed = qs.order_by().values_list("pk", flat=True)
        ranked = sorted(allowed, key=lambda pk: (-scores.get(pk, 0.0), -pk))
        return [(pk, scores.get(pk, 0.0)) for pk in ranked[start : start + per_page]]

    def _filtered(self, qs, filters):
        if filters.get("kind"):
            qs = qs.filter(kind=filters["kind"])
        if filters.get("organization"):
            qs = qs.filter(organization__code=filters["organization"])
        if filters.get("year"):
            qs = qs.filter(year=int(filters["year"]))
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("category"):
            qs = qs.filter(category=filters["category"])
        return qs

    def _matching(self, qs, query: Query):
        return self._scored(self._matched(qs, query), query)

    def _matched(self, qs, query: Query):
        """The entries matching the words (or the number) of the query."""
        text_hit, _rank = self._text_condition(query)
        number = Q()
        if query.number:
            number = Q(numbers__contains=f" {query.number} ") | Q(
                numbers__contains=f" {query.number}"
            )
        if text_hit is None:
            return qs.filter(number)
        condition = Q(text_hit=True) | number if query.number else Q(text_hit=True)
        return qs.annotate(text_hit=text_hit).filter(condition)

    def _scored(self, qs, query: Query):
        """`score` on matched entries; computed only for the rows a query returns, so counts
        and facets (which do not select it) never compute it."""
        _hit, text_rank = self._text_condition(query)
        bonus = (
            Case(
                When(Q(numbers__contains=f" {query.number} "), then=Value(NUMBER_BONUS)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            if query.number
            else Value(0.0, output_field=FloatField())
        )
        if text_rank is None:
            return qs.annotate(score=Value(NUMBER_BONUS, output_field=FloatField()))
        return qs.annotate(score=Coalesce(text_rank, 0.0) + bonus)

    def _text_condition(self, query: Query):
        """(matches, rank); words typed next to each other rank higher when they stand next
        to each other in the document too."""
        if not query.groups:
            return None, None
        adjacent = as_phrase(query)
        if connection.vendor == "postgresql":
            tsquery = to_tsquery(query)
            hit = RawSQL(*postgres_match(query), output_field=BooleanField())
            rank_sql = "ts_rank_cd(search_searchentry.vector, to_tsquery('simple', %s))"
            params = [tsquery]
            if adjacent:
                rank_sql += (
                    " + CASE WHEN search_searchentry.vector @@ "
                    "to_tsquery('simple', %s) THEN 1.0 ELSE 0.0 END"
                )
                params.append(to_tsquery(adjacent))
            return hit, RawSQL(rank_sql, params, output_field=FloatField())
        match = fts5_query(query)
        hit = RawSQL(
            "search_searchentry.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
            [match],
            output_field=BooleanField(),
        )
        rank_sql = (
            "(SELECT -bm25(search_fts, 10.0, 1.0) FROM search_fts"
            " WHERE search_fts MATCH %s AND rowid = search_searchentry.id)"
        )
        params = [match]
        if adjacent:
            rank_sql += (
                " + CASE WHEN search_searchentry.id IN (SELECT rowid FROM search_fts"
                " WHERE search_fts MATCH %s) THEN 1.0 ELSE 0.0 END"
            )
            params.append(fts5_query(adjacent))
        return hit, RawSQL(rank_sql, params, output_field=FloatField())

    def _facets(self, qs) -> tuple[dict, int]:
        """Counts per facet value and the total, from one GROUP BY over the matches."""
        rows = qs.order_by().values_list(*FACET_FIELDS).annotate(count=Count("pk"))
        return self._tally((row[:-1], row[-1]) for row in rows)

    def _tally(self, groups) -> tuple[dict, int]:
        """Facets and total from (facet values, count) pairs."""
        codes = dict(Organization.objects.values_list("pk", "code"))
        totals = {name: {} for name in FACETS}
        count = 0
        for values, n in groups:
            count += n
            for name, value in zip(FACETS, values, strict=True):
                if name == "organization":
                    value = codes.get(value)
                if value not in (None, ""):
                    totals[name][value] = totals[name].get(value, 0) + n
        facets = {
            name: [
                {"value": value, "count": n}
                for value, n in sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
            ]
            for name, values in totals.items()
        }
        return facets, count

    def _hits(self, entries, query: Query):
        lemmas = query.lemmas()
        clauses = best_clauses([e.version_id for e in entries], lemmas)
        return [
            Hit(
                document_id=e.document_id,
                title=e.title,
                kind=e.kind,
                number=e.document.number or None,
                date=e.document.date.isoformat() if e.document.date else None,
                score=round(float(e.score), 4),
                highlight=highlight(e.text, lemmas),
                clause=clauses.get(e.version_id),
            )
            for e in entries
        ]
