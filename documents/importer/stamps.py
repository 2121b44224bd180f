"""Stamps of the heading block: where each ends and what it says (docs/importer.md, «Stamps»).

«УТВЕРЖДАЮ / Директор / ____ О.А. Иванова / 28.08.2025» (a person signs), «УТВЕРЖДЕНО /
приказом МАОУ «Гимназия № 3» / от 28.08.2025 № 77-о/д» (an order approves), «ПРИНЯТО / на
заседании педагогического совета / протокол от 27.08.2025 № 1» (a body adopts), «Приложение № 2
/ к приказу … от … № …» (the document is an order's appendix)."""

import re

from .dates import DATE_ONLY, act_reference, find_dates, find_numbers, name_in
from .lines import ABOUT, is_structural, kind_heading, stamp_start

MAX_LINES = 16
_ACT_WORD = re.compile(
    r"(?<![а-яё])(приказ|протокол|распоряжени|постановлени|решени)[а-яё]*", re.IGNORECASE
)


def stamp_extent(blocks, start) -> list[int]:
    """Indexes of the lines of the stamp that starts at `start`: to the end of its table cell,
    or in the body to the next heading, stamp, clause, sentence or two blank lines; the act it
    cites or a date alone closes it."""
    group = blocks[start].group
    lines = [start]
    non_empty = 0
    if _closes(blocks[start].text, first=True):
        return lines
    for j in range(start + 1, min(len(blocks), start + MAX_LINES)):
        block = blocks[j]
        if block.group != group or block.table is not None:
            break
        text = block.text
        if not text:
            if group is None and non_empty and _two_blank(blocks, j):
                break
            continue
        if kind_heading(text) and not _ACT_WORD.match(text):
            break
        if is_structural(text) or stamp_start(text):
            break
        if group is None and (len(text) > 160 or (text.endswith(".") and len(text) > 60)):
            break  # a sentence of the text, not a line of a stamp
        lines.append(j)
        non_empty += 1
        if _closes(text):
            break
    return lines


def _closes(text, first=False) -> bool:
    """The act a stamp cites (with its date) or the stamp's own date ends it."""
    if first:
        word = stamp_start(text)
        text = text[len(word[1]) :] if word else text
    dates = find_dates(text)
    if not dates:
        return False
    return bool(_ACT_WORD.search(text) or find_numbers(text) or DATE_ONLY.match(text.strip()))


def _two_blank(blocks, j) -> bool:
    return j + 1 < len(blocks) and not blocks[j + 1].text and blocks[j + 1].group is None


def parse_stamp(kind: str, word: str, lines: list[str]) -> dict:
    """The stamp's fields: who signs it (position, name) or which body (body), the act it cites
    (type, number, date), its own date, and its lines as read."""
    first_rest = lines[0][len(word) :].strip(" :.")
    texts = ([first_rest] if first_rest else []) + [t for t in lines[1:] if t]
    joined = " ".join(texts)
    act_at = _act_start(joined)
    act, act_end = None, len(joined)
    before = joined
    if act_at is not None:
        reference = act_reference(joined[act_at:])
        if reference is not None:
            act = {
                "type": reference.type,
                "number": reference.number,
                "date": reference.date.isoformat() if reference.date else None,
            }
            act_end = act_at + _reference_end(joined[act_at:])
        before = joined[:act_at]
    own_dates = [d for d in find_dates(joined) if d.start < (act_at or 0) or d.start >= act_end]
    if act_at is None:
        own_dates = find_dates(joined)
    position, name = _signer(texts, has_act=act is not None)
    person = bool(name) or word.upper() == "УТВЕРЖДАЮ" or "__" in before
    body = None
    if not person:
        body = _body(joined, act_at, reference_start=_ref_start(joined, act_at))
    return {
        "kind": kind,
        "word": word if kind == "appendix" else word.upper(),
        "position": position if person else None,
        "name": name,
        "body": body,
        "act": act,
        "date": own_dates[0].value.isoformat() if own_dates else None,
        "lines": [line for line in lines if line],
    }


def _act_start(joined) -> int | None:
    """Where the act the stamp cites begins: its word («приказом», «протокол»), else its
    «от DATE № N» or «№ N»."""
    word = _ACT_WORD.search(joined)
    if word:
        return word.start()
    numbers = find_numbers(joined)
    if numbers:
        reference = act_reference(joined)
        return reference.start if reference else numbers[0].start
    return None


def _ref_start(joined, act_at) -> int | None:
    if act_at is None:
        return None
    reference = act_reference(joined[act_at:])
    return act_at + reference.start if reference else None


def _reference_end(text) -> int:
    ends = [d.end for d in find_dates(text)] + [n.end for n in find_numbers(text)]
    return max(ends) if ends else len(text)


def _body(joined, act_at, *, reference_start) -> str | None:
    """Who adopted, agreed or approved: the words before the act («на заседании
    педагогического совета»), or the act's own words for an order («приказом директора»)."""
    if act_at is None:
        text = joined
    elif act_at == 0 or not joined[:act_at].strip(" ,(_"):
        text = joined[:reference_start] if reference_start is not None else joined
    else:
        text = joined[:act_at]
    text = re.sub(r"\s+", " ", text).strip(" ,(_:")
    text = re.sub(r"\s+от$", "", text).strip(" ,(")
    return text or None


def _signer(texts, *, has_act) -> tuple[str | None, str | None]:
    """The position and name of who signs the stamp: the lines before the name line."""
    position_lines, name = [], None
    for text in texts:
        if has_act and _ACT_WORD.match(text):
            break
        found = name_in(text)
        if found and not _ACT_WORD.search(text[: found[1]]):
            name = found[0]
            before = text[: found[1]].strip("_ /")
            if before:
                position_lines.append(before)
            break
        if text.strip("_ ") and not find_dates(text) and not ABOUT.match(text):
            position_lines.append(text.strip("_ "))
    position = " ".join(position_lines) or None
    return position, name
