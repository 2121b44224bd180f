"""The closing block of a document, read as its requisites (docs/importer.md): the appendix
note, signatures (position and name, on one line or two), the date by the signature, visas,
the acknowledgement list, the executor note (name and phone). Read from the end up; the text
ends where none fits."""

import re

from .dates import DATE_ONLY, FULL_NAME, SHORT_NAME, find_date, name_in, phone_in
from .lines import is_structural

POSITION_WORD = re.compile(
    r"^(директор|заведующ|начальник|заместител|зам\.|председател|руководител|секретар|глава|"
    r"методист|старш|ведущ|главн|исполняющ|и\.\s?о\.|врио|ректор|проректор|декан|президент|"
    r"член|эксперт|специалист|консультант|инспектор|учитель|педагог|социальн|классн|советник|"
    r"министр|составил|разработчик|автор|воспитател|психолог|логопед|библиотекар|"
    r"уполномоченн|ответственн\w*\s+(?:за|по)\b)",
    re.IGNORECASE,
)
SIGNATURE = re.compile(
    rf"^(?P<position>.+?)[\s_/]*(?:\(подпись\))?[\s_/]+(?P<name>{SHORT_NAME})[\s/]*$"
)
NAME_LINE = re.compile(rf"^[\s_/]*(?:\(подпись\))?[\s_/]*(?P<name>{SHORT_NAME})[\s/]*$")
EXECUTOR_PREFIX = re.compile(r"^(?:исп\.|исполнитель|исп:)\s*:?\s*", re.IGNORECASE)
EXECUTOR_LINE = re.compile(
    rf"^(?P<name>{SHORT_NAME}|{FULL_NAME})\s*,?\s*(?:(?:тел\.?|телефон)\s*:?\s*)?(?P<rest>.*)$"
)
PHONE_LINE = re.compile(r"^(?:(?:тел\.?|телефон)\s*:?\s*)?[+\d(][\d\s()\-–+]{4,}\d$", re.I)
ACKNOWLEDGED = re.compile(
    r"^(?:с\s+(?:настоящим\s+)?\w+\s+)?ознакомлен[аы]?(?:\s*\(а\))?\s*:?$", re.IGNORECASE
)
VISAS = re.compile(r"^(?:согласовано|визы)\s*:$", re.IGNORECASE)
APPENDIX_NOTE = re.compile(r"^приложени[ея]\s*:", re.IGNORECASE)
SEAL = re.compile(r"^м\.\s?п\.?$", re.IGNORECASE)
MAX_POSITION_LINES = 3


STRICT_GAP = re.compile(r"_{3,}|\t| {3,}")


def signature_of(text: str, *, strict=False) -> dict | None:
    """A signature on one line: «Директор ____ О.А. Иванова», «Директор\t\tО.А. Иванова»;
    `strict` (inside the text) wants the gap a signature leaves: a line, a tab or spaces."""
    match = SIGNATURE.match(text)
    if not match or len(text) > 220:
        return None
    if strict and not STRICT_GAP.search(text[match.end("position") : match.start("name") + 1]):
        return None
    position = match.group("position").strip(" _/\t")
    if position.endswith(("–", "-", "—")):
        return None
    if not POSITION_WORD.match(position) or position.endswith((".", ":", ";", ",")):
        if not position.endswith("."):  # «Зам. директора …» ends a word, not a sentence
            return None
        if not re.search(r"\b[А-ЯЁA-Z]{2,}\.$|\bи\.\s?о\.$", position):
            return None
    return {"position": position, "name": _name(match.group("name")), "text": text}


def executor_of(lines: list[str]) -> tuple[dict, int] | None:
    """The executor note at the end of `lines`: (the note, how many lines it takes)."""
    if not lines:
        return None
    last = lines[-1]
    if len(lines) > 1 and PHONE_LINE.match(last) and phone_in(last):
        name_line = EXECUTOR_PREFIX.sub("", lines[-2])
        found = EXECUTOR_LINE.match(name_line)
        if found and not found.group("rest"):
            name = found.group("name")
            return _executor(name, phone_in(last), f"{lines[-2]}\n{last}"), 2
    prefixed = EXECUTOR_PREFIX.match(last)
    rest = EXECUTOR_PREFIX.sub("", last)
    found = EXECUTOR_LINE.match(rest)
    if found is None:
        return None
    phone = phone_in(found.group("rest") or "")
    tail = found.group("rest").strip()
    if tail and not phone:
        return None
    if not (prefixed or phone or re.fullmatch(FULL_NAME, found.group("name"))):
        return None  # a bare «О.А. Иванова» is a signature's name, not an executor note
    return _executor(found.group("name"), phone, last), 1


