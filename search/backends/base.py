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

    def write(self, documents, removed) -> dict:
        """Index `documents` and remove the documents of the ids `removed`, as the outbox
        drain asks; returns {document id: error} for those the engine refused (the others
        are done). This default goes one document at a time, each in its own savepoint, so
        one refused document spoils nothing else."""
        from django.db import transaction  # the base module stays free of Django at import

        refused = {}
        for document_id, action, argument in [(i, self.remove, i) for i in removed] + [
            (d.pk, self.index, d) for d in documents
        ]:
            try:
                with transaction.atomic():
                    action(argument)
            except Exception as error:  # the engine refused this one: the drain keeps its row
                refused[document_id] = error
        return refused

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
