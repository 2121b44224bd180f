"""Documents the system itself writes from a record — a consolidated revision of a regulation,
a plan — in the form of ГОСТ Р 7.0.97-2025 (the builder is common.gost).

A rendering prints only what the record holds: the stamp, signature and registration it is
given (from the process and the registry, or as read from the source file), never the name of
whoever heads the organisation today. Uploaded documents are not rendered: «Скачать» gives
back their stored bytes.
"""

import docx
from django.conf import settings

from common import gost
from common.text import xml_safe

from .models import Document


def render_revision(
    document: Document,
    *,
    structure,
    outline,
    plan_items=(),
    stamp=None,
    registration=None,
    signature=None,
    executor=None,
) -> bytes:
    """The document with the given text: a consolidated revision of a regulation (its header
    lists the amending orders, changed clauses carry notes) or a plan. `stamp`, `registration`
    ({"number", "date"}), `signature` ({"position", "name"}) and `executor` (a user) are
    printed when given."""
    out = docx.Document()
    gost.page_setup(out)
    requisites_block(out, document, stamp)
    kind_heading = gost.KIND_HEADINGS.get(document.kind, "")
    if kind_heading:
        gost.heading(out, kind_heading)
    if registration:
        gost.registration_block(out, gost.registration_line(registration, tab=True))
    about = _title_without_kind(document.title, kind_heading)
    if about:
        gost.centred(out, about, bold=True, space_after=12)
    if structure.get("revision_header"):
        gost.centred(out, structure["revision_header"], space_after=12)
    for line in (structure.get("preamble") or "").split("\n"):
        if line:
            gost.text(out, line)
    gost.write_outline(out, outline, structure.get("tables") or [])
    gost.plan_table(out, list(plan_items))
    if signature:
        gost.signature_block(out, signature)
    if document.pk:  # a document about to be created has no address yet
        gost.add_qr(out, qr_payload(document))
    if executor is not None:
        executor_note(out, executor)
    return gost.saved(out)


def _title_without_kind(title: str, kind_heading: str) -> str:
    """«План работы методического совета …» under the heading «ПЛАН РАБОТЫ» is printed as
    «методического совета …»: the heading's words are not repeated (the whole heading when the
    title starts with it, else its first word, as «Положение о …» under «ПОЛОЖЕНИЕ»)."""
    if not kind_heading:
        return title
    for words in (kind_heading, kind_heading.split()[0]):
        if title.upper().startswith(words + " ") or title.upper() == words:
            return title[len(words) :].strip(" .:")
    return title


def requisites_block(out, document, stamp, *, with_unit=True):
    """The document's organisation and unit at the top left, `stamp` at the top right. An
    order is the organisation's: its blank names no unit (`with_unit=False`)."""
    lines = stamp_lines(document, stamp) if stamp else None
    return gost.requisites_block(
        out,
        organization=document.organization.name,
        unit=document.unit.name if document.unit and with_unit else "",
        stamp=lines,
    )


def stamp_lines(document, approval) -> list[str]:
    return gost.stamp_lines(approval, kind=document.kind, organization=document.organization)


def executor_note(out, person):
    gost.executor_note(out, name=person.get_full_name() or person.username, phone=person.phone)


def qr_payload(document) -> str:
    """Requisite 31 of ГОСТ Р 7.0.97-2025: registration data and a link to the document."""
    parts = [str(document.organization)]
    registration = " ".join(
        p
        for p in (
            f"№ {document.number}" if document.number else "",
            f"от {document.date.strftime('%d.%m.%Y')}" if document.date else "",
        )
        if p
    )
    if registration:
        parts.append(registration)
    parts.append(f"{settings.SITE_URL}{document.get_absolute_url()}")
    return xml_safe("; ".join(parts))


# --- the frame of a document a process generates ----------------------------------------------


def opening(document, requisites, kind_heading, stamp, *, order=False):
    """A new .docx with the requisites block (the stamp, when given), the kind's heading and
    the registration line (a blank until registered): the date at the left, the number at
    the right. An order's blank names no unit and prints the place of issue."""
    out = docx.Document()
    gost.page_setup(out)
    requisites_block(out, document, stamp, with_unit=not order)
    gost.heading(out, kind_heading)
    registration = requisites.get("registration")
    gost.registration_block(
        out,
        gost.registration_line(registration, tab=True)
        if registration
        else gost.BLANK_REGISTRATION,
        place=document.organization.place if order else None,
    )
    return out


def closing(out, document, requisites) -> bytes:
    """The signature (when signed), the QR code and the executor note; the file's bytes."""
    if requisites.get("signature"):
        gost.signature_block(out, requisites["signature"])
    if document.pk:
        gost.add_qr(out, qr_payload(document))
    if document.author is not None:
        executor_note(out, document.author)
    return gost.saved(out)
