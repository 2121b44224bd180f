"""The Elasticsearch backend (elasticsearch-dsl 8).

Russian analysis in the engine (ё→е char filter, lower case, Russian stop words, Russian
stemmer) plus lemma fields filled by pymorphy3; keyword fields for filters, facets and the
readers of each document (permissions are a filter of the query); a versioned index behind an
alias, so a rebuild fills a new index and switches the alias at once.
"""

import time

from elasticsearch_dsl import (
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    connections,
    normalizer,
    token_filter,
)

from ..indexing import entry_fields
from ..readers import readers_for, readers_of
from ..text import parse_query
from .base import FACETS, Hit, Results, SearchBackend

ALIAS = "reglament-documents"
PATTERN = f"{ALIAS}-*"
NUMBER_BOOST = 1000

yo = char_filter("yo_to_e", type="mapping", mappings=["ё => е", "Ё => Е"])
russian_stop = token_filter("russian_stop", type="stop", stopwords="_russian_")
russian_stemmer = token_filter("russian_stemmer", type="stemmer", language="russian")
russian = analyzer(
    "russian_text",
    tokenizer="standard",
    char_filter=[yo],
    filter=["lowercase", russian_stop, russian_stemmer],
)
# Lemmas come from pymorphy3 already folded; the engine only splits and drops stop words.
lemmas = analyzer(
    "russian_lemmas", tokenizer="whitespace", char_filter=[yo], filter=["lowercase", russian_stop]
)
number_key = normalizer("number_key", filter=["lowercase"])


class Lemmas(InnerDoc):
    title = Text(analyzer=lemmas)
    text = Text(analyzer=lemmas)


class IndexedDocument(Document):
    title = Text(analyzer=russian)
    text = Text(analyzer=russian)
    # The lemma sub-fields: pymorphy3 lemmas of title and text, in the original word order.
    lemmas = Object(Lemmas)
    numbers = Keyword(normalizer=number_key)
    kind = Keyword()
    status = Keyword()
    organization = Keyword()
    category = Keyword()
    year = Integer()
    readers = Keyword()
    number = Keyword()
    date = Keyword()
    version_id = Integer()

    class Index:
        name = ALIAS
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def index_template():
    """The composable template every versioned index of the alias is created from."""
    index = Index(ALIAS)
    index.document(IndexedDocument)
    index.settings(number_of_shards=1, number_of_replicas=0)
    return index.as_composable_template(ALIAS, pattern=PATTERN)


def source(document) -> dict:
    fields = entry_fields(document)
    return {
        "title": fields["title"],
        "text": fields["text"],
        "lemmas": {"title": fields["title_lemmas"], "text": fields["text_lemmas"]},
        "numbers": fields["numbers"].split(),
        "kind": fields["kind"],
        "status": fields["status"],
        "organization": document.organization.code,
        "category": fields["category"],
        "year": fields["year"],
        "readers": readers_of(document),
        "number": document.number or None,
        "date": document.date.isoformat() if document.date else None,
        "version_id": fields["version_id"],
    }


