"""The archive's forms (Правила of Росархив, order № 77 of 31.07.2023), built with the public
ГОСТ builder: the yearly section of an inventory of cases, the act of destruction (both
generated versions that go through the approval engine) and the act of acceptance of cases
into the archive (a rendered copy of its record).

What the approvers agree is the content: the table and the final record. The ЭК's protocol
(«СОГЛАСОВАНО Протокол ЭК …»), the head's «УТВЕРЖДАЮ», the number and the date are
requisites added when the record has them."""

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from num2words import num2words

from common import gost
from common.russian import agree_with_number, inflect_phrase, ru_date
from documents.rendering import qr_payload
from documents.requisites import Generated

# Stored in every generated version's structure: never renamed.
INVENTORY_GENERATOR = "archive.inventory"
ACT_GENERATOR = "archive.destruction_act"
# Raised with every change of what a generator writes from the same form.
WORDING = 1

LIST_236 = (
    "Перечня типовых управленческих архивных документов, образующихся в процессе деятельности "
    "государственных органов, органов местного самоуправления и организаций, с указанием "
    "сроков их хранения, утверждённого приказом Росархива от 20.12.2019 № 236"
)
SECTIONS = {
    "permanent": "дел постоянного хранения",
    "personnel": "дел по личному составу",
}
INVENTORY_HEADER = (
    "№ п/п",
    "Индекс дела",
    "Заголовок дела",
    "Крайние даты",
    "Количество документов",
    "Примечание",
)
ACT_HEADER = (
    "№ п/п",
    "Заголовок дела (групповой заголовок документов)",
    "Годы",
    "Номера описей (номенклатур) за год (годы)",
    "Индекс дела (тома, части) по номенклатуре",
    "Количество ед. хр.",
    "Сроки хранения и номера статей по перечню",
    "Примечание",
)
TRANSFER_HEADER = (
    "№ п/п",
    "Индекс дела",
    "Заголовок дела",
    "Крайние даты",
    "Количество документов",
    "Опись",
)
# Preferred column widths (mm), the title widest, scaled to the width the table has. The
# inventory and the act of acceptance fit A4 portrait; the act of destruction's eight columns
# do not, so it is landscape.
INVENTORY_WIDTHS = (12, 20, 60, 30, 29, 29)
ACT_WIDTHS = (12, 52, 15, 37, 35, 29, 32, 29)
TRANSFER_WIDTHS = (12, 20, 61, 30, 29, 28)
# A table never runs beside the QR code at the bottom right of the first page: LibreOffice
# narrows the whole table to pass it, breaking the words of its header. A table that reaches
# it leaves the code its column (its size, its wrap distance and a gap).
QR_COLUMN_MM = gost.QR_SIZE_MM + 4
# Of the inventory's first page, the height its table has above the QR code (conservative:
# the page's 257 mm less the requisites, the heading and the code).
INVENTORY_FIRST_PAGE_MM = 150
_LINE_MM, _ROW_MM, _LETTER_MM = 4.8, 1.2, 2.2  # a line of Times New Roman 12, a cell's padding
# Where the headers' long words may break when their column is narrow (a long inventory).
SOFT_HYPHEN = "\u00ad"
HYPHENATED = (
    "Коли\u00adчество",
    "доку\u00adментов",
    "Приме\u00adчание",
    "Заго\u00adловок",
    "(номенкла\u00adтур)",
    "номенкла\u00adтуре",
    "хране\u00adния",
)
SIGNATURE_LINE = "____________"
SIGNATURE_WIDTHS = (80, 40, 60)  # position, signature, initials and surname (mm)


def in_words(count: int) -> str:
    """«12 (двенадцать)»: figures and words, as a final record writes a count."""
    return f"{count} ({num2words(count, lang='ru')})"


def dates(row) -> str:
    first, last = row.get("first_date"), row.get("last_date")
    if not first:
        return ""
    return ru_date(first) if first == last else f"{ru_date(first)} – {ru_date(last)}"


