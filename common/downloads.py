"""Downloads under readable Russian file names: «Лист согласования — Приказ № 01-01-5.docx».

The name goes out as RFC 6266/5987 `filename*=UTF-8''…`, which every current browser reads,
with a transliterated ASCII `filename="…"` beside it for the clients that read only that."""

import mimetypes
import re
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

# What Windows, macOS or Linux refuse in a file name, and the control characters; a slash
# (in numbers such as 01-12/5) becomes a hyphen.
_SLASHES = re.compile(r"\s*[\\/]+\s*")
_ILLEGAL = re.compile(r'[:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
# Long enough for a document's title, short enough for every file system (255 bytes: the
# UTF-8 of a Cyrillic letter takes two).
NAME_LIMIT = 120

_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia".split(),
        strict=True,
    )
)
_SIGNS = {"№": "N", "«": "", "»": "", "—": "-", "–": "-", "…": "..."}


def safe_name(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` as a file name: the illegal characters dropped, spaces collapsed, at most
    `limit` characters (cut at a word when there is one to cut at)."""
    name = _SLASHES.sub("-", str(text or ""))
    name = _SPACES.sub(" ", _ILLEGAL.sub(" ", name)).strip(" .-")
    if len(name) > limit:
        cut = name[:limit]
        name = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut
        name = name.rstrip(" .,;—-")
    return name


def file_name(*parts, extension: str) -> str:
    """The parts joined with « — » (empty ones left out), made safe, plus `.extension`:
    file_name("Лист согласования", "Приказ № 01-01-5", extension="docx"). When the name
    would be too long, the longest part (a title, as a rule) is shortened."""
    parts = [safe_name(p) for p in parts if p]
    parts = [p for p in parts if p]
    while parts and len(" — ".join(parts)) > NAME_LIMIT:
        longest = max(range(len(parts)), key=lambda i: len(parts[i]))
        excess = len(" — ".join(parts)) - NAME_LIMIT
        shorter = safe_name(parts[longest], max(len(parts[longest]) - excess, 1))
        if len(shorter) >= len(parts[longest]):
            break
        parts[longest] = shorter
    stem = " — ".join(parts) or "file"
    extension = safe_name(extension).lstrip(".")
    return f"{stem}.{extension}" if extension else stem


def ascii_name(name: str) -> str:
    """A Latin spelling of the name for clients that cannot read the UTF-8 one."""
    out = []
    for char in name:
        lower = char.lower()
        if lower in _LATIN:
            latin = _LATIN[lower].replace("-", "")
            out.append(latin.capitalize() if char != lower else latin)
        elif char in _SIGNS:
            out.append(_SIGNS[char])
        elif char.isascii():
            out.append(char)
        else:
            out.append("_")
    return _SPACES.sub(" ", "".join(out)).strip() or "file"


def content_disposition(name: str, *, attachment: bool = True) -> str:
    """The Content-Disposition header of a download named `name` (already a safe name)."""
    fallback = ascii_name(name).replace("\\", "").replace('"', "")
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(content, name: str, content_type: str | None = None) -> HttpResponse:
    """A download of `content` named `name` (see file_name): bytes made on the spot as they
    are, an open binary file (a stored one) streamed."""
    if isinstance(content, bytes | bytearray):
        response = HttpResponse(
            bytes(content), content_type=content_type or "application/octet-stream"
        )
    else:
        kwargs = {"content_type": content_type} if content_type else {}
        response = FileResponse(content, as_attachment=True, filename=name, **kwargs)
    response["Content-Disposition"] = content_disposition(name)
    return response


def stored_file(field_file, *parts) -> HttpResponse:
    """A stored file (a FileField's) given back byte for byte, named from `parts` with the
    stored file's own extension («Результат поручения — О мониторинге.docx»)."""
    stored = field_file.name.rsplit("/", 1)[-1]
    extension = stored.rsplit(".", 1)[-1] if "." in stored else ""
    content_type = mimetypes.guess_type(stored)[0] or "application/octet-stream"
    return attachment(field_file.open("rb"), file_name(*parts, extension=extension), content_type)
