"""The pedagogical information bank: publication of approved documents, direct upload of
materials, similar documents."""

from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import Refused
from documents import grants
from documents.models import Document, Grant
from documents.services import create_document
from orgs.roles import Role

from .models import Publication
from .services import enqueue

PUBLISHABLE = {Document.Status.APPROVED, Document.Status.REGISTERED}


class BankRefused(Refused):
    """A rule of the information bank said no."""


def can_publish(user, document) -> bool:
    """The author, the organisation's leaders, methodists and the clerk publish to the bank;
    never a restricted document (a letter of the correspondence, say: its readers are named)."""
    if document.visibility == Document.Visibility.RESTRICTED:
        return False
    if user.is_superuser or document.author_id == user.pk:
        return True
    return user.organization_id == document.organization_id and bool(
        user.roles
        & {Role.HEAD, Role.DEPUTY_DIRECTOR, Role.SENIOR_METHODIST, Role.METHODIST, Role.CLERK}
    )


@transaction.atomic
def publish(
    document,
    *,
    category,
    by,
    organizations=(),
    subject="",
    level="",
    material_type="",
    author_name="",
    year=None,
    restricted=False,
    require_approved=True,
) -> Publication:
    """Publish an approved document to the bank for the given organisations (none: everyone).
    Workflows call this after approval; publishing again updates the publication."""
    if require_approved and document.status not in PUBLISHABLE:
        raise BankRefused(_("Only approved documents are published to the bank."))
    publication, _created = Publication.objects.update_or_create(
        document=document,
        defaults={
            "category": category,
            "subject": subject,
            "level": level,
            "material_type": material_type,
            "author_name": author_name,
            "year": year,
            "restricted": restricted,
            "published_by": by,
        },
    )
    publication.organizations.set(organizations)
    # Who reads it through the bank: the organisations named, else everyone; nobody while
    # restricted.
    organizations = [getattr(o, "pk", o) for o in organizations]
    grants.replace(
        document.pk,
        source=Grant.Source.BANK,
        source_id=publication.pk,
        organizations=() if restricted else organizations,
        everyone=not restricted and not organizations,
    )
    enqueue(document.pk)  # the category facet changes
    return publication


@transaction.atomic
def upload_material(*, organization, name, data, by, category, title=None, **metadata):
    """A methodical material uploaded straight into the bank (stored as a versioned
    document). Raises documents.importer.ImportRejected for unreadable files."""
    document = create_document(
        organization=organization, name=name, data=data, author=by, title=title
    )
    publish(document, category=category, by=by, require_approved=False, **metadata)
    return document