def _executor(name, phone, text) -> dict:
    return {"name": _name(name), "phone": phone, "text": text}


def _name(name: str) -> str:
    found = name_in(name)
    return found[0] if found else name.strip()


def read_closing(blocks, start, result) -> int:
    """Fill the closing block's requisites into `result`; return where it starts (the end of
    the text) among `blocks`, at or after `start`."""
    lines = _lines(blocks, start)
    texts = [text for _at, text in lines]
    k = len(lines)
    executor = executor_of(texts[:k])
    if executor:
        result.executor, used = executor
        k -= used
    k = _acknowledgements(texts, k, result)
    signatures, visas = [], []
    k = _signatures(texts, k, signatures, result)
    heading = next((j for j in range(k - 1, max(k - 2, -1), -1) if VISAS.match(texts[j])), None)
    if heading is not None and signatures:
        visas, signatures = signatures, []
        k = heading
        k = _signatures(texts, k, signatures, result)
    k = _appendix_note(texts, k, result)
    result.signatures = list(reversed(signatures))
    result.visas = list(reversed(visas))
    return lines[k][0] if k < len(lines) else len(blocks)


def _lines(blocks, start) -> list[tuple[int, str]]:
    """The non-empty lines from `start` on; the cells of one row of a layout table (position |
    signature | name) make one line."""
    out: list[tuple[int, str]] = []
    row = None
    for i in range(start, len(blocks)):
        block = blocks[i]
        if block.table is not None:
            out.append((i, "\x00table"))
            row = None
            continue
        if not block.text:
            continue
        key = block.group.rsplit("c", 1)[0] if block.group else None
        if key is not None and key == row:
            out[-1] = (out[-1][0], f"{out[-1][1]}\t{block.text}")
            continue
        row = key
        out.append((i, block.text))
    return out


def _acknowledgements(texts, k, result) -> int:
    for j in range(k - 1, max(k - 60, -1), -1):
        if ACKNOWLEDGED.match(texts[j]):
            people = [t for t in texts[j + 1 : k] if t != "\x00table"]
            result.acknowledgements = {"heading": texts[j], "people": people}
            return j
        if is_structural(texts[j]) or len(texts[j]) > 200:
            break
    return k


def _signatures(texts, k, signatures, result) -> int:
    while k > 0:
        text = texts[k - 1]
        if SEAL.match(text):
            k -= 1
            continue
        if DATE_ONLY.match(text):
            found = find_date(text)
            result.closing_date = found[0] if found else None
            k -= 1
            continue
        one_line = signature_of(text)
        if one_line:
            signatures.append(one_line)
            k -= 1
            continue
        name_line = NAME_LINE.match(text)
        if name_line:
            above = _position_above(texts, k - 1)
            if above:
                position = " ".join(texts[k - 1 - above : k - 1])
                lines = texts[k - 1 - above : k]
                signatures.append(
                    {
                        "position": position,
                        "name": _name(name_line.group("name")),
                        "text": "\n".join(lines),
                    }
                )
                k -= above + 1
                continue
        break
    return k


def _position_above(texts, at) -> int:
    """How many lines above `at` make a signature's position (0: none): up to three short
    lines without a full stop, the first of them naming a position."""
    for count in range(1, MAX_POSITION_LINES + 1):
        first = at - count
        if first < 0:
            return 0
        text = texts[first]
        if (
            text == "\x00table"
            or len(text) > 150
            or text.endswith((".", ";", ":", "!", "?", ","))
            or is_structural(text)
        ):
            return 0
        if POSITION_WORD.match(text):
            return count
    return 0


def _appendix_note(texts, k, result) -> int:
    """«Приложение: … на 3 л. в 1 экз.» (or «Приложения:» and its numbered lines) above the
    signature."""
    for j in range(k - 1, max(k - 12, -1), -1):
        if texts[j] == "\x00table" or len(texts[j]) > 250:
            break
        if APPENDIX_NOTE.match(texts[j]):
            result.appendix_notes = texts[j:k]
            return j
    return k
