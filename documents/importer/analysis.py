"""Recognising a document's requisites and structure from its lines.

Works on blocks from either reader: kind from the heading, title, registration number and date,
approval stamp, sections and clauses, plan items.
"""

import datetime
import re
from dataclasses import dataclass, field

from documents.models import DocumentKind

from .blocks import Block, Extraction
from .lines import (
    ABOUT,
    CLAUSE,
    DATE_ONLY,
    KIND_HEADINGS,
    LIST_MARKER,
    NAME,
    ORDER_REF,
    ORDER_START,
    OTHER_STAMP,
    STAMP,
    Line,
    classify,
    find_date,
    find_number,
    is_structural,
)

# --- analysis -----------------------------------------------------------------------------------


@dataclass
class Result:
    kind: str = DocumentKind.OTHER
    title: str = ""
    number: str | None = None
    date: datetime.date | None = None
    approval: dict | None = None
    preamble: str = ""
    sections: list[dict] = field(default_factory=list)
    plan_items: list[dict] = field(default_factory=list)
    # {"rows": [[cell, ...]], "header": True, "at": {"section": index or None, "clause": number
    # or None}}: where the table stands (documents.selectors.version_tables).
    tables: list[dict] = field(default_factory=list)
    revision_header: str = ""  # «(в ред. приказов от … № …)» of a consolidated revision

    def as_dict(self) -> dict:
        approval = None
        if self.approval:
            approval = {
                **self.approval,
                "order_date": _iso(self.approval.get("order_date")),
                "date": _iso(self.approval.get("date")),
            }
        return {
            "kind": str(self.kind),
            "title": self.title,
            "number": self.number,
            "date": _iso(self.date),
            "approval": approval,
            "preamble": self.preamble,
            "sections": self.sections,
            "plan_items": self.plan_items,
            "tables": self.tables,
            "revision_header": self.revision_header,
        }


def _iso(value):
    return value.isoformat() if value else None


HEAD_ZONE = 60  # requisites sit in the first lines; body text is not searched for them


def analyse(extraction: Extraction) -> Result:
    blocks = extraction.blocks
    result = Result()
    stamp_lines = _find_stamps(blocks, result)

    heading = None
    for i, block in enumerate(blocks[:HEAD_ZONE]):
        if i in stamp_lines or not block.text:
            continue
        if is_structural(block.text):
            break
        for pattern, kind in KIND_HEADINGS:
            if pattern.match(block.text):
                heading, result.kind = i, kind
                break
        if heading is not None:
            break

    body_start = _read_title(blocks, heading, stamp_lines, result)
    _read_registration(blocks, heading, stamp_lines, result)
    _read_body(
        blocks[body_start:], {i - body_start for i in stamp_lines}, result, extraction.tables
    )
    result.plan_items = [
        {
            "number": r.number,
            "activity": r.activity,
            "due": r.due,
            "responsible": r.responsible,
            "result_form": r.result_form,
        }
        for r in extraction.plan_rows
    ]
    return result


def _stamp_extent(blocks, start) -> list[int]:
    """Indexes of the lines of the stamp that starts at `start`."""
    group = blocks[start].group
    lines = [start]
    non_empty = 0
    for j in range(start + 1, min(len(blocks), start + 16)):
        block = blocks[j]
        if block.group != group:
            break
        text = block.text
        if not text:
            if group is None and non_empty and _is_blank_run_end(blocks, j):
                break
            continue
        if any(p.match(text) for p, _k in KIND_HEADINGS) and not ORDER_REF.match(text[:10]):
            break
        if is_structural(text) or STAMP.match(text) or OTHER_STAMP.match(text):
            break
        lines.append(j)
        non_empty += 1
        if ORDER_REF.search(text) and find_date(text):
            break  # the approving order closes the stamp
    return lines


def _is_blank_run_end(blocks, j) -> bool:
    # Two blank lines in a row end a stamp in plain text.
    return j + 1 < len(blocks) and not blocks[j + 1].text and blocks[j + 1].group is None


