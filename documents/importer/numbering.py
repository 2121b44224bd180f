"""Word list numbering computed the way Word displays it («1.», «2.3.», «а)», «IV.»)."""

import re

from docx.oxml.ns import qn

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
