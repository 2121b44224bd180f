"""A letter's card in its document's index entry (search.cards): the correspondent, the kind,
the sender's number and date, so «письмо министерства № 03-1234» finds it."""

from .models import Letter


def cards(document_ids) -> dict[int, dict]:
    found = {}
    letters = Letter.objects.filter(document_id__in=document_ids).select_related(
        "partner_organization", "correspondent"
    )
    for letter in letters:
        words = [str(letter.get_kind_display()), str(letter.partner or "")]
        if letter.their_number or letter.their_date:
            words.append(
                " ".join(
                    p
                    for p in (
                        f"№ {letter.their_number}" if letter.their_number else "",
                        f"от {letter.their_date:%d.%m.%Y}" if letter.their_date else "",
                    )
                    if p
                )
            )
        found[letter.document_id] = {
            "text": "; ".join(w for w in words if w),
            "numbers": [letter.their_number] if letter.their_number else [],
        }
    return found