def inventory_rows(form) -> list[list[str]]:
    return [
        [
            str(row["number"]),
            row["index"],
            row["title"],
            dates(row),
            f"{row['documents']} ({row['volumes']} т.)"
            if row["volumes"] > 1
            else str(row["documents"]),
            row.get("note", ""),
        ]
        for row in form["cases"]
    ]


def inventory_final(form) -> list[str]:
    numbers = [row["number"] for row in form["cases"]]
    count = len(numbers)
    return [
        f"В данный раздел описи внесено {in_words(count)} "
        f"{agree_with_number('дело', count)} с № {min(numbers)} по № {max(numbers)}, в том числе:",
        "литерные номера: нет;",
        "пропущенные номера: нет.",
    ]


def _approval_block(out, document, requisites):
    """The head's «УТВЕРЖДАЮ» at the top right (once approved) beside the organisation."""
    stamp = requisites.get("approval")
    lines = (
        gost.stamp_lines(stamp, kind=document.kind, organization=document.organization.name)
        if stamp
        else None
    )
    gost.requisites_block(out, organization=document.organization.name, stamp=lines)


def _registration(out, requisites, organization):
    """The date and the number of the registration (lines to fill in before it), the place."""
    registration = requisites.get("registration")
    gost.registration_block(
        out,
        gost.registration_line(registration, tab=True) if registration else gost.BLANK_REGISTRATION,
        place=organization.place,
    )


def _number(requisites) -> str:
    """«№ 01-06/3» of a registered document; a line to fill in before."""
    registration = requisites.get("registration") or {}
    return f"№ {registration['number']}" if registration.get("number") else "№ ______"


def hyphenated(text) -> str:
    """A header with the soft hyphens (U+00AD) where its long words may break."""
    for word in HYPHENATED:
        text = text.replace(word.replace(SOFT_HYPHEN, ""), word)
    return text


def widths(rows, preferred, total) -> list[float]:
    """Column widths (mm) for a form's table `total` wide: the preferred ones scaled to it, a
    column narrower than its longest word (a header's word counts by its parts between soft
    hyphens) widened, what it takes given back by the columns wider than theirs."""
    header, *body = rows
    breakable = [[cell.replace(SOFT_HYPHEN, "- ") for cell in header], *body]
    least = gost.least_widths(breakable, total)
    if sum(least) >= total:
        return gost.column_widths(breakable, total=total)
    scaled = [w * total / sum(preferred) for w in preferred]
    widened = [max(w, need) for w, need in zip(scaled, least, strict=True)]
    spare = [w - need if w > need else 0 for w, need in zip(scaled, least, strict=True)]
    taken = sum(widened) - total
    return [w - free * taken / sum(spare) for w, free in zip(widened, spare, strict=True)]


