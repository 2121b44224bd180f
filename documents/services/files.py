"""Writes on documents: uploads, new versions, generated documents, new revisions, entries from
the archive. Nothing is overwritten: every change is a new immutable DocumentVersion, and the
status changes only in documents.lifecycle."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from common.text import without_control_characters

from .. import lifecycle, signals
from ..importer import ImportRejected, analyse, extract
from ..importer.reader import check_size
from ..models import Document, DocumentVersion
from ..permissions import can_add_version
from ..requisites import content_structure, generate, requisites_of
from ..storage import clean_file_name, rows_of, sha256_of, store_version
from .recognition import carry_over, request_recognition


@dataclass
class ImportOutcome:
    document: Document
    version: DocumentVersion
    duplicate: bool  # the same bytes were imported before; nothing new was stored


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
    """Create a draft from an uploaded .docx, .txt or PDF: recognise its kind, title and
    structure, and store the file byte for byte as version 1 (a scan, a PDF without text, is
    titled by `title` or the file's name, and its text recognised in the background). The
    number, date and stamps the file shows are kept as the file's requisites (the version's
    structure) and never become the document's status or registration: that is the
    lifecycle's and the registry's.

    Raises ImportRejected (nothing stored) when the file is unsafe or unreadable."""
    extraction = extract(name, data)
    analysis = analyse(extraction)
    title = without_control_characters(title or analysis.title or Path(name).stem).strip()
    with transaction.atomic():
        document = Document.objects.create(
            organization=organization,
            unit=unit,
            kind=kind or analysis.kind,
            title=title[:1000] or clean_file_name(name),
            visibility=visibility or Document.Visibility.ORGANIZATION,
            author=author,
        )
        _store_upload(document, name, data, extraction, analysis, author, comment)
    return document


def add_version(
    document, *, name, data, author=None, comment="", for_revision=False
) -> DocumentVersion:
    """Add a new version of `document` from an uploaded file; the previous ones stay. Drafts
    take versions; a document returned for revision takes one through the revise task
    (`for_revision`, as a .docx that the stamp and number can go on); anything else is
    refused by the lifecycle with what to do instead."""
    lifecycle.check_new_version(document, user=author, for_revision=for_revision)
    if for_revision and not str(name).lower().endswith(".docx"):
        raise ImportRejected(
            _("Upload the corrected version as .docx: the stamp and the number go on it.")
        )
    extraction = extract(name, data)
    analysis = analyse(extraction)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        lifecycle.check_new_version(document, user=author, for_revision=for_revision)
        last = document.versions.order_by("-number").first()
        if last is not None and last.sha256 == sha256_of(data):
            raise ImportRejected(
                _("This file is identical to version %(number)s.") % {"number": last.number}
            )
        return _store_upload(document, name, data, extraction, analysis, author, comment)


def _store_upload(document, name, data, extraction, analysis, author, comment):
    structure = analysis.as_dict()
    version = store_version(
        document,
        name=name,
        data=data,
        text=extraction.text,
        structure=structure,
        sections=analysis.sections,
        plan_items=analysis.plan_items,
        author=author,
        comment=comment,
    )
    if extraction.fmt == "pdf-scan":
        request_recognition(version=version)
    return version


def import_file(path, *, organization, author=None, from_archive=False) -> ImportOutcome:
    """Import one file from disk, or report the earlier import of the same bytes. With
    `from_archive` (a clerk's or head's explicit action) the document is entered as registered
    (or approved) before the system, with the number and date its file shows."""
    path = Path(path)
    check_size(path.stat().st_size)
    data = path.read_bytes()
    existing = find_duplicate(organization, data)
    if existing is not None:
        return ImportOutcome(existing.document, existing, duplicate=True)
    if not from_archive:
        document = create_document(
            organization=organization, name=path.name, data=data, author=author
        )
        return ImportOutcome(document, document.current_version, duplicate=False)
    probe = Document(organization=organization)
    if not lifecycle.TRANSITIONS["enter_from_archive"].who(author, probe):
        raise lifecycle.LifecycleRefused(lifecycle.TRANSITIONS["enter_from_archive"].who_text)
    analysis = analyse(extract(path.name, data))
    if not ((analysis.number and analysis.date) or analysis.approval):
        raise ImportRejected(
            _(
                "The file shows neither a registration number with a date nor an approval "
                "stamp: import it as a draft."
            )
        )
    with transaction.atomic():
        document = create_document(
            organization=organization, name=path.name, data=data, author=author
        )
        lifecycle.enter_from_archive(
            document,
            actor=author,
            number=analysis.number if analysis.date else "",
            date=analysis.date if analysis.number else None,
            reason=_("imported from %(file)s") % {"file": path.name},
        )
    document.refresh_from_db()
    return ImportOutcome(document, document.current_version, duplicate=False)


def create_generated(
    *, organization, unit, author, kind, title, generator, form, visibility, name, extra=None
) -> Document:
    """A draft the system writes from a process form: its content (clauses, tables, plan
    items) is the generator's, not read back from the file, and the form is kept with the
    version so what gets stamped is built from exactly what was agreed."""
    with transaction.atomic():
        document = Document.objects.create(
            organization=organization,
            unit=unit,
            kind=kind,
            title=title,
            author=author,
            visibility=visibility,
        )
        _store_generated(document, generator, form, author, name, "", extra)
    return document


def add_generated_version(
    document, *, generator, form, author, comment="", for_revision=False, name, extra=None
) -> DocumentVersion | None:
    """A new version generated from an edited form; None when the form is unchanged."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        lifecycle.check_new_version(document, user=author, for_revision=for_revision)
        current = document.current_version
        if current is not None and (current.structure or {}).get("form") == form:
            return None
        return _store_generated(document, generator, form, author, name, comment, extra)