def _find_stamps(blocks, result) -> set[int]:
    taken = set()
    for i, block in enumerate(blocks[:HEAD_ZONE]):
        if i in taken or not block.text:
            continue
        match = STAMP.match(block.text) or OTHER_STAMP.match(block.text)
        if not match:
            continue
        lines = _stamp_extent(blocks, i)
        taken.update(lines)
        if STAMP.match(block.text) and result.approval is None:
            result.approval = _parse_stamp(match.group(1).upper(), [blocks[j].text for j in lines])
    return taken


def _parse_stamp(word: str, lines: list[str]) -> dict:
    first_rest = lines[0][len(word) :].strip(" :.")
    texts = ([first_rest] if first_rest else []) + [t for t in lines[1:] if t]
    joined = " ".join(texts)
    order_at = ORDER_START.search(joined)
    order_text = joined[order_at.start() :] if order_at else ""
    before_order = joined[: order_at.start()] if order_at else joined

    name, position_lines = None, []
    for text in texts:
        if order_at and ORDER_START.search(text):
            break
        match = NAME.search(text)
        if match and name is None:
            name = re.sub(r"\.\s+(?=[А-ЯЁ])", ".", match.group(1))
            name = re.sub(r"^([А-ЯЁ]\.[А-ЯЁ]\.)(?=[А-ЯЁ])", r"\1 ", name)
            break
        if text.strip("_ ") and not find_date(text) and not ABOUT.match(text):
            position_lines.append(text.strip("_ "))
    stamp_date = find_date(before_order)
    order_date = find_date(order_text) if order_text else None
    return {
        "stamp": word,
        "position": " ".join(position_lines) or None,
        "name": name,
        "order_number": find_number(order_text) if order_text else None,
        "order_date": order_date[0] if order_date else None,
        "date": stamp_date[0] if stamp_date else None,
    }


OPERATIVE = re.compile(r"^(приказываю|постановляю|решили|решение|предлагаю)\b", re.I)


