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


# --- the error answers in the schema ----------------------------------------------------------

ERROR_COMPONENTS = {
    "Error": {
        "type": "object",
        "description": "A refusal: `detail` says why, in Russian.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "description": "What is wrong with the request: for each field (or `non_field_errors`, "
        "`detail`) its messages, in Russian; a list of messages for the request as a whole.",
        "oneOf": [
            {"type": "object", "additionalProperties": True},
            {"type": "array", "items": {"type": "string"}},
        ],
    },
}
ERROR_RESPONSES = {
    "400": ("ValidationError", "The request is malformed or a rule refused it."),
    "401": ("Error", "Not signed in."),
    "403": ("Error", "The caller may not do this."),
    "404": ("Error", "No such object visible to the caller (or a malformed id)."),
    "405": ("Error", "The method is not allowed here."),
    "406": ("Error", "None of the accepted content types can be given."),
    "409": ("Error", "Refused because of the state the record is in."),
    "413": ("Error", "The upload is larger than the limit."),
    "415": ("Error", "The request body's content type is not accepted."),
}


def declare_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation declares the error answers any
    DRF view can give (a validation error, not signed in, forbidden, not found, a conflict
    with the record's state, a too large upload), each with its body's schema, unless the view
    declared its own."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_COMPONENTS)
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, (component, description) in ERROR_RESPONSES.items():
                answer = responses.setdefault(code, {"description": description})
                answer.setdefault("description", description)
                answer.setdefault(
                    "content",
                    {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
                )
    return result