def _store_generated(document, generator, form, author, name, comment, extra):
    generated = generate(generator, form, document)
    return store_version(
        document,
        name=name,
        data=generated.data,
        text=extract(name, generated.data).text,
        structure=content_structure(generator, form, generated, **(extra or {})),
        sections=generated.content.get("sections", []),
        plan_items=generated.content.get("plan_items", []),
        author=author,
        comment=comment,
    )


@transaction.atomic
def start_new_revision(document, *, user) -> Document:
    """«Новая редакция»: a draft with the text of an approved document, which replaces it
    (the old one becomes superseded) once it is itself approved and registered."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status not in lifecycle.FINAL:
        raise lifecycle.LifecycleRefused(
            _("A new revision is made of an approved or registered document.")
        )
    if not can_add_version(user, document):
        raise lifecycle.LifecycleRefused(_("You cannot make a new revision of this document."))
    open_revision = document.new_revisions.filter(
        status__in=[Document.Status.DRAFT, Document.Status.ON_APPROVAL, Document.Status.RETURNED]
    ).first()
    if open_revision is not None:
        raise lifecycle.LifecycleRefused(
            _("A new revision is already being prepared: «%(title)s» (document %(id)s).")
            % {"title": open_revision.title, "id": open_revision.pk}
        )
    current = document.current_version
    requisites = requisites_of(current)
    base = (
        document.versions.get(number=current.structure["base_version"]) if requisites else current
    )
    draft = Document.objects.create(
        organization=document.organization,
        unit=document.unit,
        kind=document.kind,
        title=document.title,
        author=user,
        visibility=Document.Visibility.PARTICIPANTS,
        supersedes=document,
    )
    with base.file.open("rb") as handle:
        data = handle.read()
    sections, plan_items = rows_of(base)
    version = store_version(
        draft,
        name=base.original_name,
        data=data,
        text=base.text,
        structure={
            k: v
            for k, v in (base.structure or {}).items()
            if k not in ("requisites", "base_version")
        },
        sections=sections,
        plan_items=plan_items,
        author=user,
        comment=_("The text of version %(n)s of document %(id)s")
        % {"n": base.number, "id": document.pk},
    )
    carry_over(source=base, version=version)
    for target, details in (
        (document, _("new revision started: document %(id)s") % {"id": draft.pk}),
        (draft, _("new revision of document %(id)s") % {"id": document.pk}),
    ):
        signals.document_event.send(
            sender=Document,
            document=target,
            action=signals.NEW_REVISION,
            actor=user,
            details=details,
            process=None,
        )
    return draft


def set_visibility(document, visibility) -> Document:
    """Open (or close) a document to a wider circle of readers; saving re-indexes it, so the
    search's readers follow."""
    if visibility not in Document.Visibility.values:
        raise ValueError(visibility)
    document.visibility = visibility
    document.save(update_fields=["visibility", "updated_at"])
    return document