def build_search(text, *, user=None, filters=None, sort="relevance", page=1, per_page=20):
    """The engine query as an elasticsearch-dsl Search (its .to_dict() is plain data)."""
    query = parse_query(text or "")
    search = Search(index=ALIAS)
    should = []
    for group in query.groups:
        must = (
            [
                Q(
                    "multi_match",
                    query=" ".join(group["terms"]),
                    fields=["lemmas.title^3", "lemmas.text", "title^2", "text"],
                    operator="and",
                )
            ]
            if group["terms"]
            else []
        )
        must += [
            Q("match_phrase", **{"lemmas.text": " ".join(phrase)}) for phrase in group["phrases"]
        ]
        should.append(Q("bool", must=must))
    if query.number:
        should.append(Q("term", numbers={"value": query.number, "boost": NUMBER_BOOST}))
        should.append(Q("prefix", numbers={"value": query.number}))
    if should:
        search = search.query(
            Q(
                "bool",
                should=should,
                minimum_should_match=1,
                must_not=[Q("match", **{"lemmas.text": w}) for w in query.excluded],
            )
        )
    if user is not None and not user.is_superuser:
        search = search.filter("terms", readers=readers_for(user))
    for name, value in (filters or {}).items():
        search = search.filter("term", **{name: value})
    for name in FACETS:
        search.aggs.bucket(name, "terms", field=name, size=50)
    search = search.highlight(
        "text", fragment_size=200, number_of_fragments=2, pre_tags=["<mark>"], post_tags=["</mark>"]
    )
    if sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}})
    start = (max(page, 1) - 1) * per_page
    return search[start : start + per_page]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url):
        self.url = url

    @property
    def client(self):
        return connections.create_connection(hosts=[self.url], request_timeout=10)

    def ensure_index(self):
        client = self.client
        index_template().save(using=client)
        if not client.indices.exists_alias(name=ALIAS):
            name = f"{ALIAS}-{int(time.time())}"
            client.indices.create(index=name)
            client.indices.put_alias(index=name, name=ALIAS)

    def index(self, document):
        self.ensure_index()
        self.client.index(
            index=ALIAS, id=document.pk, document=source(document), refresh="wait_for"
        )

    def remove(self, document_id):
        self.client.options(ignore_status=404).delete(index=ALIAS, id=document_id)

    def clear(self):
        self.rebuild([])

    def rebuild(self, documents):
        """Fill a new index, then switch the alias to it in one step."""
        from elasticsearch.helpers import bulk  # the helpers load the bulk machinery

        client = self.client
        index_template().save(using=client)
        name = f"{ALIAS}-{int(time.time() * 1000)}"
        client.indices.create(index=name)
        bulk(client, ({"_index": name, "_id": d.pk, "_source": source(d)} for d in documents))
        client.indices.refresh(index=name)
        old = (
            list(client.indices.get_alias(name=ALIAS).keys())
            if client.indices.exists_alias(name=ALIAS)
            else []
        )
        actions = [{"remove": {"index": i, "alias": ALIAS}} for i in old]
        actions.append({"add": {"index": name, "alias": ALIAS}})
        client.indices.update_aliases(actions=actions)
        for index in old:
            client.indices.delete(index=index)

    def similar(self, document, *, user=None, limit=5):
        search = Search(index=ALIAS).query(
            "more_like_this",
            fields=["lemmas.title", "lemmas.text"],
            like=[{"_index": ALIAS, "_id": str(document.pk)}],
            min_term_freq=1,
            min_doc_freq=1,
        )
        if user is not None and not user.is_superuser:
            search = search.filter("terms", readers=readers_for(user))
        response = search[:limit].using(self.client).execute()
        return [
            Hit(
                document_id=int(h.meta.id),
                title=h.title,
                kind=h.kind,
                number=h.number,
                date=h.date,
                score=h.meta.score or 0.0,
                highlight="",
            )
            for h in response
        ]

    def indexed_versions(self):
        search = Search(using=self.client, index=ALIAS).source(["version_id"])
        return {int(hit.meta.id): hit.version_id for hit in search.scan()}

    def search(self, text, *, user=None, filters=None, sort="relevance", page=1, per_page=20):
        response = (
            build_search(text, user=user, filters=filters, sort=sort, page=page, per_page=per_page)
            .using(self.client)
            .execute()
        )
        hits = [
            Hit(
                document_id=int(hit.meta.id),
                title=hit.title,
                kind=hit.kind,
                number=hit.number,
                date=hit.date,
                score=hit.meta.score or 0.0,
                highlight=" … ".join(getattr(hit.meta, "highlight", {}).get("text", [])),
            )
            for hit in response
        ]
        facets = {
            name: [
                {"value": b.key, "count": b.doc_count}
                for b in getattr(response.aggregations, name).buckets
            ]
            for name in FACETS
        }
        total = response.hits.total
        return Results(
            count=total.value,
            hits=hits,
            facets=facets,
            # Elasticsearch counts exactly up to track_total_hits (10,000), then says "gte".
            count_exact=getattr(total, "relation", "eq") == "eq",
        )
