"""What an upper app adds to a document's index entry — the card of a letter: its
correspondent, the sender's number and date — registered in its AppConfig.ready(). A
provider is `function(document_ids) -> {document_id: {"text": str, "numbers": [str]}}`,
called once for a batch of documents."""

_PROVIDERS = []


def register(provider):
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def cards_of(document_ids) -> dict[int, dict]:
    ids = list(document_ids)
    merged: dict[int, dict] = {}
    if not ids:
        return merged
    for provider in _PROVIDERS:
        for document_id, card in (provider(ids) or {}).items():
            entry = merged.setdefault(document_id, {"text": [], "numbers": []})
            if card.get("text"):
                entry["text"].append(card["text"])
            entry["numbers"].extend(n for n in card.get("numbers") or () if n)
    return {
        pk: {"text": "\n".join(entry["text"]), "numbers": entry["numbers"]}
        for pk, entry in merged.items()
    }