def height(rows, columns) -> float:
    """An estimate (mm, on the generous side) of the table's height at these widths."""
    return sum(
        max(
            -(-len(text) * _LETTER_MM // max(width - 4, 1)) or 1
            for text, width in zip(row, columns, strict=False)
        )
        * _LINE_MM
        + _ROW_MM
        for row in rows
    )


def numbered(rows) -> list[list[str]]:
    """The form's table as it is printed: the header (its long words with soft hyphens), the
    row of column numbers, the rows."""
    header, *body = rows
    return [[hyphenated(h) for h in header], [str(n) for n in range(1, len(header) + 1)], *body]


def _table(out, rows, columns):
    """The form's table (`numbered`): the header and the row of column numbers bold, centred
    and repeated on every page; `columns`: the widths (mm)."""
    grid = gost.add_table(out, {"rows": rows, "header": True}, lay_out=False)
    for row in grid.rows[:2]:
        for cell in row.cells:
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = True
                _soft_hyphens(run)
    gost.format_grid(grid, widths=columns, header_rows=2)
    return grid


def _soft_hyphens(run):
    """The run's soft hyphens written as Word's optional hyphens (w:softHyphen)."""
    text = run._r.find(qn("w:t"))
    if text is None or SOFT_HYPHEN not in (text.text or ""):
        return
    parts = text.text.split(SOFT_HYPHEN)
    text.text = parts[0]
    at = text
    for part in parts[1:]:
        for element in (OxmlElement("w:softHyphen"), OxmlElement("w:t")):
            at.addnext(element)
            at = element
        at.set(qn("xml:space"), "preserve")
        at.text = part


def _columns(out, cells, widths):
    """Lines side by side without borders (a signature: position, line, name; two parties of
    a transfer): each cell a list of lines, the widths in mm."""
    table = out.add_table(rows=1, cols=len(cells))
    table.autofit = False
    for cell, lines, width in zip(table.rows[0].cells, cells, widths, strict=True):
        cell.width = Mm(width)
        gost.fill_cell(cell, lines)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    return table


def _signed(out, position, name):
    """A signature as the forms lay it out: the position at the left, the line for the
    signature, the initials and surname at the right."""
    gost.para(out, "", space_before=12)
    _columns(out, [[position], [SIGNATURE_LINE], [name]], SIGNATURE_WIDTHS)


def _compiler(out, document):
    author = document.author
    _signed(
        out,
        (author.position if author else "") or "Наименование должности",
        author.initials_name if author else "",
    )


def _agreed(out, requisites):
    """«СОГЛАСОВАНО Протокол ЭК от … № …» once the commission's protocol is on record."""
    commission = requisites.get("commission") or {}
    gost.para(out, "", space_before=12)
    gost.para(out, "СОГЛАСОВАНО")
    gost.para(out, "Протокол ЭК")
    if commission.get("number"):
        gost.para(out, f"от {ru_date(commission['date'])} № {commission['number']}")
    else:
        gost.para(out, "от ____________ № ______")


def _closing(out, document):
    if document.pk:
        gost.add_qr(out, qr_payload(document))
    return gost.saved(out)


def build_inventory(form, document, requisites) -> Generated:
    """«ОПИСЬ № … дел постоянного хранения за … год» (a yearly section of the inventory): the
    head's «УТВЕРЖДАЮ», the table, the final record, the compiler, the ЭК's agreement."""
    rows = [list(INVENTORY_HEADER), *inventory_rows(form)]
    final = inventory_final(form)
    content = {
        "preamble": "",
        "sections": [{"number": None, "title": "", "text": "\n".join(final), "clauses": []}],
        "tables": [{"rows": rows, "header": True}],
        "plan_items": [],
    }
    out = docx.Document()
    gost.page_setup(out)
    _approval_block(out, document, requisites)
    gost.heading(out, f"ОПИСЬ {_number(requisites)}")
    gost.centred(out, SECTIONS[form["section"]], bold=True)
    gost.centred(out, f"за {form['year']} год", bold=True, space_after=12)
    printed = numbered(rows)
    columns = widths(printed, INVENTORY_WIDTHS, gost.text_width_mm(out))
    if height(printed, columns) > INVENTORY_FIRST_PAGE_MM:
        columns = widths(printed, INVENTORY_WIDTHS, gost.text_width_mm(out) - QR_COLUMN_MM)
    _table(out, printed, columns)
    gost.para(out, "", space_before=6)
    for line in final:
        gost.para(out, line)
    _compiler(out, document)
    _agreed(out, requisites)
    return Generated(_closing(out, document), content)


def act_rows(form) -> list[list[str]]:
    return [
        [
            str(row["number"]),
            row["title"],
            str(row["year"]),
            row["nomenclature"],
            row["index"],
            str(row["volumes"]),
            row["retention"],
            row.get("note", ""),
        ]
        for row in form["cases"]
    ]


def act_years(form) -> str:
    years = sorted({row["year"] for row in form["cases"]})
    if len(years) == 1:
        return f"{years[0]} год"
    return f"{years[0]}–{years[-1]} годы"


def build_act(form, document, requisites) -> Generated:
    """«АКТ … о выделении к уничтожению документов, не подлежащих хранению», on a landscape
    page for its eight columns: the head's «УТВЕРЖДАЮ», the list it was made on, the table,
    «Итого … ед. хр. за … годы», the inventories of the same years, the ЭК's agreement."""
    rows = [list(ACT_HEADER), *act_rows(form)]
    organization = document.organization
    units = sum(row["volumes"] for row in form["cases"])
    preamble = (
        f"На основании {LIST_236} отобраны к уничтожению как не имеющие научно-исторической "
        "ценности и утратившие практическое значение документы "
        f"{inflect_phrase(organization.name, 'gent')}:"
    )
    final = f"Итого {in_words(units)} ед. хр. за {act_years(form)}."
    content = {
        "preamble": preamble,
        "sections": [{"number": None, "title": "", "text": final, "clauses": []}],
        "tables": [{"rows": rows, "header": True}],
        "plan_items": [],
    }
    out = docx.Document()
    gost.page_setup(out, landscape=True)
    _approval_block(out, document, requisites)
    gost.heading(out, "АКТ")
    _registration(out, requisites, organization)
    gost.centred(
        out,
        "о выделении к уничтожению документов, не подлежащих хранению",
        bold=True,
        space_before=6,
        space_after=6,
    )
    gost.text(out, preamble).paragraph_format.space_after = Pt(6)
    # On a landscape page the table always reaches the QR code's corner of the first page.
    printed = numbered(rows)
    _table(out, printed, widths(printed, ACT_WIDTHS, gost.text_width_mm(out) - QR_COLUMN_MM))
    gost.para(out, "", space_before=6)
    gost.text(out, final)
    inventories = requisites.get("inventories")
    gost.text(
        out,
        inventories
        or f"Описи дел постоянного хранения за {act_years(form)} утверждены ____________________.",
    )
    _compiler(out, document)
    _agreed(out, requisites)
    return Generated(_closing(out, document), content)


def transfer_docx(transfer, states) -> bytes:
    """«Акт приёма-передачи дел в архив»: a rendered copy of the record of the transfer."""
    organization = transfer.organization
    out = docx.Document()
    gost.page_setup(out)
    gost.requisites_block(out, organization=organization.name)
    gost.heading(out, "АКТ")
    gost.registration_block(
        out, f"{ru_date(transfer.date.isoformat())}\t№ {transfer.number}", place=organization.place
    )
    gost.centred(out, "приёма-передачи дел в архив", bold=True, space_before=6, space_after=6)
    inventories = sorted(
        {
            (s.inventory.year, s.inventory.document.number)
            for s in states
            if s.inventory and s.inventory.document.number
        }
    )
    listed = "; ".join(f"№ {number} (за {year} год)" for year, number in inventories)
    gost.para(
        out,
        f"Основание: {'описи' if len(inventories) > 1 else 'опись'} дел {listed}."
        if inventories
        else "Основание: опись дел.",
    )
    gost.para(out, f"Передал: {organization.name}.")
    gost.para(out, f"Принял: {transfer.archive_name}.", space_after=6)
    rows = [list(TRANSFER_HEADER)]
    for number, s in enumerate(states, start=1):
        first = s.first_date.isoformat() if s.first_date else None
        last = s.last_date.isoformat() if s.last_date else None
        rows.append(
            [
                str(number),
                s.case.index,
                s.case.title,
                dates({"first_date": first, "last_date": last}),
                str(s.documents),
                f"№ {s.inventory.document.number}" if s.inventory else "",
            ]
        )
    printed = numbered(rows)
    _table(out, printed, widths(printed, TRANSFER_WIDTHS, gost.text_width_mm(out)))
    gost.para(out, "", space_before=6)
    count = len(states)
    gost.text(out, f"Итого передано {in_words(count)} {agree_with_number('дело', count)}.")
    if transfer.reason:
        gost.text(out, f"Передача вне установленного срока: {transfer.reason}.")
    by = transfer.created_by
    gost.para(out, "", space_before=12)
    half = gost.text_width_mm(out) / 2
    _columns(
        out,
        [
            [
                "Передал",
                (by.position if by else "") or "Наименование должности",
                f"{SIGNATURE_LINE} {by.initials_name if by else ''}".rstrip(),
            ],
            ["Принял", transfer.received_by or transfer.archive_name, SIGNATURE_LINE],
        ],
        (half, half),
    )
    return gost.saved(out)
