"""Reachability of the configured search backend, for /healthz."""

from django.conf import settings
from django.db import connection


def check() -> dict:
    backend = settings.SEARCH_BACKEND
    if backend == "elasticsearch":
        from elasticsearch import Elasticsearch  # only where Elasticsearch is the engine

        try:
            client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=3)
            ok = bool(client.ping())
        except Exception as error:  # any transport or configuration failure means "down"
            return {"backend": backend, "ok": False, "error": error.__class__.__name__}
        return {"backend": backend, "ok": ok}
    if backend == "tantivy":
        from .backends import get_backend  # the engine's module loads tantivy

        try:
            searcher = get_backend().searcher()
        except Exception as error:  # unreadable directory, damaged index
            return {"backend": backend, "ok": False, "error": error.__class__.__name__}
        return {"backend": backend, "documents": searcher.num_docs, "ok": True}
    # The database backend searches the main database.
    return {"backend": backend, "engine": connection.vendor, "ok": True}
