"""The heading block of a document, read as its requisites (docs/importer.md): organisation
(and the bodies above it, the unit, address lines), stamps, addressee, the kind heading, the
registration line (date, number; also in the blank's table), the place, the title with all
its lines. Everything before the text is one of these; the text starts where none fits."""

import re

from .dates import registration_parts
from .lines import (
    ABOUT,
    OPERATIVE,
    PREAMBLE_START,
    SALUTATION,
    is_structural,
    kind_heading,
    stamp_start,
)
from .stamps import parse_stamp, stamp_extent

HEAD_ZONE = 60  # requisites sit in the first lines; the text is not searched for them
MAX_TITLE_LINES = 8

ORG_START = re.compile(
    r"^(министерств|управлени|департамент|комитет|отдел\s+образования|администраци|"
    r"муниципальн|государственн|федеральн|областн|краев|автономн|частн|бюджетн|казенн|казённ|"
    r"некоммерческ|учреждени|[МГ][АБКО]?[АБКО]?У\b|[МГ]Б?ДОУ|МКУ|МБУ|МАУ|ГБУ|ГАУ|ГКУ|ФГБОУ|"
    r"ФГАОУ|АНО|ЧОУ|НОУ|М[БА]?У\s?ДО|М[БА]ОУ\s?ДО)",
    re.IGNORECASE,
)
ORG_MARKER = re.compile(
    r"(учреждени|школ|гимнази|лице[йя]|колледж|детск\w+ сад|центр|управлени|министерств|"
    r"администраци|департамент|комитет|ДПО|МБОУ|МАОУ|ГБОУ|МКУ|МОУ)",
    re.IGNORECASE,
)
UNIT_START = re.compile(
    r"^(лаборатори|служб[аы]|сектор|кафедр|методическ\w+\s+объединени|отдел(?!\s+образования)|"
    r"структурн)",
    re.IGNORECASE,
)
DETAILS = re.compile(
    r"(^\d{6}\b|\bул\.|улица|проспект|пр-т|\bд\.\s?\d|тел\.|телефон|факс|e-?mail|эл\.\s?почт|"
    r"\bИНН\b|\bКПП\b|\bОГРН|\bОКПО|\bОКОГУ|https?://|www\.|@)",
    re.IGNORECASE,
)
ADDRESSEE = re.compile(
    r"^(директор[ауам]+|руководител[юям]+|начальник[уам]+|заведующ[иеймуя]+|глав[еы]|"
    r"министр[ау]|председател[юям]+|заместител[юям]+|родител[ямю]+|педагогическ\w+\s+работник)",
    re.IGNORECASE,
)
IN_REPLY = re.compile(r"^на\s+№", re.IGNORECASE)
REVISION_HEADER = re.compile(r"^\(в ред\. приказ(?:а|ов) от .*\)$")


def read_heading(blocks, result) -> tuple[int, set[int]]:
    """Fill the heading's requisites into `result`; return where the text starts and the
    indexes of the lines taken as requisites before it."""
    taken: set[int] = set()
    org_lines: list[tuple[int, str, str | None]] = []
    heading_at = None
    title: list[str] = []
    i = 0
    zone = min(len(blocks), HEAD_ZONE)
    while i < zone:
        block, text = blocks[i], blocks[i].text
        if block.table is not None:
            break  # a table of the text
        if not text:
            if title and len(title) > 1 and block.group is None:
                i += 1
                break
            if org_lines and org_lines[-1][2] in ("addressee", "details"):
                org_lines.append((i, "", "break", block.group))  # a blank ends the block
            i += 1
            continue
        opened = stamp_start(text)
        if opened and not title[1:]:
            lines = stamp_extent(blocks, i)
            result.stamps.append(parse_stamp(*opened, [blocks[j].text for j in lines]))
            taken.update(lines)
            i = max(lines) + 1
            continue
        reply = IN_REPLY.match(text)
        if reply:  # «на № … от …»: the letter this one answers, not its own number
            registration = registration_parts(text[reply.end() - 1 :])
            if registration is not None or "_" in text:  # «На № ____ от ____»: left blank
                if registration is not None:
                    result.in_reply_to = _reply(registration)
                org_lines.append((i, "", "break", block.group))
                taken.add(i)
                i += 1
                continue
        registration = registration_parts(text)
        if registration is not None and (registration.date or registration.number):
            _take_registration(result, registration)
            org_lines.append((i, "", "break", block.group))
            taken.add(i)
            i += 1
            continue
        if registration is not None:  # a place, or the blank of an unregistered draft
            result.place = result.place or registration.place
            taken.add(i)
            i += 1
            continue
        if REVISION_HEADER.match(text):
            result.revision_header = text
            taken.add(i)
            i += 1
            continue
        if heading_at is None and not title:
            found = kind_heading(text)
            if found:
                heading_at = i
                result.kind, result.kind_heading = found
                title.append(text)
                taken.add(i)
                i += 1
                continue
            if is_structural(text) or SALUTATION.match(text) or _sentence(text):
                break
            role = _head_role(text, block.group, org_lines)
            if role:
                org_lines.append((i, text, role, block.group))
                taken.add(i)
                i += 1
                continue
            if len(text) <= 300 and not PREAMBLE_START.match(text):
                title.append(text)  # a title with no kind heading above it («О …»)
                taken.add(i)
                i += 1
                continue
            break
        if len(title) >= MAX_TITLE_LINES or not _title_part(text, title):
            break
        title.append(text)
        taken.add(i)
        i += 1
    result.title = re.sub(r"\s+", " ", " ".join(title)).strip(" .")
    _organization(result, org_lines)
    if result.kind == "other" and any(SALUTATION.match(b.text) for b in blocks[i : i + 12]):
        result.kind = "letter"
    return i, taken


