"""Amendments to a regulation (seed 004 §6.1), as pure functions over a revision's outline.

An outline is what `documents.selectors.document_outline` returns: sections with their clauses
({"number", "text", "note", "repealed"}). An operation is one of
    {"op": "set", "clause": "3.1", "text": "…"}              изложить в следующей редакции
    {"op": "add", "clause": "3.5", "text": "…"}              дополнить пунктом
    {"op": "replace", "clause": "4.2", "words": "…", "replacement": "…"}   слова заменить словами
    {"op": "repeal", "clause": "5.3"}                        признать утратившим силу
Operations apply in order; clauses are never renumbered.
"""

import copy
import difflib
import html
import re

from django.utils.translation import gettext as _

from common.russian import morph

OPERATIONS = ("set", "add", "replace", "repeal")
REPEALED_TEXT = "Утратил силу."
CLAUSE_NUMBER = re.compile(r"^\d+(?:\.\d+)*$")


class AmendmentInvalid(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def _clauses(outline):
    return {c["number"]: c for section in outline for c in section["clauses"]}


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def normalise(operation: dict) -> dict:
    """The operation with its fields trimmed (and a trailing dot dropped from the number)."""
    op = {
        key: (value.strip() if isinstance(value, str) else value)
        for key, value in operation.items()
    }
    op["clause"] = (op.get("clause") or "").strip().rstrip(".")
    for key in ("text", "words", "replacement"):
        op.setdefault(key, "")
    return op


def check(outline, operations) -> list[str]:
    """Every error of the operations against the revision, in Russian, numbered by operation;
    an empty list when they all apply."""
    errors = []
    work = copy.deepcopy(outline)
    if not operations:
        return [_("Add at least one change.")]
    for index, raw in enumerate(operations, 1):
        op = normalise(raw)
        problem = _problem(work, op)
        if problem:
            errors.append(_("Change %(n)s: %(problem)s") % {"n": index, "problem": problem})
            continue
        _apply(work, op, note="")
    return errors


def _problem(outline, op) -> str:
    kind, number = op.get("op"), op["clause"]
    if kind not in OPERATIONS:
        return _("unknown kind of change.")
    if not CLAUSE_NUMBER.match(number):
        return _("«%(n)s» is not a clause number such as 3.1.") % {"n": number}
    clauses = _clauses(outline)
    clause = clauses.get(number)
    if kind == "add":
        if clause is not None:
            return _("clause %(n)s already exists; existing clauses are never renumbered.") % {
                "n": number
            }
        if not op["text"]:
            return _("give the text of the new clause.")
        if _section_for(outline, number) is None:
            return _("there is no section for clause %(n)s.") % {"n": number}
        return ""
    if clause is None:
        return _("there is no clause %(n)s in the current revision.") % {"n": number}
    if clause.get("repealed"):
        return _("clause %(n)s has already been repealed.") % {"n": number}
    if kind == "set" and not op["text"]:
        return _("give the new wording of clause %(n)s.") % {"n": number}
    if kind == "replace":
        if not op["words"]:
            return _("give the words to replace.")
        if op["words"] not in clause["text"]:
            return _("the words «%(w)s» do not occur in clause %(n)s.") % {
                "w": op["words"],
                "n": number,
            }
    return ""


def _section_for(outline, number):
    """Where a new clause goes: the section holding its neighbours (3.5 beside 3.4), else the
    section numbered as its first part."""
    parent = number.rsplit(".", 1)[0] if "." in number else ""
    for section in outline:
        for clause in section["clauses"]:
            if clause["number"].rsplit(".", 1)[0] == parent and "." in clause["number"]:
                return section
    major = number.split(".")[0]
    for section in outline:
        if (section.get("number") or "").rstrip(".") == major:
            return section
    return None


def _apply(outline, op, *, note):
    kind, number = op["op"], op["clause"]
    if kind == "add":
        section = _section_for(outline, number)
        clause = {"number": number, "text": op["text"], "note": note, "repealed": False}
        position = len(section["clauses"])
        for i, existing in enumerate(section["clauses"]):
            if _key(existing["number"]) > _key(number):
                position = i
                break
        section["clauses"].insert(position, clause)
        return
    clause = _clauses(outline)[number]
    if kind == "set":
        clause["text"] = op["text"]
    elif kind == "replace":
        clause["text"] = clause["text"].replace(op["words"], op["replacement"])
    elif kind == "repeal":
        clause["text"], clause["repealed"] = REPEALED_TEXT, True
    clause["note"] = note


def order_reference(date, number) -> str:
    """«приказа от 01.02.2027 № 01-12/5»."""
    return f"от {date:%d.%m.%Y} № {number}" if number else f"от {date:%d.%m.%Y}"


def clause_note(op, date, number) -> str:
    ref = order_reference(date, number)
    clause = op["clause"]
    if op["op"] == "add":
        return f"(п. {clause} введён приказом {ref})"
    if op["op"] == "repeal":
        return f"(п. {clause} утратил силу на основании приказа {ref})"
    return f"(п. {clause} в ред. приказа {ref})"


def consolidate(outline, operations, *, date=None, number="") -> list[dict]:
    """The new revision's outline; with the order's date and number each changed clause carries
    its note. Raises AmendmentInvalid when an operation does not apply."""
    errors = check(outline, operations)
    if errors:
        raise AmendmentInvalid(errors)
    work = copy.deepcopy(outline)
    for raw in operations:
        op = normalise(raw)
        _apply(work, op, note=clause_note(op, date, number) if date else "")
    return work


def revision_header(amended_by) -> str:
    """«(в ред. приказов от … № …, от … № …)» from [{"date": date, "number": str}]."""
    if not amended_by:
        return ""
    refs = ", ".join(order_reference(a["date"], a["number"]) for a in amended_by)
    word = "приказа" if len(amended_by) == 1 else "приказов"
    return f"(в ред. {word} {refs})"


def conflicts(base, current, operations) -> list[str]:
    """Clauses the operations touch that changed between the revision they were composed against
    and the current one (another amendment got there first)."""
    before, now = _clauses(base), _clauses(current)
    found = []
    for raw in operations:
        number = normalise(raw)["clause"]
        old, new = before.get(number), now.get(number)
        if (old or {}).get("text") != (new or {}).get("text") or bool(old) != bool(new):
            found.append(
                _("Clause %(n)s was changed after these amendments were drafted.") % {"n": number}
            )
    return list(dict.fromkeys(found))


# --- showing the changes ---------------------------------------------------------------------


def redline(old_text: str, new_text: str) -> str:
    """HTML of the word-level changes: <del> for removed words, <ins> for inserted ones."""
    old_words, new_words = old_text.split(), new_text.split()
    out = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(html.escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{html.escape(' '.join(new_words[j1:j2]))}</ins>")
    return " ".join(out)


def compare(old, new) -> list[dict]:
    """The clauses that differ between two outlines, in the new one's order, with their redline:
    [{"number", "status": added|changed|repealed|removed, "html"}]."""
    before, after = _clauses(old), _clauses(new)
    rows = []
    for number, clause in after.items():
        previous = before.get(number)
        if previous is None:
            rows.append({"number": number, "status": "added", "html": redline("", clause["text"])})
        elif previous["text"] != clause["text"] or previous.get("repealed") != clause.get(
            "repealed"
        ):
            rows.append(
                {
                    "number": number,
                    "status": "repealed" if clause.get("repealed") else "changed",
                    "html": redline(previous["text"], clause["text"]),
                }
            )
    for number, clause in before.items():
        if number not in after:
            rows.append(
                {"number": number, "status": "removed", "html": redline(clause["text"], "")}
            )
    return rows


# --- the amending order ----------------------------------------------------------------------


def regulation_name(title: str) -> str:
    """«Положение о методической службе» in the middle of a sentence. A title set in capitals
    is lowered, keeping capitals on place and personal names (the initiator can correct the
    rest in the form)."""
    title = " ".join(title.split()).strip(" .")
    letters = [ch for ch in title if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        words = title.split()
        title = " ".join(
            _lower_word(word, words[i - 1] if i else "", words[i + 1 : i + 3])
            for i, word in enumerate(words)
        )
    if title[:9].lower() == "положение":
        return "Положение" + title[9:]
    return f"Положение «{title}»"


_GEOGRAPHIC = {"область", "край", "республика", "округ", "район"}
_KINDS_OF_PLACE = {"муниципальный", "городской", "сельский", "административный"}


def _lower_word(word: str, previous: str, following: list[str]) -> str:
    """A word of a title set in capitals, as it is written in a sentence: abbreviations
    («МБОУ», «СОШ») and initials («А.С.») stay in capitals; names of people and places
    («Пушкина», «Москве», «Рязанской области», «Сасовский муниципальный район») and the first
    word of a quoted name («Средняя школа № 7») get their capital."""
    bare = word.strip('«»"(),.;:')
    lowered = word.lower()
    capital = lowered.replace(bare.lower(), bare[:1] + bare[1:].lower(), 1)
    if not bare or re.fullmatch(r"(?:[А-ЯЁA-Z]\.)+", bare) or not re.search("[А-ЯЁа-яё]", bare):
        return word
    if not morph().word_is_known(bare.lower()) and len(bare) <= 6:
        return word  # an abbreviation
    if word.startswith(("«", '"')):
        return capital
    parse = morph().parse(bare.lower())[0]
    if {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(parse.tag.grammemes):
        return capital
    if parse.tag.POS == "ADJF" and parse.normal_form not in _KINDS_OF_PLACE and following:
        nouns = [morph().parse(w.strip('«»"(),.;:').lower())[0].normal_form for w in following]
        if nouns[0] in _GEOGRAPHIC or (
            nouns[0] in _KINDS_OF_PLACE and len(nouns) > 1 and nouns[1] in _GEOGRAPHIC
        ):
            return capital
    return lowered


def operation_text(op) -> str:
    op = normalise(op)
    n = op["clause"]
    if op["op"] == "set":
        return f"пункт {n} изложить в следующей редакции: «{op['text']}»"
    if op["op"] == "add":
        return f"дополнить пунктом {n} следующего содержания: «{op['text']}»"
    if op["op"] == "replace":
        return f"в пункте {n} слова «{op['words']}» заменить словами «{op['replacement']}»"
    return f"пункт {n} признать утратившим силу"


def order_item(regulation_title, approved_on, approved_number, operations) -> str:
    """The amending order's first item in the standard wording."""
    approved = ""
    if approved_on:
        approved = f", утверждённое приказом {order_reference(approved_on, approved_number)},"
    name = regulation_name(regulation_title)
    if len(operations) == 1:  # one change is not «следующие изменения: 1) …»
        return f"Внести в {name}{approved} следующее изменение: {operation_text(operations[0])}."
    changes = [f"{i}) {operation_text(op)}" for i, op in enumerate(operations, 1)]
    body = ";\n".join(changes) + "."
    return f"Внести в {name}{approved} следующие изменения:\n{body}"


def effective_item(effective_date, count=2) -> str:
    """The item that says when the changes apply (they apply only then); one change in the
    singular."""
    subject = "Настоящее изменение вступает" if count == 1 else "Настоящие изменения вступают"
    if effective_date:
        return f"{subject} в силу с {effective_date.strftime('%d.%m.%Y')}."
    return f"{subject} в силу со дня подписания настоящего приказа."
