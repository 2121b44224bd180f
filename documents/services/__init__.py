"""Writes on documents (HackSoft style: one write a function, keyword-only arguments)."""

from ..storage import sha256_of
from .amending import apply_amendment, apply_due_amendments, draft_amendment
from .destruction import destroy_documents, files_of
from .files import (
    ImportOutcome,
    add_generated_version,
    add_version,
    create_document,
    create_generated,
    find_duplicate,
    import_file,
    set_visibility,
    start_new_revision,
)
from .recognition import recognise, recognise_pending

__all__ = [
    "ImportOutcome",
    "add_generated_version",
    "add_version",
    "apply_amendment",
    "apply_due_amendments",
    "create_document",
    "create_generated",
    "destroy_documents",
    "draft_amendment",
    "files_of",
    "find_duplicate",
    "import_file",
    "recognise",
    "recognise_pending",
    "set_visibility",
    "sha256_of",
    "start_new_revision",
]
