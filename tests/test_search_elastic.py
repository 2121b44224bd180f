"""Elasticsearch backend: mappings and queries as data; live against ELASTICSEARCH_URL."""

import datetime
import os

import pytest

from documents import lifecycle
from documents import services as documents
from orgs.roles import Role
from search.backends.elastic import (
    ALIAS,
    ElasticsearchBackend,
    build_search,
    index_template,
    source,
)
from search.readers import readers_for, readers_of

from .record_helpers import approved, keeper

pytestmark = pytest.mark.django_db


def test_index_template_analyses_russian():
    template = index_template().to_dict()
    assert template["index_patterns"] == [f"{ALIAS}-*"]
    analysis = template["template"]["settings"]["analysis"]
    assert analysis["char_filter"]["yo_to_e"]["mappings"] == ["ё => е", "Ё => Е"]
    text = analysis["analyzer"]["russian_text"]
    assert text["char_filter"] == ["yo_to_e"]  # folded before stop words and stemming
    assert text["filter"] == ["lowercase", "russian_stop", "russian_stemmer"]
    assert analysis["filter"]["russian_stop"]["stopwords"] == "_russian_"
    assert analysis["filter"]["russian_stemmer"]["language"] == "russian"
    props = template["template"]["mappings"]["properties"]
    assert props["lemmas"]["properties"]["text"]["analyzer"] == "russian_lemmas"
    for keyword in ("kind", "status", "organization", "category", "readers", "numbers"):
        assert props[keyword]["type"] == "keyword", keyword
    assert props["numbers"]["normalizer"] == "number_key"


def test_query_uses_lemmas_phrases_numbers_and_exclusions():
    query = build_search('олимпиад "банк информации" -ещё').to_dict()["query"]["bool"]
    must = query["should"][0]["bool"]["must"]
    assert must[0]["multi_match"]["query"] == "олимпиада"
    assert must[0]["multi_match"]["operator"] == "and"
    assert must[1] == {"match_phrase": {"lemmas.text": "банк информация"}}
    assert query["must_not"] == [{"match": {"lemmas.text": "еще"}}]
    number = build_search("№ 01-12/45").to_dict()["query"]["bool"]["should"]
    assert {"term": {"numbers": {"value": "01-12/45", "boost": 1000}}} in number
    assert {"prefix": {"numbers": {"value": "01-12/45"}}} in number


def test_query_filters_facets_highlight_sort_and_pages():
    body = build_search(
        "план", filters={"kind": "plan", "year": 2026}, sort="date", page=3, per_page=10
    ).to_dict()
    assert {"term": {"kind": "plan"}} in body["query"]["bool"]["filter"]
    assert set(body["aggs"]) == {"kind", "organization", "year", "status", "category"}
    assert body["highlight"]["fields"]["text"]["pre_tags"] == ["<mark>"]
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}]
    assert (body["from"], body["size"]) == (20, 10)


def test_permissions_are_a_filter_of_the_query(org_tree, make_person):
    centre = org_tree["centre"]
    teacher = make_person("teacher", centre, roles=[Role.STAFF])
    head = make_person("head", centre, roles=[Role.HEAD])
    body = build_search("план", user=teacher).to_dict()
    readers = ["all", f"author:{teacher.pk}", f"person:{teacher.pk}", f"org:{centre.pk}"]
    assert {"terms": {"readers": readers}} in body["query"]["bool"]["filter"]
    assert f"leaders:{centre.pk}" in readers_for(head)
    restricted = documents.create_document(
        organization=centre,
        name="r.txt",
        data="Справка\nТекст".encode(),
        visibility="restricted",
        author=teacher,
    )
    readers = readers_of(restricted)
    assert f"org:{centre.pk}" not in readers
    assert set(readers) & set(readers_for(head)) and set(readers) & set(readers_for(teacher))
    shared = documents.create_document(
        organization=org_tree["school"],
        name="s.txt",
        data="Памятка\nТекст".encode(),
        visibility="all",
    )
    assert "all" not in readers_of(shared)  # a draft stays inside its organisation
    approved(shared)
    assert "all" in readers_of(shared)


def test_source_carries_lemmas_and_number_keys(org_tree):
    document = documents.create_document(
        organization=org_tree["centre"],
        name="o.txt",
        data="ПРИКАЗ\n15.03.2022 № 01-12/45\nОб олимпиадах\n\n1. Провести олимпиады.".encode(),
    )
    data = source(document)
    assert "олимпиада" in data["lemmas"]["text"].split()
    assert "01-12/45" in data["numbers"] and data["organization"] == "imc"
    # The file's number and date are no registration.
    assert data["date"] is None and data["status"] == "draft"
    lifecycle.enter_from_archive(
        document, actor=keeper(), number="01-12/45", date=datetime.date(2022, 3, 15)
    )
    document.refresh_from_db()
    assert source(document)["date"] == "2022-03-15"


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set: no live Elasticsearch here",
)
def test_live_index_search_and_rebuild(org_tree):
    backend = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"])
    document = documents.create_document(
        organization=org_tree["centre"],
        name="o.txt",
        data="Положение\nоб олимпиаде\n\n1.1. Олимпиады проводятся ежегодно.".encode(),
    )
    backend.rebuild([document])
    results = backend.search("олимпиад")
    assert [h.document_id for h in results.hits] == [document.pk]
    assert "<mark>" in results.hits[0].highlight
