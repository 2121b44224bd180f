"""«Скачать»: the stored bytes of a version, as they were uploaded or generated, under a
readable Russian file name. Nothing is rendered on the way out."""

import mimetypes

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from common.downloads import attachment, file_name, safe_name

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {".docx": DOCX_TYPE, ".txt": "text/plain; charset=utf-8"}


def document_label(document) -> str:
    """How a file made about a document names it: «Приказ № 01-01-5» once registered, its
    title before (a draft has no number)."""
    if document.number:
        return f"{document.get_kind_display()} № {document.number}"
    return document.title or f"Документ {document.pk}"


def download_name(document, version) -> str:
    """«Экспертное заключение на «…» № 02-03-5.docx»; an earlier version says which."""
    suffix = (
        version.original_name.rsplit(".", 1)[-1].lower() if "." in version.original_name else ""
    )
    # The title is cut first, so the number and the version always fit.
    parts = [safe_name(document.title, 90) or f"Документ {document.pk}"]
    if document.number and version.pk == document.current_version_id:
        parts.append(f"№ {document.number}")
    if version.pk != document.current_version_id:
        parts.append(f"(версия {version.number})")
    return file_name(" ".join(parts), extension=safe_name(suffix))


def destroyed_response(document) -> HttpResponse:
    """410 Gone: the file was removed by an approved act; the card says which."""
    destruction = getattr(document, "destruction", None)
    act = destruction.act if destruction else ""
    message = _("The file was destroyed by the act %(act)s; the document's card is kept.") % {
        "act": act
    }
    return HttpResponse(message, status=410, content_type="text/plain; charset=utf-8")


def version_response(document, version) -> FileResponse:
    if not version.file.name:
        return destroyed_response(document)
    name = download_name(document, version)
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    content_type = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return attachment(version.file.open("rb"), name, content_type)


def current_file_response(document) -> FileResponse:
    """The current version's stored file (Http404 when the document has none)."""
    if document.current_version is None:
        raise Http404
    return version_response(document, document.current_version)


def version_file_response(document, number) -> FileResponse:
    return version_response(document, get_object_or_404(document.versions, number=number))
