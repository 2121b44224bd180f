from dataclasses import dataclass, field


@dataclass
class Block:
    """One line of a document in reading order.

    `group` ties the lines of one table cell together (None in the body), so a stamp placed in a
    cell ends where the cell ends. Empty text marks a paragraph break in plain text files.
    `table` (with empty text) marks where a table of the text stands: the index of its rows in
    Extraction.tables.
    """

    text: str
    group: str | None = None
    table: int | None = None


@dataclass
class PlanRow:
    number: str
    activity: str
    due: str
    responsible: str
    result_form: str
    section: str = ""  # the section row of the plan table it stands under, as written


@dataclass
class Extraction:
    blocks: list[Block]
    plan_rows: list[PlanRow] = field(default_factory=list)
    plan_sections: list[str] = field(default_factory=list)  # section rows of plan tables
    extra_text: list[str] = field(default_factory=list)  # headers, footers, other table text
    # Tables of the text (not layout tables of requisites, not plan tables): rows of cells.
    tables: list[list[list[str]]] = field(default_factory=list)
    fmt: str = "txt"

    @property
    def text(self) -> str:
        lines = []
        for block in self.blocks:
            if block.table is None:
                lines.append(block.text)
            else:  # a table's text, a row a line, so search finds it
                lines += ["\t".join(c for c in row if c) for row in self.tables[block.table]]
        section = ""
        for r in self.plan_rows:
            if r.section and r.section != section:
                section = r.section
                lines.append(section)
            fields = (r.number, r.activity, r.due, r.responsible, r.result_form)
            lines.append("\t".join(x for x in fields if x))
        lines += self.extra_text
        text = "\n".join(lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip()
