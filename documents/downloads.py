"""«Скачать»: the stored bytes of a version, as they were uploaded or generated, under a
readable Russian file name. Nothing is rendered on the way out."""

import mimetypes
import re

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {".docx": DOCX_TYPE, ".txt": "text/plain; charset=utf-8"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def download_name(document, version) -> str:
    """«Экспертное заключение на «…» № 02-03-5.docx»; an earlier version says which."""
    suffix = (
        version.original_name.rsplit(".", 1)[-1].lower() if "." in version.original_name else ""
    )
    title = _UNSAFE.sub(" ", document.title).strip()[:120].strip() or f"Документ {document.pk}"
    parts = [title]
    if document.number and version.pk == document.current_version_id:
        parts.append(f"№ {_UNSAFE.sub('-', document.number)}")
    if version.pk != document.current_version_id:
        parts.append(f"(версия {version.number})")
    name = " ".join(parts)
    return f"{name}.{suffix}" if suffix else name


def version_response(document, version) -> FileResponse:
    name = download_name(document, version)
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    content_type = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        version.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


def current_file_response(document) -> FileResponse:
    """The current version's stored file (Http404 when the document has none)."""
    if document.current_version is None:
        raise Http404
    return version_response(document, document.current_version)


def version_file_response(document, number) -> FileResponse:
    return version_response(document, get_object_or_404(document.versions, number=number))
