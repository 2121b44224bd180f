"""Upload size, checked before the body or the file is read into memory.

Django streams a file upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, but
the views hand the services the file's bytes (`upload.read()`): without a check first, a
300 MB upload became 300 MB in a worker. Two gates: the request's declared Content-Length
(UploadLimitMiddleware, before anything is parsed) and each uploaded file's size
(validate_upload_size on the form and serializer fields, before `.read()`). The reverse
proxy's body limit (nginx `client_max_body_size`) should match UPLOAD_BODY_MAX_BYTES."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

# Room for the other fields and the multipart framing of a request with one file.
FORM_OVERHEAD_BYTES = 1024 * 1024


def upload_limit_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


def body_limit_bytes() -> int:
    return upload_limit_bytes() + FORM_OVERHEAD_BYTES


def too_large_message() -> str:
    return _("The file is larger than the %(limit)s MB limit.") % {
        "limit": settings.DOCUMENT_MAX_UPLOAD_MB
    }


def validate_upload_size(file):
    """A validator of a file field: the uploaded file's size (known from the upload handler
    without reading the file) within the limit."""
    if file is not None and getattr(file, "size", 0) > upload_limit_bytes():
        raise ValidationError(too_large_message(), code="too_large")


class UploadLimitMiddleware:
    """Refuses a request whose declared body is over the limit with 413, before Django (or
    anything else) reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit_bytes():
            message = too_large_message()
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": message}, status=413, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