def _title_part(text: str) -> bool:
    """A line that continues the title: all capitals, «о …», or an organisation name."""
    if len(text) > 500 or is_structural(text) or text.endswith(":") or OPERATIVE.match(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return True
    if ABOUT.match(text):
        return True
    first_word = text.split()[0].strip('«"')
    return (
        len(text) <= 80
        and not text.endswith((".", ";"))
        and len(first_word) >= 2
        and first_word.isupper()
    )


# «___» __________ 20__ г. № ____: the registration line of a draft, before it has a number.
BLANK_REGISTRATION = re.compile(r"^«\s*_+\s*»\s*_+\s*(20_+|\d{4})?\s*(г\.?)?\s*№\s*_+$")


def _is_registration_line(text: str) -> bool:
    if BLANK_REGISTRATION.match(text):
        return True
    return bool(find_date(text)) and ("№" in text or bool(DATE_ONLY.match(text)))


def _read_title(blocks, heading, stamp_lines, result) -> int:
    """Fill the title; return where the body starts."""
    if heading is None:
        for i, block in enumerate(blocks[:HEAD_ZONE]):
            if i in stamp_lines or not block.text:
                continue
            if is_structural(block.text):
                return i
            if not _is_registration_line(block.text):
                result.title = block.text
                return i + 1
        return 0
    parts = [blocks[heading].text]
    j = heading + 1
    while j < len(blocks) and len(parts) < 8:
        text = blocks[j].text
        if REVISION_HEADER.match(text):
            result.revision_header = text
            j += 1
            continue
        if j in stamp_lines:
            j += 1
            continue
        if not text:
            if len(parts) > 1 and blocks[j].group is None:
                break
            j += 1
            continue
        if _is_registration_line(text) or re.fullmatch(r"г\.\s*\S.*", text):
            j += 1  # the date, number and place of an order sit between kind and title
            continue
        if not _title_part(text):
            break
        parts.append(text)
        j += 1
    result.title = re.sub(r"\s+", " ", " ".join(parts)).strip(" .")
    return j


def _read_registration(blocks, heading, stamp_lines, result):
    end = (heading or 0) + 8
    for i, block in enumerate(blocks[:end]):
        if i in stamp_lines or not block.text or "№" not in block.text:
            continue
        if REVISION_HEADER.match(block.text):
            continue  # the orders that amended it, not its own number
        date = find_date(block.text)
        if date and not ORDER_REF.match(block.text.replace("№", "", 1).strip()[:1] or "x"):
            result.date = date[0]
            result.number = find_number(block.text)
            return
    for i, block in enumerate(blocks):
        if i not in stamp_lines and block.text and DATE_ONLY.match(block.text):
            found = find_date(block.text)
            if found:
                result.date = found[0]
                return


def _next_section(line: Line, sections: list[dict]) -> bool:
    """«4.Управление …» after section 3 is section 4 even when no clause 4.x follows."""
    return (
        "." not in line.number
        and bool(sections)
        and sections[-1]["_value"] == int(line.number) - 1
        and len(line.text) <= 150
        and not line.text.endswith((";", ","))
    )


# The notes of a consolidated revision (documents.amendments): under a changed clause and under
# the title.
CLAUSE_NOTE = re.compile(r"^\(п\. (\d+(?:\.\d+)*) (в ред\.|введён|утратил силу) .*\)$")
REVISION_HEADER = re.compile(r"^\(в ред\. приказ(?:а|ов) от .*\)$")


def _read_body(blocks: list[Block], stamp_lines: set[int], result: Result, tables=()):
    clause_majors = set()
    for block in blocks:
        match = CLAUSE.match(LIST_MARKER.sub("", block.text))
        if match:
            clause_majors.add(int(match.group(1).split(".")[0]))

    sections: list[dict] = []
    preamble: list[str] = []
    current_section = None
    current_clause = None

    def section(number, title, value):
        entry = {"number": number, "title": title, "text": "", "clauses": [], "_value": value}
        sections.append(entry)
        return entry

    for i, block in enumerate(blocks):
        if block.table is not None:
            # The table follows the clause, the section's text or the preamble it stands after.
            at = {"section": None, "clause": None}
            if current_section is not None:
                at["section"] = next(
                    j for j in range(len(sections) - 1, -1, -1) if sections[j] is current_section
                )
                if current_clause is not None:
                    at["clause"] = current_clause["number"]
            result.tables.append({"rows": tables[block.table], "header": True, "at": at})
            continue
        if i in stamp_lines or not block.text:
            continue
        note = CLAUSE_NOTE.match(block.text)
        if note and current_clause is not None and note.group(1) == current_clause["number"]:
            current_clause["note"] = block.text
            current_clause["repealed"] = note.group(2).startswith("утратил")
            continue
        if REVISION_HEADER.match(block.text) and not sections and not result.revision_header:
            result.revision_header = block.text
            continue
        line = classify(block.text, clause_majors)
        if line.kind == "section":
            current_section = section(line.number, line.text, line.value)
            current_clause = None
        elif line.kind == "clause" and _next_section(line, sections):
            current_section = section(line.number, line.text, int(line.number))
            current_clause = None
        elif line.kind == "clause":
            major = int(line.number.split(".")[0])
            if "." in line.number and (
                current_section is None or current_section["_value"] != major
            ):
                existing = [s for s in sections if s["_value"] == major]
                current_section = existing[-1] if existing else section(str(major), "", major)
            if current_section is None:
                current_section = section(None, "", None)
            current_clause = {
                "number": line.number,
                "text": line.text,
                "note": "",
                "repealed": False,
            }
            current_section["clauses"].append(current_clause)
        elif current_clause is not None:
            current_clause["text"] = f"{current_clause['text']}\n{line.text}".strip()
        elif current_section is not None:
            current_section["text"] = f"{current_section['text']}\n{line.text}".strip()
        else:
            preamble.append(line.text)

    for entry in sections:
        del entry["_value"]
    result.sections = sections
    result.preamble = "\n".join(preamble)
