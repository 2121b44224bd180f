"""Writes on documents: creation from an uploaded file and new versions. Nothing is overwritten:
every change is a new immutable DocumentVersion."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from .importer import ImportRejected, analyse, extract
from .importer.reader import check_size
from .models import Clause, Document, DocumentVersion, PlanItem, Section


@dataclass
class ImportOutcome:
    document: Document
    version: DocumentVersion
    duplicate: bool  # the same bytes were imported before; nothing new was stored


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_duplicate(organization, data: bytes) -> DocumentVersion | None:
    """A version of this organisation with exactly these bytes, if any."""
    return (
        DocumentVersion.objects.select_related("document")
        .filter(sha256=sha256_of(data), document__organization=organization)
        .order_by("pk")
        .first()
    )


def create_document(
    *,
    organization,
    name,
    data,
    author=None,
    unit=None,
    kind=None,
    title=None,
    visibility=None,
    comment="",
) -> Document:
    """Create a document from an uploaded .docx/.txt: recognise its kind, title, number, date,
    stamp and structure, and store the file byte for byte as version 1.

    Raises ImportRejected (nothing stored) when the file is unsafe or unreadable."""
    extraction = extract(name, data)
    analysis = analyse(extraction)
    with transaction.atomic():
        document = Document.objects.create(
            organization=organization,
            unit=unit,
            kind=kind or analysis.kind,
            title=(title or analysis.title or Path(name).stem)[:1000],
            number=analysis.number or "",
            date=analysis.date,
            status=(
                Document.Status.APPROVED
                if analysis.approval or analysis.number
                else Document.Status.DRAFT
            ),
            visibility=visibility or Document.Visibility.ORGANIZATION,
            author=author,
        )
        _store_version(document, 1, name, data, extraction, analysis, author, comment)
    return document


def add_version(document, *, name, data, author=None, comment="") -> DocumentVersion:
    """Add a new version of `document` from an uploaded file; the previous ones stay."""
    extraction = extract(name, data)
    analysis = analyse(extraction)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        last = document.versions.order_by("-number").first()
        if last is not None and last.sha256 == sha256_of(data):
            raise ImportRejected(
                _("This file is identical to version %(number)s.") % {"number": last.number}
            )
        number = (last.number if last else 0) + 1
        return _store_version(document, number, name, data, extraction, analysis, author, comment)


def import_file(path, *, organization, author=None) -> ImportOutcome:
    """Import one file from disk, or report the earlier import of the same bytes."""
    path = Path(path)
    check_size(path.stat().st_size)
    data = path.read_bytes()
    existing = find_duplicate(organization, data)
    if existing is not None:
        return ImportOutcome(existing.document, existing, duplicate=True)
    document = create_document(organization=organization, name=path.name, data=data, author=author)
    return ImportOutcome(document, document.current_version, duplicate=False)


def _store_version(document, number, name, data, extraction, analysis, author, comment):
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=Path(name).name[:255],
        size=len(data),
        sha256=sha256_of(data),
        text=extraction.text,
        structure=analysis.as_dict(),
        comment=comment,
        created_by=author,
    )
    version.file.save(version.original_name, ContentFile(data), save=False)
    try:
        version.save()
        _store_structure(version, analysis)
        document.current_version = version
        document.save(update_fields=["current_version", "updated_at"])
    except Exception:
        # The database part rolls back with the transaction; the file must go with it.
        version.file.storage.delete(version.file.name)
        raise
    return version


def _store_structure(version, analysis):
    sections = Section.objects.bulk_create(
        Section(
            version=version,
            number=entry["number"] or "",
            title=entry["title"],
            text=entry["text"],
            order=order,
        )
        for order, entry in enumerate(analysis.sections)
    )
    clauses = [
        Clause(
            version=version, section=section, number=clause["number"], text=clause["text"], order=0
        )
        for section, entry in zip(sections, analysis.sections, strict=True)
        for clause in entry["clauses"]
    ]
    for order, clause in enumerate(clauses):
        clause.order = order
    Clause.objects.bulk_create(clauses)
    if analysis.plan_items:
        PlanItem.objects.bulk_create(
            PlanItem(version=version, order=i, **item) for i, item in enumerate(analysis.plan_items)
        )
