"""Destruction of documents by an approved act: the one legal exception to «nothing is
hard-deleted». The stored file of every version goes, with the text the system extracted or
recognised from it and the rows of its structure; the document keeps its card (title, number,
date, status «уничтожен») and a Destruction row naming the act and, for every version, the
file's name, size and SHA-256. A stored file that another document still uses (files are named
by their content) stays in storage: only what the act names is touched."""

from django.db import transaction

from .. import lifecycle
from ..models import Clause, Destruction, Document, DocumentVersion, PlanItem, Recognition, Section


def files_of(documents) -> list[dict]:
    """Every version's file of `documents`, as a dry run lists it: the document, the version,
    the file's name, size and SHA-256, and whether its bytes stay in storage because a
    document outside the list holds the same file."""
    ids = [document.pk for document in documents]
    versions = list(
        DocumentVersion.objects.filter(document_id__in=ids)
        .select_related("document")
        .order_by("document_id", "number")
    )
    names = {version.file.name for version in versions if version.file.name}
    shared = set(
        DocumentVersion.objects.filter(file__in=names)
        .exclude(document_id__in=ids)
        .values_list("file", flat=True)
    )
    return [
        {
            "document": version.document_id,
            "title": version.document.title,
            "number": version.document.number,
            "version": version.number,
            "name": version.original_name,
            "size": version.size,
            "sha256": version.sha256,
            "stored": version.file.name,
            "kept_in_storage": version.file.name in shared,
        }
        for version in versions
    ]


@transaction.atomic
def destroy_documents(documents, *, actor, act: str) -> list[Destruction]:
    """Destroy `documents` by the act `act` names («№ … от …», its number and date). Every
    document changes status through the lifecycle (audited there) or nothing does; the files
    leave storage after the transaction commits, so a failure half-way leaves every file in
    place."""
    locked = list(
        Document.objects.select_for_update().filter(pk__in=[d.pk for d in documents]).order_by("pk")
    )
    listed = files_of(locked)
    by_document = {}
    for row in listed:
        by_document.setdefault(row["document"], []).append(
            {key: row[key] for key in ("version", "name", "size", "sha256")}
        )
    made = []
    for document in locked:
        lifecycle.destroy(document, actor=actor, act=act, locked=document)
        made.append(
            Destruction.objects.create(
                document=document,
                act=act,
                files=by_document.get(document.pk, []),
                destroyed_by=actor,
            )
        )
    ids = [document.pk for document in locked]
    versions = DocumentVersion.objects.filter(document_id__in=ids)
    Clause.objects.filter(version__in=versions).delete()
    Section.objects.filter(version__in=versions).delete()
    PlanItem.objects.filter(version__in=versions).delete()
    Recognition.objects.filter(version__in=versions).update(text="")
    # The versions' rows stay (numbers, names, sizes, hashes); their content goes. update()
    # because a version's save() refuses any change: this is the one that is allowed.
    versions.update(file="", text="", structure={})
    removed = sorted(
        {row["stored"] for row in listed if row["stored"] and not row["kept_in_storage"]}
    )
    storage = DocumentVersion._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in removed])
    return made
