"""Writes on documents: creation from an uploaded file and new versions. Nothing is overwritten:
every change is a new immutable DocumentVersion."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from . import amendments
from .importer import ImportRejected, analyse, extract
from .importer.reader import check_size
from .models import Amendment, Clause, Document, DocumentVersion, PlanItem, Section


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
    _store_sections(version, analysis.sections)
    if analysis.plan_items:
        PlanItem.objects.bulk_create(
            PlanItem(version=version, order=i, **item) for i, item in enumerate(analysis.plan_items)
        )


def _store_sections(version, sections):
    """Section and clause rows of a version from an outline (the importer's or an amendment's)."""
    rows = Section.objects.bulk_create(
        Section(
            version=version,
            number=entry["number"] or "",
            title=entry["title"],
            text=entry["text"],
            order=order,
        )
        for order, entry in enumerate(sections)
    )
    clauses = [
        Clause(
            version=version,
            section=row,
            number=clause["number"],
            text=clause["text"],
            note=clause.get("note", ""),
            repealed=clause.get("repealed", False),
            order=0,
        )
        for row, entry in zip(rows, sections, strict=True)
        for clause in entry["clauses"]
    ]
    for order, clause in enumerate(clauses):
        clause.order = order
    Clause.objects.bulk_create(clauses)


# --- amendments to regulations ----------------------------------------------------------------


def draft_amendment(regulation, operations, *, author=None, effective_date=None) -> Amendment:
    """Changes to a regulation, checked against its current revision (AmendmentInvalid lists
    every problem; nothing is stored then)."""
    from .selectors import document_outline

    if regulation.kind != Document.Kind.REGULATION or regulation.current_version is None:
        raise amendments.AmendmentInvalid([_("Only a regulation with a text can be amended.")])
    operations = [amendments.normalise(op) for op in operations]
    errors = amendments.check(document_outline(regulation.current_version), operations)
    if errors:
        raise amendments.AmendmentInvalid(errors)
    return Amendment.objects.create(
        regulation=regulation,
        base_version=regulation.current_version,
        operations=operations,
        effective_date=effective_date,
        author=author,
    )


@transaction.atomic
def apply_amendment(amendment, *, today=None) -> Amendment:
    """Apply a signed amendment: a new revision of the regulation with the header of amending
    orders and a note on every changed clause. When another amendment changed the regulation
    since this one was drafted, the operations are checked again against the newer revision;
    a clause both touched, or an operation that no longer applies, is a conflict: nothing is
    applied and the conflict is recorded."""
    import datetime

    from django.utils import timezone

    from .rendering import render_revision
    from .selectors import document_outline

    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != Amendment.Status.SIGNED:
        return amendment
    regulation = Document.objects.select_for_update().get(pk=amendment.regulation_id)
    current = regulation.current_version
    outline = document_outline(current)
    problems = []
    if current.pk != amendment.base_version_id:
        problems = amendments.conflicts(
            document_outline(amendment.base_version), outline, amendment.operations
        )
    problems += amendments.check(outline, amendment.operations)
    if problems:
        amendment.status = Amendment.Status.CONFLICT
        amendment.conflict = "\n".join(dict.fromkeys(problems))
        amendment.save(update_fields=["status", "conflict"])
        return amendment

    order = amendment.order
    order_date = order.date or (today or timezone.localdate())
    new_outline = amendments.consolidate(
        outline, amendment.operations, date=order_date, number=order.number
    )
    orders = list(current.structure.get("amending_orders") or [])
    orders.append({"date": order_date.isoformat(), "number": order.number, "document": order.pk})
    header = amendments.revision_header(
        [{"date": datetime.date.fromisoformat(o["date"]), "number": o["number"]} for o in orders]
    )
    structure = {**current.structure, "amending_orders": orders, "revision_header": header}
    plan_items = list(current.plan_items.all())
    data = render_revision(
        regulation, structure=structure, outline=new_outline, plan_items=plan_items
    )
    reference = amendments.order_reference(order_date, order.number)
    version = _store_revision(
        regulation, current, data, structure, new_outline, comment=f"Редакция приказа {reference}"
    )
    amendment.status = Amendment.Status.APPLIED
    amendment.result_version = version
    amendment.applied_at = timezone.now()
    amendment.conflict = ""
    amendment.save(update_fields=["status", "result_version", "applied_at", "conflict"])
    return amendment


def _store_revision(document, previous, data, structure, outline, *, comment):
    """A version built from an outline (not parsed from a file): its rows are the outline's."""

    version = DocumentVersion(
        document=document,
        number=previous.number + 1,
        original_name=f"revision-{previous.number + 1}.docx",
        size=len(data),
        sha256=sha256_of(data),
        text=extract("revision.docx", data).text,
        structure=structure,
        comment=comment,
    )
    version.file.save(version.original_name, ContentFile(data), save=False)
    try:
        version.save()
        _store_sections(version, outline)
        PlanItem.objects.bulk_create(
            PlanItem(
                version=version,
                order=item.order,
                number=item.number,
                activity=item.activity,
                due=item.due,
                responsible=item.responsible,
                result_form=item.result_form,
            )
            for item in previous.plan_items.all()
        )
        document.current_version = version
        document.save(update_fields=["current_version", "updated_at"])
    except Exception:
        version.file.storage.delete(version.file.name)
        raise
    return version


def apply_due_amendments(today=None) -> int:
    """Apply every signed amendment whose effective date has come (Celery beat, daily)."""
    from django.db.models import Q
    from django.utils import timezone

    today = today or timezone.localdate()
    due = Amendment.objects.filter(status=Amendment.Status.SIGNED).filter(
        Q(effective_date__isnull=True) | Q(effective_date__lte=today)
    )
    applied = 0
    for amendment in due.order_by("effective_date", "pk"):
        if apply_amendment(amendment, today=today).status == Amendment.Status.APPLIED:
            applied += 1
    return applied


def set_visibility(document, visibility) -> Document:
    """Open (or close) a document to a wider circle of readers; saving re-indexes it, so the
    search's readers follow."""
    if visibility not in Document.Visibility.values:
        raise ValueError(visibility)
    document.visibility = visibility
    document.save(update_fields=["visibility", "updated_at"])
    return document
