"""Reading .docx with python-docx: body paragraphs and tables in order, Word list numbering as
Word would display it, plan tables, headers and footers."""

import io
import re

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from .blocks import Block, Extraction, PlanRow
from .errors import ImportRejected
from .reader import clean_line


def read_docx(data: bytes) -> Extraction:
    try:
        document = docx.Document(io.BytesIO(data))
    except (etree.XMLSyntaxError, KeyError, ValueError) as error:
        raise ImportRejected(
            _("The .docx file is damaged and cannot be read (%(error)s).")
            % {"error": error.__class__.__name__}
        ) from None
    numbering = Numbering(document)
    result = Extraction(blocks=[], fmt="docx")
    table_counter = iter(range(10**6))
    _read_container(document.element.body, document, numbering, result, table_counter)

    seen = set()
    for section in document.sections:
        parts = (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        )
        for part in parts:
            if part.is_linked_to_previous:
                continue  # no part of its own: the text was read with an earlier section
            for paragraph in part.paragraphs:
                text = clean_line(paragraph_text(paragraph._p))
                if text and text not in seen:
                    seen.add(text)
                    result.extra_text.append(text)
    return result


def _read_container(element, parent, numbering, result, table_counter, group=None):
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, parent)
            label = numbering.label(paragraph)
            lines = paragraph_text(child).split("\n")
            if label:
                lines[0] = f"{label} {lines[0]}"
            result.blocks.extend(Block(clean_line(line), group) for line in lines)
        elif child.tag == qn("w:tbl"):
            _read_table(Table(child, parent), numbering, result, table_counter)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _read_container(content, parent, numbering, result, table_counter, group)


_T, _TAB, _BR, _CR, _HYPHEN = (
    qn("w:t"),
    qn("w:tab"),
    qn("w:br"),
    qn("w:cr"),
    qn("w:noBreakHyphen"),
)
_RUN = qn("w:r")
# Containers whose runs are part of the paragraph's visible text (inserted revisions included,
# deleted ones and text boxes not).
_RUN_CONTAINERS = {
    qn(t)
    for t in (
        "w:hyperlink",
        "w:ins",
        "w:smartTag",
        "w:fldSimple",
        "w:sdt",
        "w:sdtContent",
        "w:customXml",
    )
}


def paragraph_text(p) -> str:
    """The paragraph's text as Word shows it: tabs, line breaks, non-breaking hyphens.

    A walk over the runs, several times faster than python-docx's xpath-based Paragraph.text."""
    parts = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element, parts):
    for child in element:
        tag = child.tag
        if tag == _RUN:
            for item in child:
                kind = item.tag
                if kind == _T:
                    parts.append(item.text or "")
                elif kind == _TAB:
                    parts.append("\t")
                elif kind == _BR:
                    if item.get(qn("w:type")) in (None, "textWrapping"):
                        parts.append("\n")
                elif kind == _CR:
                    parts.append("\n")
                elif kind == _HYPHEN:
                    parts.append("-")
        elif tag in _RUN_CONTAINERS:
            _collect(child, parts)


PLAN_COLUMNS = {
    "number": ("№", "n/n", "п/п"),
    "activity": ("мероприят", "содержание", "наименование", "вид деятельности", "тема"),
    "due": ("срок", "дата", "период"),
    "responsible": ("ответствен", "исполнител"),
    "result_form": ("форма", "результат", "выход"),
}


def _plan_columns(header: list[str]) -> dict[str, int] | None:
    columns = {}
    for index, title in enumerate(header):
        lowered = title.lower()
        for key, words in PLAN_COLUMNS.items():
            if key not in columns and any(word in lowered for word in words):
                columns[key] = index
                break
    if "activity" in columns and ("due" in columns or "responsible" in columns):
        return columns
    return None


def _unique_cells(row):
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _read_table(table, numbering, result, table_counter):
    index = next(table_counter)
    rows = [_unique_cells(row) for row in table.rows]
    if rows:
        header = [clean_line(cell.text) for cell in rows[0]]
        columns = _plan_columns(header)
        if columns is not None:
            for row in rows[1:]:
                values = [clean_line(cell.text.replace("\n", " ")) for cell in row]

                def get(key, values=values):
                    position = columns.get(key)
                    return (
                        values[position] if position is not None and position < len(values) else ""
                    )

                activity = get("activity")
                if not activity or activity == header[columns["activity"]]:
                    continue
                result.plan_rows.append(
                    PlanRow(
                        get("number"), activity, get("due"), get("responsible"), get("result_form")
                    )
                )
            return
        cells = [[_cell_text(cell) for cell in row] for row in rows]
        if _is_text_table(cells):
            # A table of the text (criteria, figures): kept as a table, where it stands.
            result.blocks.append(Block("", table=len(result.tables)))
            result.tables.append(cells)
            return
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            group = f"t{index}r{r}c{c}"
            _read_container(cell._tc, cell, numbering, result, table_counter, group)


