"""The API's answer to a refusal: its message, with the status the refusal names."""

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import Refused


def exception_handler(exc, context):
    """DRF's handler, plus: a Refused raised anywhere under a view answers with its message
    (HTTP 409 for a conflict with the document's state, 400 otherwise) instead of a 500."""
    if isinstance(exc, Refused):
        return Response({"detail": exc.message}, status=exc.status)
    return drf_exception_handler(exc, context)
