from dataclasses import dataclass, field


@dataclass
class Block:
    """One line of a document in reading order.

    `group` ties the lines of one table cell together (None in the body), so a stamp placed in a
    cell ends where the cell ends. Empty text marks a paragraph break in plain text files.
    """

    text: str
    group: str | None = None


@dataclass
class PlanRow:
    number: str
    activity: str
    due: str
    responsible: str
    result_form: str


@dataclass
class Extraction:
    blocks: list[Block]
    plan_rows: list[PlanRow] = field(default_factory=list)
    extra_text: list[str] = field(default_factory=list)  # headers, footers, other table text
    fmt: str = "txt"

    @property
    def text(self) -> str:
        lines = [b.text for b in self.blocks]
        lines += [
            "\t".join(x for x in (r.number, r.activity, r.due, r.responsible, r.result_form) if x)
            for r in self.plan_rows
        ]
        lines += self.extra_text
        text = "\n".join(lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip()
