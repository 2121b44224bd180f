"""Reading grants (documents.models.Grant): given and taken back by the apps that open a
document to more readers. One write each, announced to the search (readers_changed)."""

from django.db import transaction
from django.db.models import Q

from . import signals
from .models import Grant


@transaction.atomic
def grant(document_id, *, source, source_id, users=(), organizations=(), everyone=False):
    """Let these people, organisations (or everyone) read the document, for this reason.
    Granting again what is granted adds nothing."""
    existing = set(
        Grant.objects.filter(document_id=document_id, source=source, source_id=source_id)
        .values_list("user_id", "organization_id", "everyone")
    )
    wanted = [(_pk(u), None, False) for u in users]
    wanted += [(None, _pk(o), False) for o in organizations]
    if everyone:
        wanted.append((None, None, True))
    new = [key for key in dict.fromkeys(wanted) if key not in existing]
    Grant.objects.bulk_create(
        Grant(
            document_id=document_id,
            user_id=user_id,
            organization_id=organization_id,
            everyone=all_,
            source=source,
            source_id=source_id,
        )
        for user_id, organization_id, all_ in new
    )
    if new:
        _announce(document_id)
    return len(new)


@transaction.atomic
def replace(document_id, *, source, source_id, users=(), organizations=(), everyone=False):
    """The grants of this reason are exactly these now (a publication's organisations changed,
    or it was restricted: none)."""
    removed, _detail = Grant.objects.filter(
        document_id=document_id, source=source, source_id=source_id
    ).delete()
    added = grant(
        document_id,
        source=source,
        source_id=source_id,
        users=users,
        organizations=organizations,
        everyone=everyone,
    )
    if removed and not added:
        _announce(document_id)


def granted_to(user):
    """The ids of documents granted to `user` (as a person, through the organisation, or to
    everyone): one subquery on the grants' own indexes."""
    condition = Q(user_id=user.pk) | Q(everyone=True)
    if user.organization_id is not None:
        condition |= Q(organization_id=user.organization_id)
    return Grant.objects.filter(condition).values("document_id")


def _pk(value):
    return getattr(value, "pk", value)


def _announce(document_id):
    signals.readers_changed.send(sender=Grant, document_id=document_id)
