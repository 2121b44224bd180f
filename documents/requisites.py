"""Requisites the record adds to an agreed version: the approval stamp or signature (from the
process), the registration number and date with the QR code (from the registry).

A version with requisites is derived from its base — the version the approvers agreed — and
differs from it only by them: a generated document is built again from the base's own form
(its content must come out equal, or nothing is stored); an uploaded .docx gets them stamped
onto its own bytes. Its structure says which base and which requisites (`base_version`,
`requisites`), so the next derivation (registration, its cancellation) starts from the same
base again, never from a later rendering.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.errors import Refused

from .importer import extract
from .stamping import stamp_docx
from .storage import PLAN_ITEM_FIELDS, rows_of, store_version


@dataclass
class Generated:
    """What a generator builds: the file and the content it holds (preamble, sections with
    clauses, tables, plan items), the content being what the version's rows are made of."""

    data: bytes
    content: dict


# name -> build(form: dict, document, requisites: dict) -> Generated. Filled by the apps whose
# processes generate documents (in their AppConfig.ready()); the documents app names none.
GENERATORS = {}


def register_generator(name, build):
    GENERATORS[name] = build


def generate(name, form, document, requisites=None) -> Generated:
    return GENERATORS[name](form, document, requisites or {})


CONTENT_KEYS = ("preamble", "sections", "tables", "plan_items")


def content_structure(generator, form, generated: Generated, **extra) -> dict:
    """The structure of a generated version: its generator, the form it was built from and
    the content."""
    content = generated.content
    return {
        "generator": generator,
        "form": form,
        "preamble": content.get("preamble", ""),
        "tables": content.get("tables", []),
        "plan_items": content.get("plan_items", []),
        **extra,
    }


class NotStampable(Refused):
    """The agreed version cannot carry requisites (it is not a .docx)."""


def derive(document, *, base, requisites, comment, author=None):
    """A new version: `base` with `requisites` added. Returns it."""
    structure = {
        key: value
        for key, value in (base.structure or {}).items()
        if key not in ("requisites", "base_version")
    }
    structure.update(requisites=requisites, base_version=base.number)
    generator = structure.get("generator")
    if generator:
        generated = generate(generator, structure["form"], document, requisites)
        _same_content(base, generated)
        data, name = generated.data, base.original_name
    else:
        data, name = stamped(base, document, requisites), base.original_name
    sections, plan_items = rows_of(base)
    return store_version(
        document,
        name=name,
        data=data,
        text=extract(name, data).text,
        structure=structure,
        sections=sections,
        plan_items=plan_items,
        author=author,
        comment=comment,
        event_details=_("version %(n)s with requisites") % {"n": base.number},
    )


def stamped(base, document, requisites) -> bytes:
    if not base.original_name.lower().endswith(".docx"):
        raise NotStampable(
            _("Only a .docx version can carry the stamp and the registration number.")
        )
    with base.file.open("rb") as handle:
        return stamp_docx(handle.read(), document=document, requisites=requisites)


def _same_content(base, generated: Generated):
    sections, plan_items = rows_of(base)
    content = generated.content
    built = [
        {
            "number": s.get("number") or None,
            "title": s.get("title", ""),
            "text": s.get("text", ""),
            "clauses": [
                {
                    "number": c["number"],
                    "text": c["text"],
                    "note": c.get("note", ""),
                    "repealed": c.get("repealed", False),
                }
                for c in s.get("clauses", [])
            ],
        }
        for s in content.get("sections", [])
    ]
    items = [
        {key: item.get(key) or "" for key in PLAN_ITEM_FIELDS}
        for item in content.get("plan_items", [])
    ]
    same = (
        built == sections
        and content.get("tables", []) == (base.structure or {}).get("tables", [])
        and items == plan_items
    )
    if not same:
        # The agreed text must be the stamped text: refuse rather than stamp something else.
        raise RuntimeError(f"generator {base.structure.get('generator')} changed the content")


def requisites_of(version) -> dict | None:
    """The requisites the record added to this version, or None (a draft, an upload)."""
    return (version.structure or {}).get("requisites") if version else None


def with_registration(document, *, comment):
    """After registration or its cancellation: a version approved in the system gets its base
    with the approval requisites and the document's registration (or none). Documents that
    the system did not approve (registered on receipt, entered from the archive) keep their
    file as it is: their number lives in the record. Returns the new version or None."""
    current = document.current_version
    requisites = requisites_of(current)
    if requisites is None:
        return None
    registration = (
        {"number": document.number, "date": document.date.isoformat()} if document.number else None
    )
    if requisites.get("registration") == registration:
        return None
    base = document.versions.get(number=current.structure["base_version"])
    return derive(
        document,
        base=base,
        requisites={**requisites, "registration": registration},
        comment=comment,
    )
