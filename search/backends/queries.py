"""The database backend's query texts (PostgreSQL tsquery and phrase keys, SQLite FTS5) and the
clause that matches a hit best."""

from collections import Counter

from documents.models import Clause

from ..text import Query, highlight, lemma, search_keys, words


def telling_words(lemmas: str, count: int = 12) -> list[str]:
    """The most frequent content words: long enough not to be prepositions or particles."""

    counts = Counter(w for w in lemmas.split() if len(w) > 4 and not w.isdigit())
    return [word for word, _n in counts.most_common(count)]


def as_phrase(query: Query) -> Query | None:
    """The typed words of a one-group query without quotes, as a phrase."""
    if len(query.groups) != 1:
        return None
    group = query.groups[0]
    if len(group["terms"]) < 2 or group["phrases"]:
        return None
    return Query(groups=[{"terms": [], "phrases": [group["terms"]]}], excluded=query.excluded)


def to_tsquery(query: Query) -> str:
    """Lemmas joined with tsquery operators; lemmas are letters and digits only."""
    groups = []
    for group in query.groups:
        parts = list(group["terms"])
        parts += ["(" + " <-> ".join(phrase) + ")" for phrase in group["phrases"]]
        parts += [f"!{word}" for word in query.excluded]
        groups.append("(" + " & ".join(parts) + ")")
    return " | ".join(groups)


def postgres_match(query: Query) -> tuple[str, list]:
    """The match condition: words through the vector's GIN index, phrases through the phrase
    keys' index; neither reads a vector (only words excluded from a group of phrases alone
    are checked row by row, on the rows the phrases found)."""
    groups, params = [], []
    for group in query.groups:
        parts = []
        if group["terms"]:
            parts.append("search_searchentry.vector @@ to_tsquery('simple', %s)")
            params.append(" & ".join(group["terms"] + [f"!{word}" for word in query.excluded]))
        if group["phrases"]:
            parts.append("search_searchentry.phrase_keys @> %s::bigint[]")
            params.append(sorted(set().union(*map(search_keys, group["phrases"]))))
            if query.excluded and not group["terms"]:
                parts.append("NOT search_searchentry.vector @@ to_tsquery('simple', %s)")
                params.append(" | ".join(query.excluded))
        groups.append("(" + " AND ".join(parts) + ")")
    return " OR ".join(groups), params


def fts5_query(query: Query) -> str:
    """FTS5 MATCH syntax with every term quoted (no word can be read as an operator)."""
    groups = []
    for group in query.groups:
        parts = [f'"{term}"' for term in group["terms"]]
        parts += ['"' + " ".join(phrase) + '"' for phrase in group["phrases"]]
        expression = " AND ".join(parts)
        for word in query.excluded:
            expression = f'({expression}) NOT "{word}"'
        groups.append(f"({expression})")
    return " OR ".join(groups)


def best_clauses(version_ids, lemmas) -> dict:
    """For each version, the clause sharing most query words (the «matching clause»)."""
    if not lemmas or not version_ids:
        return {}
    best = {}
    for clause in Clause.objects.filter(version_id__in=version_ids).only(
        "version_id", "number", "text"
    ):
        overlap = len(lemmas & {lemma(w) for w in words(clause.text)})
        if overlap and overlap > best.get(clause.version_id, (0, None))[0]:
            best[clause.version_id] = (overlap, clause)
    return {
        version_id: {"number": clause.number, "text": highlight(clause.text, lemmas)}
        for version_id, (_n, clause) in best.items()
    }
