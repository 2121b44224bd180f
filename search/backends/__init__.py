"""One search interface, several engines: chosen by settings.SEARCH_BACKEND."""

import functools

from django.conf import settings

from .base import Hit, Results, SearchBackend

__all__ = ["Hit", "Results", "SearchBackend", "get_backend"]


@functools.cache
def _backend(name: str) -> SearchBackend:
    if name == "elasticsearch":
        # Each engine is imported only when chosen: the other's client need not be installed.
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    if name == "tantivy":
        from .tantivy_engine import TantivyBackend  # (see above)

        return TantivyBackend()
    from .database import DatabaseBackend  # (see above)

    return DatabaseBackend()


def get_backend() -> SearchBackend:
    return _backend(settings.SEARCH_BACKEND)
