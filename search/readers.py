"""Who may read a document, as keywords an engine stores with it (Elasticsearch, tantivy):
the permission condition becomes a term filter inside the engine's query. The same rule as
documents.selectors.readable_by, which the database backend applies itself."""

from documents.models import Document, Grant
from documents.selectors import SHARED_STATUSES
from orgs.roles import Role


def grants_of(document_ids) -> dict[int, list[tuple]]:
    """The grants of many documents at once, for readers_of."""
    grants = {}
    for row in Grant.objects.filter(document_id__in=list(document_ids)).values_list(
        "document_id", "user_id", "organization_id", "everyone"
    ):
        grants.setdefault(row[0], []).append(row[1:])
    return grants


def readers_of(document, grants=None) -> list[str]:
    """Who may read the document, as keywords matched by `readers_for(user)`; the same rule
    as documents.selectors.readable_by. `grants` (user, organisation, everyone) may be given
    when the caller fetched them for many documents at once."""
    org = document.organization_id
    readers = [f"author:{document.author_id}"] if document.author_id else []
    if document.visibility == Document.Visibility.ALL:
        # A draft is not shared outside its organisation (documents.selectors.SHARED_STATUSES).
        readers += ["all", f"org:{org}"] if document.status in SHARED_STATUSES else [f"org:{org}"]
    elif document.visibility == Document.Visibility.ORGANIZATION:
        readers.append(f"org:{org}")
    readers.append(f"leaders:{org}")
    # Everybody else by a grant (approval participants, bank publications): the same rows the
    # database backend reads.
    if grants is None:
        grants = document.grants.values_list("user_id", "organization_id", "everyone")
    for user_id, organization_id, everyone in grants:
        if everyone:
            readers.append("all")
        elif organization_id:
            readers.append(f"org:{organization_id}")
        else:
            readers.append(f"person:{user_id}")
    return list(dict.fromkeys(readers))


def readers_for(user) -> list[str]:
    keys = ["all", f"author:{user.pk}", f"person:{user.pk}"]
    if user.organization_id:
        keys.append(f"org:{user.organization_id}")
        if user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}:
            keys.append(f"leaders:{user.organization_id}")
    return keys