def _sentence(text) -> bool:
    return len(text) > 300 or (text.endswith(".") and len(text) > 150)


def _take_registration(result, registration):
    if registration.date and result.date is None:
        result.date = registration.date
    if registration.number and result.number is None:
        result.number = registration.number
    if registration.place and not result.place:
        result.place = registration.place


def _reply(registration) -> dict:
    return {
        "number": registration.number,
        "date": registration.date.isoformat() if registration.date else None,
    }


def _head_role(text, group, org_lines) -> str | None:
    """What a line above the kind heading is: a name of the organisation or of a body above
    it, a continuation of the name before, the unit, an address line, the addressee."""
    previous, same_place = None, False
    if org_lines:
        previous, same_place = org_lines[-1][2], org_lines[-1][3] == group
    if DETAILS.search(text) or (
        previous == "details" and same_place and not ORG_START.match(text)
    ):
        return "details"
    if previous == "addressee" and same_place:
        return "addressee"  # «Начальнику управления … / администрации города … / Т.Н. …»
    if ADDRESSEE.match(text) and (group is None or _right_cell(group)):
        return "addressee"  # a dative «Директору …», «Руководителям …»: never a name
    if previous in ("name", "continuation", "unit") and UNIT_START.match(text):
        return "unit"
    if ORG_START.match(text):
        return "name"
    letters = [ch for ch in text if ch.isalpha()]
    capitals = bool(letters) and all(ch.isupper() for ch in letters)
    if previous in ("name", "continuation") and (
        capitals or text[:1].islower() or text[:1] in "«\"("
    ):
        return "continuation"
    if previous == "unit" and (capitals or text[:1].islower()):
        return "unit"
    if group is not None and not _right_cell(group) and len(text) <= 200:
        return "name"  # the left cell of the requisites table holds the organisation
    if capitals and ORG_MARKER.search(text):
        return "name"
    return None


def _right_cell(group) -> bool:
    return bool(group) and not group.endswith("c0")


def _organization(result, org_lines):
    names, unit, details, addressee = [], [], [], []
    for _i, text, role, _group in org_lines:
        if role == "name":
            names.append(text)
        elif role == "continuation" and names:
            names[-1] = f"{names[-1]} {text}"
        elif role == "unit":
            unit.append(text)
        elif role == "details":
            details.append(text)
        elif role == "addressee":
            addressee.append(text)
    result.addressee = addressee
    if not (names or details):
        return
    result.organization = {
        "name": names[-1] if names else None,
        "parent": " / ".join(names[:-1]) or None,
        "unit": " ".join(unit) or None,
        "details": details,
    }


def _title_part(text: str, title: list[str]) -> bool:
    """A line that continues the title: in capitals, «о …» right under the heading, a line
    starting in lower case («муниципального бюджетного …», «на 2025/2026 учебный год»), or a
    short one without a full stop."""
    if len(text) > 500 or is_structural(text) or OPERATIVE.match(text):
        return False
    if PREAMBLE_START.match(text) or SALUTATION.match(text) or text.endswith(":"):
        return False
    if stamp_start(text) or kind_heading(text) and len(title) > 1:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if ABOUT.match(text) and len(title) == 1:
        return True  # «Об участии … в реализации проекта …», however long
    if len(text) > 300:
        return False
    if letters and all(ch.isupper() for ch in letters):
        return True
    if text[:1].islower() or text[:1] in "«\"":
        return not text.endswith(";")
    first_word = text.split()[0].strip('«"')
    return (
        len(text) <= 80
        and not text.endswith((".", ";", "!"))
        and len(first_word) >= 2
        and first_word.isupper()
    )
