"""Turning uploaded bytes into blocks of text, refusing unsafe or unreadable files first."""

import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _

from common.text import without_control_characters

from .blocks import Block, Extraction
from .errors import ImportRejected

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy binary .doc (and .xls, .ppt)
ZIP_MAGIC = b"PK\x03\x04"
SUPPORTED = (".docx", ".txt", ".pdf")


def max_upload_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


def check_size(size: int):
    """Refuse a file over the upload limit (before reading it, where the size is known)."""
    if size > max_upload_bytes():
        raise ImportRejected(
            _("The file is larger than the %(limit)s MB limit.")
            % {"limit": settings.DOCUMENT_MAX_UPLOAD_MB}
        )


def extract(name: str, data: bytes) -> Extraction:
    """Check and read a .docx, UTF-8 .txt or PDF file. Raises ImportRejected with the reason.

    A PDF without a text layer (a scan) is the one file taken without text: fmt "pdf-scan",
    stored as it is and recognised in the background (documents.ocr)."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if not data:
        raise ImportRejected(_("The file is empty."))
    check_size(len(data))
    if data.startswith(OLE_MAGIC):
        raise ImportRejected(
            _("This is an old binary Word file (.doc). Save it as .docx and upload it again.")
        )
    if suffix == ".txt":
        blocks = read_txt(data)
        result = Extraction(blocks=blocks, fmt="txt")
    elif suffix == ".docx":
        from .docx_reader import read_docx  # python-docx and lxml only when a .docx comes

        check_docx_container(data)
        result = read_docx(data)
    elif suffix == ".pdf":
        from .pdf_reader import read_pdf  # pypdf only when a PDF comes

        result = read_pdf(data)
    elif suffix == ".doc":
        raise ImportRejected(
            _("This is an old binary Word file (.doc). Save it as .docx and upload it again.")
        )
    else:
        raise ImportRejected(
            _("Unsupported file type %(suffix)s: upload .docx, .txt or .pdf.")
            % {"suffix": suffix or _("(no extension)")}
        )
    if result.fmt != "pdf-scan" and not result.text.strip():
        raise ImportRejected(_("The document contains no text."))
    return result


# --- plain text -------------------------------------------------------------------------------

_BOLD_JOIN = re.compile(r"\*\*\*\*|(?<=\S)\*\*(?=\S)")
_EMPHASIS = re.compile(r"\*{1,2}")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def read_txt(data: bytes) -> list[Block]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            _("The text file is not in UTF-8 (byte %(pos)s). Save it as UTF-8 and upload it again.")
            % {"pos": error.start}
        ) from None
    if "\x00" in text:
        raise ImportRejected(_("This is not a text file."))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Text exported from Word marks bold with ** and glues neighbouring bold paragraphs together.
    text = _BOLD_JOIN.sub("\n", text)
    text = _EMPHASIS.sub("", text)
    return [Block(clean_line(line)) for line in text.split("\n")]


def clean_line(line: str) -> str:
    """One line as it is kept: runs of spaces folded, control characters dropped (a file may
    carry them; the record never does)."""
    return _SPACES.sub(" ", without_control_characters(line)).strip()


# --- .docx container checks -----------------------------------------------------------------


def check_docx_container(data: bytes):
    """Refuse non-ZIP files, damaged archives, zip bombs and XML with entity declarations
    before any XML is parsed."""
    if not data.startswith(ZIP_MAGIC):
        raise ImportRejected(
            _("The file is not a .docx document (it is not a ZIP archive); it may be renamed.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportRejected(_("The .docx file is damaged and cannot be opened.")) from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRejected(_("The file is a ZIP archive but not a Word document."))

    limit = settings.DOCUMENT_MAX_UNCOMPRESSED_MB * 1024 * 1024
    total = sum(m.file_size for m in members)
    if total > limit:
        raise ImportRejected(
            _("The document unpacks to more than %(limit)s MB and was refused.")
            % {"limit": settings.DOCUMENT_MAX_UNCOMPRESSED_MB}
        )
    ratio = settings.DOCUMENT_MAX_COMPRESSION_RATIO
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise ImportRejected(
                _("The document is compressed suspiciously strongly (a zip bomb?) and was refused.")
            )

    try:
        xml_parts = _xml_part_names(archive, members)
        for member in members:
            # Every part is read to its end: its CRC is checked only there, and an unsupported
            # compression (deflate64) only shows on opening; python-docx would raise either as
            # a 500 later.
            if _scan_part(archive, member, member.filename in xml_parts):
                raise ImportRejected(
                    _("The document declares XML entities, which are not allowed.")
                )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
        raise ImportRejected(_("The .docx file is damaged and cannot be opened.")) from None


CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _is_xml_type(content_type: str) -> bool:
    content_type = content_type.split(";", 1)[0].strip().lower()
    return content_type.endswith("+xml") or content_type in ("application/xml", "text/xml")


def _xml_part_names(archive, members) -> set[str]:
    """Names of the parts that are XML, as the package says: by the content type
    [Content_Types].xml gives them (an Override for the part, else the Default of its
    extension; both compared without case, as OPC names are), whatever their names end with.
    Parts named .xml or .rels count too, and the content-types part itself."""
    manifest = archive.getinfo(CONTENT_TYPES)
    if _scan_part(archive, manifest, True):
        raise ImportRejected(_("The document declares XML entities, which are not allowed."))
    try:
        types = ElementTree.fromstring(archive.read(manifest))
    except ElementTree.ParseError:
        raise ImportRejected(_("The .docx file is damaged and cannot be opened.")) from None
    defaults, overrides = {}, {}
    for element in types:
        if element.tag == _CT_NS + "Default":
            defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        elif element.tag == _CT_NS + "Override":
            overrides[element.get("PartName", "").lower()] = element.get("ContentType", "")
    names = {CONTENT_TYPES}
    for member in members:
        name = member.filename
        extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        content_type = overrides.get("/" + name.lower(), defaults.get(extension, ""))
        if _is_xml_type(content_type) or name.lower().endswith((".xml", ".rels")):
            names.add(name)
    return names


def _scan_part(archive, member, xml: bool) -> bool:
    """Read one part to its end (checking its CRC); for an XML part, whether its prolog
    declares a DOCTYPE or entities."""
    with archive.open(member) as handle:
        declares = _declares_entities(handle) if xml else False
        while handle.read(1024 * 1024):
            pass
    return declares


_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PROLOG_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.S)
_MAX_PROLOG = 1024 * 1024


def _declares_entities(handle) -> bool:
    """Whether the XML part has a DOCTYPE or ENTITY declaration. Both may only stand in the
    prolog, so reading stops at the root element's start tag (comments and processing
    instructions skipped); an absurdly long prolog counts as suspicious."""
    prolog = b""
    while True:
        chunk = handle.read(8192)
        if not chunk:
            return False
        prolog += chunk
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
            return True
        visible = _PROLOG_NOISE.sub(b"", prolog)
        unfinished = b"<!--" in visible or b"<?" in visible
        if not unfinished and _ROOT_START.search(visible):
            return False
        if len(prolog) > _MAX_PROLOG:
            return True
