"""GET /healthz: JSON status of the database, the Celery broker and the search backend.

Answers 200 when every part is up and 503 otherwise, without needing a login, and never shows
credentials from the connection URLs.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search import health as search_health


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "engine": connection.vendor, "error": error.__class__.__name__}
    return {"ok": True, "engine": connection.vendor}


def check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    if not url:
        return {"ok": True, "transport": "in-process"}
    from kombu import Connection  # only where a broker is configured

    transport = urlsplit(url).scheme
    try:
        with Connection(url, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as error:  # kombu raises transport-specific errors
        return {"ok": False, "transport": transport, "error": error.__class__.__name__}
    return {"ok": True, "transport": transport}


@never_cache
@require_GET
def healthz(request):
    parts = {
        "database": check_database(),
        "broker": check_broker(),
        "search": search_health.check(),
    }
    ok = all(part["ok"] for part in parts.values())
    return JsonResponse({"status": "ok" if ok else "fail", **parts}, status=200 if ok else 503)
