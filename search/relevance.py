"""Relevance suite over the seed documents: queries and the documents each must find.

Used by tests/test_relevance.py (thresholds) and bench/relevance.py (figures)."""

from dataclasses import dataclass

# (query, seed prefixes that must be in the top 10; the first relevant rank gives the MRR)
SUITE = [
    ("олимпиада", {"002", "004"}),
    ("олимпиад", {"002", "004"}),  # genitive plural
    ("ФГОС", {"003", "004"}),
    ("ППО", {"002"}),
    ("маркетинга", {"000"}),
    ("Челябинска", {"001"}),
    ("инновационной деятельности", {"000"}),
    ("аттестация педагогических работников", {"004"}),
    ("банк педагогической информации", {"004"}),
    ('"передовой педагогический опыт"', {"004"}),
    ("школьный центр мониторинга", {"003"}),
    ("Полысаево", {"003"}),
    ("лицей", {"000"}),
    ("профильное обучение", {"000"}),
    ("дошкольного образования", {"004"}),
    ("несовершеннолетних", {"004"}),
    ("экспертные заключения", {"000"}),
    ("телекоммуникационные услуги", {"002"}),
    ("АИС", {"001"}),
    ("штатное расписание", {"001"}),
    ("69/1", {"004"}),
    ("№ 69/1", {"004"}),
    ("вузов", {"000"}),
    ("Сасовский район", {"004"}),
    ("молодежи", {"004"}),  # the text has «молодёжи»
    ("создается", {"001"}),  # the text has «создаётся»
    ("отчёты", {"001", "002", "004"}),  # the texts have «отчет»
    ("Серегина", {"004"}),
    ("мониторинг качества образования -лицей", {"001"}),
    ("олимпиады OR Полысаево", {"002", "003", "004"}),
]


@dataclass
class Outcome:
    query: str
    expected: set
    found: list
    recall: float
    reciprocal_rank: float


def evaluate(search, ids_by_prefix: dict[str, int]) -> tuple[list[Outcome], float, float]:
    """Run the suite with `search(query) -> [document ids, best first]`; returns the outcomes,
    mean recall@10 and MRR."""
    prefix_by_id = {pk: prefix for prefix, pk in ids_by_prefix.items()}
    outcomes = []
    for query, expected in SUITE:
        found = [prefix_by_id.get(pk, "?") for pk in search(query)[:10]]
        hits = [p for p in found if p in expected]
        first = next((i for i, p in enumerate(found, start=1) if p in expected), None)
        outcomes.append(
            Outcome(
                query, expected, found, len(set(hits)) / len(expected), 1 / first if first else 0.0
            )
        )
    recall = sum(o.recall for o in outcomes) / len(outcomes)
    mrr = sum(o.reciprocal_rank for o in outcomes) / len(outcomes)
    return outcomes, recall, mrr
