"""Reads on documents shared by views, the API and commands."""

from django.db.models import Q

from common.gost import place_tables
from common.russian import ru_date
from orgs.roles import Role

from .grants import granted_to
from .models import Document, Recognition

# What "all organisations" may read of a document shared with them: the approved record, not
# a draft on its way (it opens to them once approved).
SHARED_STATUSES = (
    Document.Status.APPROVED,
    Document.Status.REGISTERED,
    Document.Status.SUPERSEDED,
    Document.Status.REPEALED,
    Document.Status.ARCHIVED,
)


def visible_documents(user):
    """Documents `user` may read (see readable_by)."""
    qs = Document.objects.select_related("organization", "unit", "author", "current_version")
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(readable_by(user))


def readable_by(user, prefix: str = "", id_field: str = "pk") -> Q:
    """The condition for documents `user` may read, on a Document (or, with `prefix` such as
    "document__", on a model that points to one, so the engine joins instead of probing; or,
    with `id_field` such as "document_id", on a model that copies the fields it needs).

    Staff see their organisation's documents; documents shared with all organisations are seen
    by everyone once approved (a draft is not shared outside its organisation); drafts for
    participants and restricted documents only by their author and the organisation's head and
    deputies. Anybody else reads a document by a grant (documents.grants): the people taking
    part in its approval, the organisations a bank publication is meant for.
    """
    if user.is_superuser:
        return Q()

    def q(**lookups):
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    leaders = user.organization_id is not None and bool(
        user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}
    )
    own_org = q(organization_id=user.organization_id)
    open_in_org = own_org & q(
        visibility__in=[Document.Visibility.ORGANIZATION, Document.Visibility.ALL]
    )
    shared = q(visibility=Document.Visibility.ALL, status__in=SHARED_STATUSES)
    mine = q(author_id=user.pk)
    closed = q(visibility__in=[Document.Visibility.PARTICIPANTS, Document.Visibility.RESTRICTED])
    condition = open_in_org | shared | mine | q(**{f"{id_field}__in": granted_to(user)})
    if leaders:
        condition |= own_org & closed
    return condition


def document_outline(version, *, with_tables=False) -> list[dict]:
    """Sections with their clauses, in order, for display and JSON; with `with_tables`, each
    section and clause carries the tables that follow its text (see version_tables)."""
    sections = list(version.sections.all())
    clauses = list(version.clauses.all())
    by_section = {}
    for clause in clauses:
        by_section.setdefault(clause.section_id, []).append(clause)
    outline = [
        {
            "number": section.number or None,
            "title": section.title,
            "text": section.text,
            "clauses": [
                {"number": c.number, "text": c.text, "note": c.note, "repealed": c.repealed}
                for c in by_section.get(section.pk, [])
            ],
        }
        for section in sections
    ]
    if with_tables:
        place_tables(outline, version_tables(version))
    return outline


def version_tables(version) -> list[dict]:
    """The tables of a version: {"rows": [[cell, ...], ...], "header": bool, "at": {"section":
    index or None, "clause": number or None}}; a table follows the text of the clause, of the
    section (before its clauses) or, with no section, of the preamble."""
    return list((version.structure or {}).get("tables") or []) if version else []


def preamble_tables(version) -> list[dict]:
    return [t for t in version_tables(version) if (t.get("at") or {}).get("section") is None]


def file_requisites(version) -> dict | None:
    """What an uploaded file shows of its own registration and approval («в файле: № … от …»):
    kept as the file's words, never the record's status or number."""
    structure = (version.structure or {}) if version else {}
    if structure.get("generator"):
        return None  # written by the system: its requisites are the record's
    found = {key: structure.get(key) for key in ("number", "date", "approval")}
    # The file's other stamps (ПРИНЯТО, СОГЛАСОВАНО, РАССМОТРЕНО …) and its closing block, as
    # lines a records manager reads: «ПРИНЯТО на заседании педагогического совета, протокол
    # от 27.08.2025 № 1».
    approving = found["approval"] and found["approval"].get("stamp")
    found["stamps"] = [
        stamp_words(stamp)
        for stamp in structure.get("stamps") or []
        if stamp.get("kind") not in ("approval", "appendix") or stamp.get("word") != approving
    ]
    found["signatures"] = [
        " ".join(p for p in (s.get("position"), s.get("name")) if p)
        for s in structure.get("signatures") or []
    ]
    executor = structure.get("executor") or {}
    found["executor"] = ", ".join(p for p in (executor.get("name"), executor.get("phone")) if p)
    return found if any(found.values()) else None


def stamp_words(stamp) -> str:
    """A stamp of the file as one line: word, body or signer, the act it cites, its date."""
    act = stamp.get("act") or {}
    body = stamp.get("body") or ""
    reference = [
        # «приказом …» already names the act's type; «на заседании …» does not.
        act.get("type") if act.get("type") and not body.startswith(act["type"][:5]) else "",
        f"от {ru_date(act['date'])}" if act.get("date") else "",
        f"№ {act['number']}" if act.get("number") else "",
    ]
    signer = (stamp.get("word"), body, stamp.get("position"), stamp.get("name"))
    text = " ".join(p for p in signer if p)
    if any(reference):
        text = f"{text}, {' '.join(p for p in reference if p)}"
    if stamp.get("date"):
        text = f"{text}, {ru_date(stamp['date'])}"
    return text


def recognised_texts(version_ids) -> dict[int, str]:
    """The text recognised in scanned versions (a Recognition done), by version id; versions
    read from their own text have none."""
    return dict(
        Recognition.objects.filter(
            version_id__in=list(version_ids), status=Recognition.Status.DONE
        ).values_list("version_id", "text")
    )


def full_text(version, recognised: str | None = None) -> str:
    """A version's text as search reads it: its own, then what was recognised in it if it is a
    scan (`recognised` when the caller fetched it for many versions at once)."""
    if version is None:
        return ""
    if recognised is None:
        recognised = recognised_texts([version.pk]).get(version.pk, "")
    return "\n\n".join(text for text in (version.text, recognised) if text)
