"""The tantivy engine's schema, documents and queries (search.backends.tantivy_engine uses
them): lemmas in `title` and `text` with positions, each pair of neighbouring lemmas as one
term of `title_pairs` and `text_pairs`, keyword fields for the rest."""

import re

import tantivy

from ..readers import readers_for
from ..text import Query
from .queries import as_phrase, telling_words

TITLE_WEIGHT = 3.0  # a word of the title counts as much as a text holding it three times more
ADJACENT_WEIGHT = 2.0  # typed words standing together in the document too
NUMBER_BONUS = 1000.0  # an exact number match ranks above any text match
KEYWORDS = ("kind", "status", "category", "organization")
REGEX_META = re.compile(r"([\\.+*?()|\[\]{}^$#&\-~])")
DATE_KEY = 10**10  # sort key: days since 0001-01-01, then the document id
# The index's layout: raised with every change of the schema below, so an index written by an
# older version is never opened with it (it lives in a directory of its own; a migration
# queues every document for the new one).
LAYOUT = 2


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("doc_id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("version_id", stored=True, fast=True)
    builder.add_text_field("title", tokenizer_name="whitespace")
    builder.add_text_field("text", tokenizer_name="whitespace")
    # Neighbouring lemmas as one term ("приём_обучающийся"): a phrase of two words, or typed
    # words standing together, is a term lookup scored by BM25 like a word, instead of a check
    # of positions in every document holding both words (at 1M documents a two-word query's
    # p95 fell from 98 to 41 ms, three words' from 149 to 54 ms; docs/benchmarks.md).
    builder.add_text_field("title_pairs", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("text_pairs", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("numbers", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("readers", tokenizer_name="raw", index_option="basic")
    for name in KEYWORDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_unsigned_field("year", indexed=True, fast=True)
    builder.add_unsigned_field("date_key", fast=True)
    # The document's most telling words, read back for «похожие документы».
    builder.add_text_field("telling", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def date_key(document) -> int:
    """Newest first with the date descending; undated documents last; ties by id."""
    days = document.date.toordinal() if document.date else 0
    return days * DATE_KEY + document.pk


def tantivy_document(document, fields, readers, organization_code) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_unsigned("doc_id", document.pk)
    doc.add_unsigned("version_id", fields["version_id"])
    doc.add_text("title", fields["title_lemmas"])
    doc.add_text("text", fields["text_lemmas"])
    doc.add_text("title_pairs", pairs(fields["title_lemmas"]))
    doc.add_text("text_pairs", pairs(fields["text_lemmas"]))
    for number in fields["numbers"].split():
        doc.add_text("numbers", number)
    for reader in readers:
        doc.add_text("readers", reader)
    for name, value in (
        ("kind", fields["kind"]),
        ("status", fields["status"]),
        ("category", fields["category"]),
        ("organization", organization_code),
    ):
        if value:
            doc.add_text(name, value)
    if fields["year"]:
        doc.add_unsigned("year", fields["year"])
    doc.add_unsigned("date_key", date_key(document))
    telling = telling_words(f"{fields['title_lemmas']} {fields['text_lemmas']}")
    doc.add_text("telling", " ".join(telling))
    return doc


def word_query(schema_, word):
    """A lemma in the title (weighted) or the text: BM25 of each field, summed."""
    return tantivy.Query.boolean_query(
        [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(
                    tantivy.Query.term_query(schema_, "title", word), TITLE_WEIGHT
                ),
            ),
            (tantivy.Occur.Should, tantivy.Query.term_query(schema_, "text", word)),
        ]
    )


def pairs(lemmas: str) -> str:
    """Every two neighbouring lemmas joined into one term (lemmas are letters and digits)."""
    words = lemmas.split()
    return " ".join(map(pair_term, zip(words, words[1:], strict=False)))


def pair_term(two) -> str:
    return "_".join(two)


def phrase_query(schema_, phrase, weight=1.0):
    """Lemmas standing in this order in the title or in the text (never across them). Two
    lemmas are one term of the pairs fields; a longer phrase is checked by position, only in
    the documents holding all its pairs (so the positions of few documents are read)."""
    Occur = tantivy.Occur
    clauses = []
    for field, field_weight in (("title", TITLE_WEIGHT * weight), ("text", weight)):
        terms = [
            tantivy.Query.term_query(schema_, f"{field}_pairs", pair_term(phrase[i : i + 2]))
            for i in range(len(phrase) - 1)
        ]
        if len(phrase) == 2:
            found = terms[0]
        else:
            found = tantivy.Query.boolean_query(
                [(Occur.Must, tantivy.Query.phrase_query(schema_, field, phrase))]
                + [(Occur.Must, tantivy.Query.const_score_query(t, 0.0)) for t in terms]
            )
        clauses.append((Occur.Should, tantivy.Query.boost_query(found, field_weight)))
    return tantivy.Query.boolean_query(clauses)


def ranked_query(schema_, query: Query, matched):
    """`matched` with the score of typed words standing together added: each pair of
    neighbours found in the document adds its pair's score (a document holding three words in
    a row holds both pairs). The same documents match; the count aggregates `matched` alone."""
    adjacent = as_phrase(query)
    if not adjacent:
        return matched
    lemmas = adjacent.groups[0]["phrases"][0]
    together = [
        (tantivy.Occur.Should, phrase_query(schema_, lemmas[i : i + 2], ADJACENT_WEIGHT))
        for i in range(len(lemmas) - 1)
    ]
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, matched),
            (tantivy.Occur.Should, tantivy.Query.boolean_query(together)),
        ]
    )


def text_query(schema_, query: Query, required):
    """Groups OR'ed, each an AND of words and phrases, without the excluded words; an
    exact number ranks first and a number's prefix matches too."""
    Occur = tantivy.Occur
    should = []
    for group in query.groups:
        must = [(Occur.Must, word_query(schema_, term)) for term in group["terms"]]
        must += [(Occur.Must, phrase_query(schema_, phrase)) for phrase in group["phrases"]]
        should.append((Occur.Should, tantivy.Query.boolean_query(must)))
    if query.number:
        exact = tantivy.Query.term_query(schema_, "numbers", query.number)
        prefix = tantivy.Query.regex_query(
            schema_, "numbers", REGEX_META.sub(r"\\\1", query.number) + ".*"
        )
        should.append((Occur.Should, tantivy.Query.const_score_query(exact, NUMBER_BONUS)))
        should.append((Occur.Should, tantivy.Query.const_score_query(prefix, 0.0)))
    clauses = [(Occur.Must, tantivy.Query.boolean_query(should))]
    for word in query.excluded:
        clauses.append((Occur.MustNot, tantivy.Query.term_query(schema_, "title", word)))
        clauses.append((Occur.MustNot, tantivy.Query.term_query(schema_, "text", word)))
    return tantivy.Query.boolean_query(clauses + required)


def conditions(schema_, user, filters) -> list:
    """Permission and filters as clauses that match without scoring."""
    Occur = tantivy.Occur
    clauses = []

    def must(query):
        clauses.append((Occur.Must, tantivy.Query.const_score_query(query, 0.0)))

    if user is not None and not user.is_superuser:
        must(tantivy.Query.term_set_query(schema_, "readers", readers_for(user)))
    for name in KEYWORDS:
        if filters.get(name):
            must(tantivy.Query.term_query(schema_, name, str(filters[name])))
    if filters.get("year"):
        must(tantivy.Query.term_query(schema_, "year", int(filters["year"])))
    return clauses
