"""What goes into the index for a document, shared by every backend."""

from documents.models import Clause
from documents.selectors import full_text, recognised_texts

from .cards import cards_of
from .models import Publication
from .text import lemmatize, number_key, phrase_keys


def batch_fields(documents, *, with_phrase_keys=True):
    """(document, entry fields) for a batch of documents, with the clause numbers, bank
    categories and recognised texts of scans of the whole batch fetched in three queries
    instead of three per document."""
    documents = list(documents)
    categories = dict(
        Publication.objects.filter(document__in=documents, restricted=False).values_list(
            "document_id", "category__code"
        )
    )
    numbers = {}
    version_ids = [d.current_version_id for d in documents if d.current_version_id]
    for version_id, number in Clause.objects.filter(version_id__in=version_ids).values_list(
        "version_id", "number"
    ):
        numbers.setdefault(version_id, []).append(number)
    recognised = recognised_texts(version_ids)
    cards = cards_of(d.pk for d in documents)
    for document in documents:
        yield (
            document,
            entry_fields(
                document,
                numbers.get(document.current_version_id, []),
                categories.get(document.pk, ""),
                recognised=recognised.get(document.current_version_id, ""),
                card=cards.get(document.pk, {}),
                with_phrase_keys=with_phrase_keys,
            ),
        )


def entry_fields(
    document,
    clause_numbers=None,
    category=None,
    *,
    recognised=None,
    card=None,
    with_phrase_keys=True,
) -> dict:
    """`clause_numbers`, the bank `category`, the `recognised` text of a scan and the `card`
    an upper app adds (search.cards) may be given when the caller fetched them for many
    documents at once. Phrase keys are the PostgreSQL table's (an engine keeping positions
    needs none)."""
    version = document.current_version
    # A scan's own text is empty: what search finds in it is the text recognised (OCR).
    text = full_text(version, recognised)
    if card is None:
        card = cards_of([document.pk]).get(document.pk, {})
    if card.get("text"):
        # A letter's correspondent and the sender's number are found like its words.
        text = f"{card['text']}\n{text}" if text else card["text"]
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
    numbers.update(number_key(n) for n in (card.get("numbers") or ()))
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
        "phrase_keys": (
            entry_phrase_keys(title_lemmas, text_lemmas) if with_phrase_keys else set()
        ),
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
