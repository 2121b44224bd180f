"""What goes into the index for a document, shared by every backend."""

from .text import lemmatize, number_key, phrase_keys


def entry_fields(document, clause_numbers=None, category=None) -> dict:
    """`clause_numbers` and the bank `category` may be given when the caller fetched them for
    many documents at once."""
    version = document.current_version
    text = version.text if version else ""
    structure = (version.structure or {}) if version else {}
    approval = structure.get("approval")
    numbers = set()
    if document.number:
        numbers.add(number_key(document.number))
    # What the file shows (its own number, its approving order's) is found too, as the file's
    # words: the hit's «№» and status are the record's, not these.
    if structure.get("number"):
        numbers.add(number_key(structure["number"]))
    if approval and approval.get("order_number"):
        numbers.add(number_key(approval["order_number"]))
    if clause_numbers is None and version is not None:
        clause_numbers = version.clauses.values_list("number", flat=True)
    numbers.update(number_key(n) for n in clause_numbers or ())
    title_lemmas, text_lemmas = lemmatize(document.title), lemmatize(text)
    year = document.date.year if document.date else _file_year(structure, document)
    if category is None:
        publication = getattr(document, "publication", None)
        category = publication.category.code if publication and not publication.restricted else ""
    return {
        "version_id": version.pk if version else 0,
        "title": document.title,
        "text": text,
        "title_lemmas": title_lemmas,
        "text_lemmas": text_lemmas,
        "phrase_keys": entry_phrase_keys(title_lemmas, text_lemmas),
        # Padded with spaces so «contains " 69/1 "» is an exact match and « 01-12/» a prefix one.
        "numbers": f" {' '.join(sorted(numbers))} " if numbers else "",
        "organization_id": document.organization_id,
        "visibility": document.visibility,
        "author_id": document.author_id,
        "kind": document.kind,
        "status": document.status,
        "year": year,
        "category": category,
    }


def entry_phrase_keys(title_lemmas: str, text_lemmas: str) -> set[int]:
    """Title and text apart: no phrase runs from one into the other."""
    return phrase_keys(title_lemmas.split()) | phrase_keys(text_lemmas.split())


def _file_year(structure, document) -> int:
    """The year a document belongs to: its registration's, else the date its file shows, else
    the year it came into the system."""
    date = structure.get("date") or ""
    return int(date[:4]) if date[:4].isdigit() else document.created_at.year
