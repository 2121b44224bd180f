"""Recognising a document's requisites and structure from its lines (docs/importer.md).

Works on blocks from either reader: the heading block (heading.py: organisation, stamps, kind,
registration, place, title), the closing block (closing.py: appendix note, signatures, visas,
acknowledgements, executor), and between them the text — preamble, operative word, sections,
clauses, tables — and the plan table's rows.
"""

import datetime
import re
from dataclasses import dataclass, field

from documents.models import DocumentKind

from .blocks import Block, Extraction
from .closing import executor_of, read_closing, signature_of
from .heading import REVISION_HEADER, read_heading
from .lines import CLAUSE, LIST_MARKER, OPERATIVE, Line, classify


@dataclass
class Result:
    kind: str = DocumentKind.OTHER
    kind_heading: str = ""
    title: str = ""
    number: str | None = None
    date: datetime.date | None = None
    place: str | None = None
    organization: dict | None = None
    addressee: list[str] = field(default_factory=list)
    in_reply_to: dict | None = None
    stamps: list[dict] = field(default_factory=list)
    preamble: str = ""
    operative: str = ""
    sections: list[dict] = field(default_factory=list)
    plan_items: list[dict] = field(default_factory=list)
    plan_sections: list[str] = field(default_factory=list)
    # {"rows": [[cell, ...]], "header": True, "at": {"section": index or None, "clause": number
    # or None}}: where the table stands (documents.selectors.version_tables).
    tables: list[dict] = field(default_factory=list)
    revision_header: str = ""  # «(в ред. приказов от … № …)» of a consolidated revision
    appendix_notes: list[str] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    visas: list[dict] = field(default_factory=list)
    executor: dict | None = None
    acknowledgements: dict | None = None
    closing_date: datetime.date | None = None

    @property
    def approval(self) -> dict | None:
        """The approving stamp in the shape the rest of the system reads (docs/importer.md)."""
        stamp = next((s for s in self.stamps if s["kind"] == "approval"), None) or next(
            (s for s in self.stamps if s["kind"] == "appendix"), None
        )
        if stamp is None:
            return None
        act = stamp["act"] or {}
        appendix = re.search(r"\d+", stamp["word"]) if stamp["kind"] == "appendix" else None
        return {
            "stamp": stamp["word"],
            "position": stamp["position"],
            "name": stamp["name"],
            "by": stamp["body"],
            "order_number": act.get("number"),
            "order_date": act.get("date"),
            "date": stamp["date"],
            "appendix": appendix.group(0) if appendix else None,
        }

    def as_dict(self) -> dict:
        return {
            "kind": str(self.kind),
            "kind_heading": self.kind_heading,
            "title": self.title,
            "number": self.number,
            "date": _iso(self.date),
            "place": self.place,
            "organization": self.organization,
            "addressee": self.addressee,
            "in_reply_to": self.in_reply_to,
            "approval": self.approval,
            "stamps": self.stamps,
            "preamble": self.preamble,
            "operative": self.operative,
            "sections": self.sections,
            "plan_items": self.plan_items,
            "plan_sections": self.plan_sections,
            "tables": self.tables,
            "revision_header": self.revision_header,
            "appendix_notes": self.appendix_notes,
            "signatures": self.signatures,
            "visas": self.visas,
            "executor": self.executor,
            "acknowledgements": self.acknowledgements,
        }


def _iso(value):
    return value.isoformat() if value else None


def analyse(extraction: Extraction) -> Result:
    blocks = extraction.blocks
    result = Result()
    body_start, taken = read_heading(blocks, result)
    body_end = max(read_closing(blocks, body_start, result), body_start)
    if result.date is None and result.number is None and result.closing_date:
        result.date = result.closing_date  # a conclusion or letter dated by its signature
    body = blocks[body_start:body_end]
    _read_body(body, {i - body_start for i in taken}, result, extraction.tables)
    result.plan_sections = list(extraction.plan_sections)
    result.plan_items = [
        {
            "number": r.number,
            "activity": r.activity,
            "due": r.due,
            "responsible": r.responsible,
            "result_form": r.result_form,
            "section": r.section,
        }
        for r in extraction.plan_rows
    ]
    return result


def _next_section(line: Line, sections: list[dict], kind) -> bool:
    """«4.Управление …» after section 3 is section 4 even when no clause 4.x follows."""
    return (
        kind != DocumentKind.ORDER
        and "." not in line.number
        and bool(sections)
        and sections[-1]["_value"] == int(line.number) - 1
        and len(line.text) <= 150
        and not line.text.endswith((";", ","))
    )


def _heading_section(line: Line, blocks, i, sections, kind) -> bool:
    """«1. Объект экспертизы» over unnumbered text: a section with no clauses, as a
    conclusion's; never an order's item."""
    if kind in (DocumentKind.ORDER, DocumentKind.MINUTES) or "." in line.number:
        return False
    if sections or line.number != "1" or len(line.text) > 120:
        return False
    if line.text.endswith((".", ";", ":", ",")) or not line.text[:1].isupper():
        return False
    following = next((b for b in blocks[i + 1 :] if b.text or b.table is not None), None)
    if following is None:
        return False
    return following.table is not None or classify(following.text, set()).kind == "text"


# An order's closing note on who carries it out, after its items (orders.documents).
EXECUTORS_NOTE = re.compile(r"^(ответственн\w+\s+за\s+исполнение|исполнители)\s*:", re.I)

# The notes of a consolidated revision (documents.amendments): under a changed clause and under
# the title.
CLAUSE_NOTE = re.compile(r"^\(п\. (\d+(?:\.\d+)*) (в ред\.|введён|утратил силу) .*\)$")


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
        if not sections and OPERATIVE.fullmatch(block.text) and not result.operative:
            result.operative = block.text
            continue
        signed = signature_of(block.text, strict=True)
        if signed:
            result.signatures.append(signed)  # a signature inside the text: an appendix's
            continue
        if result.executor is None and block.text.lower().startswith("исп"):
            found = executor_of([block.text])
            if found:
                result.executor = found[0]
                continue
        line = classify(block.text, clause_majors)
        if EXECUTORS_NOTE.match(block.text) and sections and result.kind == DocumentKind.ORDER:
            current_section = section(None, "", None)
            current_section["text"] = block.text
            current_clause = None
        elif line.kind == "section":
            current_section = section(line.number, line.text, line.value)
            current_clause = None
        elif line.kind == "clause" and (
            _next_section(line, sections, result.kind)
            or _heading_section(line, blocks, i, sections, result.kind)
        ):
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