# A layout table holds requisites (organisation | stamp, date | number): its cells are read as
# lines, so the stamp and the registration are found in them.
_STAMP_WORDS = re.compile(r"^\s*(УТВЕРЖДА|УТВЕРЖДЕН|СОГЛАСОВАН|ПРИНЯТ|РАССМОТРЕН)", re.I | re.M)
_HEADINGS = re.compile(r"^\s*(ПРИКАЗ|ПОЛОЖЕНИЕ|ЗАКЛЮЧЕНИЕ|ПЛАН|ПРОТОКОЛ)\b", re.M)


def _is_text_table(cells) -> bool:
    filled = [row for row in cells if any(row)]
    if len(filled) < 2 or max(len(row) for row in filled) < 2:
        return False
    return not any(
        _STAMP_WORDS.search(cell) or _HEADINGS.search(cell) for row in filled for cell in row
    )


def _cell_text(cell) -> str:
    lines = [clean_line(paragraph_text(p)) for p in cell._tc.iterchildren(qn("w:p"))]
    return "\n".join(line for line in lines if line)


# --- Word list numbering ----------------------------------------------------------------------

RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def _roman(n: int) -> str:
    values = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in values:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    # Word repeats the letter for the second round: a..z, aa..zz.
    size = len(alphabet)
    return alphabet[(n - 1) % size] * ((n - 1) // size + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "russianLower":
        return _letters(n, RUSSIAN_LETTERS)
    if fmt == "russianUpper":
        return _letters(n, RUSSIAN_LETTERS.upper())
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Computes list labels («1.», «2.3.», «а)») the way Word displays them."""

    def __init__(self, document):
        self.levels = {}  # abstractNumId -> {ilvl: (start, fmt, text, is_legal)}
        self.nums = {}  # numId -> (abstractNumId, {ilvl: start override})
        self.counters = {}  # abstractNumId -> {ilvl: current value}
        self.started = set()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            root = None
        if root is not None:
            self._parse(root)
        try:
            self.style_elements = {
                s.get(qn("w:styleId")): s
                for s in document.styles.element.iterchildren(qn("w:style"))
            }
        except (KeyError, NotImplementedError):
            self.style_elements = {}

    @staticmethod
    def _val(element, tag, default=None):
        found = element.find(qn(tag)) if element is not None else None
        return found.get(qn("w:val")) if found is not None else default

    def _parse(self, root):
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                levels[ilvl] = (
                    int(self._val(lvl, "w:start", "1") or 1),
                    self._val(lvl, "w:numFmt", "decimal"),
                    self._val(lvl, "w:lvlText", f"%{ilvl + 1}."),
                    lvl.find(qn("w:isLgl")) is not None,
                )
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = self._val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.nums[num.get(qn("w:numId"))] = (self._val(num, "w:abstractNumId"), overrides)

    def _num_pr(self, paragraph):
        ppr = paragraph._p.pPr
        num_id = ilvl = None
        if ppr is not None and ppr.numPr is not None:
            num_id = self._val(ppr.numPr, "w:numId")
            ilvl = self._val(ppr.numPr, "w:ilvl")
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        depth = 0
        while (num_id is None or ilvl is None) and style_id and depth < 10:
            style = self.style_elements.get(style_id)
            if style is None:
                break
            spr = style.find(qn("w:pPr"))
            num_pr = spr.find(qn("w:numPr")) if spr is not None else None
            if num_pr is not None:
                num_id = num_id or self._val(num_pr, "w:numId")
                ilvl = ilvl or self._val(num_pr, "w:ilvl")
            style_id = self._val(style, "w:basedOn")
            depth += 1
        if num_id is None or num_id == "0":
            return None
        return num_id, int(ilvl or 0)

    def label(self, paragraph) -> str:
        found = self._num_pr(paragraph)
        if found is None or found[0] not in self.nums:
            return ""
        num_id, ilvl = found
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
        start, fmt, text, _legal = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        is_legal = levels[ilvl][3]

        def replace(match):
            level = int(match.group(1)) - 1
            level_start, level_fmt, _t, _l = levels.get(level, (1, "decimal", "", False))
            value = counters.get(level, level_start)
            return format_number(value, "decimal" if is_legal and level < ilvl else level_fmt)

        return re.sub(r"%(\d)", replace, text or "").strip()
