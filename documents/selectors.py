"""Reads on documents shared by views, the API and commands."""

from django.db.models import Q

from orgs.roles import Role

from .models import Document


def visible_documents(user):
    """Documents `user` may read.

    Staff see their organisation's documents; documents shared with all organisations are seen
    by everyone, bank publications by the organisations they are published to; drafts for
    participants and restricted documents only by their author and the organisation's head and
    deputies. Approval workflows widen "participants" later.
    """
    qs = Document.objects.select_related("organization", "unit", "author", "current_version")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    leaders = user.organization_id is not None and bool(
        user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}
    )
    own_org = Q(organization_id=user.organization_id)
    open_in_org = own_org & Q(
        visibility__in=[Document.Visibility.ORGANIZATION, Document.Visibility.ALL]
    )
    shared = Q(visibility=Document.Visibility.ALL)
    mine = Q(author=user)
    closed = Q(visibility__in=[Document.Visibility.PARTICIPANTS, Document.Visibility.RESTRICTED])
    condition = open_in_org | shared | mine | _published_to(user)
    if leaders:
        condition |= own_org & closed
    return qs.filter(condition)


def _published_to(user):
    """Bank publications meant for the user's organisation (or for everyone), not restricted."""
    from search.models import Publication

    return Q(
        pk__in=Publication.objects.filter(restricted=False)
        .filter(Q(organizations=user.organization_id) | Q(organizations__isnull=True))
        .values("document_id")
    )


def document_outline(version) -> list[dict]:
    """Sections with their clauses, in order, for display and JSON."""
    sections = list(version.sections.all())
    clauses = list(version.clauses.all())
    by_section = {}
    for clause in clauses:
        by_section.setdefault(clause.section_id, []).append(clause)
    return [
        {
            "number": section.number or None,
            "title": section.title,
            "text": section.text,
            "clauses": [
                {"number": c.number, "text": c.text} for c in by_section.get(section.pk, [])
            ],
        }
        for section in sections
    ]
