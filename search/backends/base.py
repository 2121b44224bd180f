from dataclasses import dataclass, field


@dataclass
class Hit:
    document_id: int
    title: str
    kind: str
    number: str | None
    date: str | None
    score: float
    highlight: str
    clause: dict | None = None  # {"number": "3.6", "text": "…"} when a clause matches best


@dataclass
class Results:
    count: int
    hits: list[Hit]
    facets: dict[str, list[dict]] = field(default_factory=dict)
    # False when the engine stopped counting: `count` and the facets' counts are lower bounds.
    count_exact: bool = True


FACETS = ("kind", "organization", "year", "status", "category")
FILTERS = FACETS


class SearchBackend:
    """index(document) / remove(document_id) / search(text, user=…, filters=…, sort=…, page=…).

    `user=None` searches everything (as a superuser would); otherwise only documents the user
    may read are found, the condition being part of the engine's query."""

    name = "base"

    def index(self, document):
        raise NotImplementedError

    def remove(self, document_id: int):
        raise NotImplementedError

    def search(
        self, text, *, user=None, filters=None, sort="relevance", page=1, per_page=20
    ) -> Results:
        raise NotImplementedError

    def similar(self, document, *, user=None, limit=5) -> list[Hit]:
        """«Похожие документы»: documents sharing the most telling words of this one."""
        raise NotImplementedError

    def indexed_versions(self) -> dict[int, int]:
        """document id → indexed version id, for `search_index status`."""
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError
