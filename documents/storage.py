"""Storing a version: its file byte for byte, its structure rows, the document's pointer to it.
The one low-level writer of DocumentVersion; the services and the lifecycle decide when."""

import hashlib
import re
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import connection

from common.text import without_control_characters

from . import signals
from .models import Clause, Document, DocumentVersion, PlanItem, Section
from .selectors import document_outline


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_file_name(name: str) -> str:
    """The name a file was uploaded with, as it can be shown and stored."""
    name = without_control_characters(Path(name or "").name).strip()
    return re.sub(r"\s+", " ", name)[:255] or "file"


PLAN_ITEM_FIELDS = ("number", "activity", "due", "responsible", "result_form", "section")


def store_version(
    document,
    *,
    name,
    data,
    text,
    structure,
    sections,
    plan_items=(),
    author=None,
    comment="",
    event_details="",
) -> DocumentVersion:
    """A new immutable version of `document` (locked by the caller's transaction) with these
    bytes and this structure: `sections` become the section and clause rows, `plan_items` the
    plan rows. It becomes the current version; earlier ones stay."""
    last = document.versions.order_by("-number").values_list("number", flat=True).first()
    version = DocumentVersion(
        document=document,
        number=(last or 0) + 1,
        original_name=clean_file_name(name),
        size=len(data),
        sha256=sha256_of(data),
        text=text,
        structure=structure,
        comment=comment,
        created_by=author,
    )
    version.file.save(version.original_name, ContentFile(data), save=False)
    try:
        version.save()
        store_sections(version, sections)
        PlanItem.objects.bulk_create(
            PlanItem(version=version, order=i, **{k: item.get(k) or "" for k in PLAN_ITEM_FIELDS})
            for i, item in enumerate(plan_items)
        )
        document.current_version = version
        document.save(update_fields=["current_version", "updated_at"])
    except Exception:
        # The database part rolls back with the transaction; the file must go with it.
        version.file.storage.delete(version.file.name)
        raise
    signals.document_event.send(
        sender=Document,
        document=document,
        action=signals.VERSION,
        actor=author,
        details=f"v{version.number}"
        + (f" ({event_details})" if event_details else "")
        + (f": {comment}" if comment else ""),
        process=None,
    )
    return version


def store_sections(version, sections):
    """Section and clause rows of a version from an outline (the importer's, a generator's or
    an amendment's)."""
    rows = Section.objects.bulk_create(
        Section(
            version=version,
            number=entry.get("number") or "",
            title=entry.get("title", ""),
            text=entry.get("text", ""),
            order=order,
        )
        for order, entry in enumerate(sections)
    )
    clauses = [
        (
            version.pk,
            row.pk,
            clause["number"],
            clause["text"],
            clause.get("note", ""),
            bool(clause.get("repealed", False)),
        )
        for row, entry in zip(rows, sections, strict=True)
        for clause in entry.get("clauses", [])
    ]
    _insert_clauses([(*values, order) for order, values in enumerate(clauses)])


CLAUSE_COLUMNS = ("version_id", "section_id", "number", "text", "note", "repealed", "order")


def _insert_clauses(rows):
    """Clause rows in one executemany: a regulation has tens to hundreds of clauses, and the
    ORM's bulk_create spends four times as long preparing them as the database takes to
    store them (bench/import_docx.py). The values are plain strings, integers and booleans;
    clauses have no signals or field defaults computed in Python."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in CLAUSE_COLUMNS)
    placeholders = ", ".join(["%s"] * len(CLAUSE_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Clause._meta.db_table)} ({columns}) VALUES ({placeholders})",
            rows,
        )


def rows_of(version) -> tuple[list[dict], list[dict]]:
    """The outline and plan items of a stored version, to store them again unchanged."""
    items = [
        {key: getattr(item, key) for key in PLAN_ITEM_FIELDS} for item in version.plan_items.all()
    ]
    return document_outline(version), items
