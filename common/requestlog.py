"""Every log line names its request and user: the middleware keeps both in context variables
for the request's thread; the filter puts them on each record (a line outside any request — a
Celery task, a command — shows «-»). The request id comes from the proxy's X-Request-ID when it
sends a sane one, so a line can be matched with the proxy's log; it is echoed in the answer."""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.utils.functional import empty

_request_id = contextvars.ContextVar("request_id", default="-")
_request = contextvars.ContextVar("request", default=None)
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """After AuthenticationMiddleware (it reads request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the request is finished (request_finished, connected below), not only
        # until this middleware returns: Django logs a 4xx/5xx answer after the middlewares.
        _request_id.set(request_id)
        _request.set(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _forget(**kwargs):
    _request_id.set("-")
    _request.set(None)


request_finished.connect(_forget, dispatch_uid="common.requestlog.forget")


def _username(request):
    """The request's user if it is known already. The user is read at each line, since the API
    authenticates inside the view (a token); a user not loaded yet is not loaded here: that
    would query the database from inside logging (and log the query…)."""
    user = getattr(request, "user", None) if request is not None else None
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-"
    return user.get_username() if user.is_authenticated else "-"


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        record.user = _username(_request.get())
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (LOG_FORMAT=json), for log collectors."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "user": getattr(record, "user", "-"),
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
