"""Exports: the nomenclature and a case inventory as .docx, a journal as .xlsx."""

import io

import docx
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from num2words import num2words
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common import gost
from common.downloads import file_name
from common.gost import format_grid
from common.russian import agree_with_number, inflect_phrase, ru_date
from common.text import xml_safe

from .models import Nomenclature
from .selectors import case_documents
from .services import final_record

COLUMNS = (
    "Индекс дела",
    "Заголовок дела (тома, части)",
    "Количество дел (томов, частей)",
    "Срок хранения дела (тома, части) и № статьи по перечню",
    "Примечание",
)
CHECK_NOTE = "Статья Перечня уточняется экспертной комиссией"
CATEGORIES = (
    ("permanent", "Постоянного"),
    ("long", "Временного (свыше 10 лет)"),
    ("temporary", "Временного (до 10 лет включительно)"),
    ("total", "Итого"),
)


def _new_document(landscape=False):
    out = docx.Document()
    section = out.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = out.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    return out


def _paragraph(out, text, *, bold=False, center=False):
    paragraph = out.add_paragraph()
    paragraph.add_run(xml_safe(text)).bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _row(table, values, bold=False):
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(xml_safe(value)).bold = bold
    return cells


def nomenclature_docx(nomenclature: Nomenclature, *, compiler=None) -> bytes:
    """«НОМЕНКЛАТУРА ДЕЛ на <year> год» in the standard form: organisation, approval stamp, the
    five columns with unit sections, the final record and signature lines."""
    out = _new_document()
    gost.page_setup(out)  # page numbers from the second page
    header = out.add_table(rows=1, cols=2)
    header.rows[0].cells[0].paragraphs[0].add_run(
        xml_safe(nomenclature.organization.name)
    ).bold = True
    stamp = header.rows[0].cells[1]
    if nomenclature.status != Nomenclature.Status.DRAFT and nomenclature.order_number:
        stamp.paragraphs[0].text = "УТВЕРЖДЕНА"
        stamp.add_paragraph(
            xml_safe(f"приказом {inflect_phrase(str(nomenclature.organization), 'gent')}")
        )
        stamp.add_paragraph(
            xml_safe(
                f"от {ru_date(nomenclature.order_date.isoformat())} № {nomenclature.order_number}"
            )
        )
    else:
        stamp.paragraphs[0].text = "ПРОЕКТ"
    _paragraph(out, "")
    _paragraph(out, "НОМЕНКЛАТУРА ДЕЛ", bold=True, center=True)
    # Its own date and number (filled in when it is approved) and the place.
    gost.registration_block(out, gost.BLANK_REGISTRATION, place=nomenclature.organization.place)
    _paragraph(out, f"на {nomenclature.year} год", bold=True, center=True)
    _paragraph(out, "")

    table = out.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    _row(table, ["1", "2", "3", "4", "5"])
    cases = nomenclature.cases.select_related("unit", "retention_rule").order_by(
        "unit__code", "index"
    )
    unit = None
    for case in cases:
        if case.unit_id != getattr(unit, "pk", None):
            unit = case.unit
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])  # the unit's heading spans the table
            merged.paragraphs[0].add_run(xml_safe(f"{unit.code}. {unit.name}")).bold = True
        rule = case.retention_rule
        period = rule.period_label if case.epk == rule.epk else _with_epk(rule, case.epk)
        note = case.note
        if rule.needs_check:
            # Not left empty: the expert commission confirms the article of the list.
            period = period if rule.article else f"{period}, ст. ___"
            note = "; ".join(p for p in (note, CHECK_NOTE) if p)
        _row(table, [case.index, case.title, case.volumes, period, note])
    format_grid(table, header_rows=2)  # titles and column numbers

    record = final_record(nomenclature)
    _paragraph(out, "")
    _paragraph(
        out,
        f"Итоговая запись о категориях и количестве дел, заведённых в {nomenclature.year} году",
        bold=True,
        center=True,
    )
    summary = out.add_table(rows=1, cols=4)
    summary.style = "Table Grid"
    for cell, title in zip(
        summary.rows[0].cells,
        ("По срокам хранения", "Всего", "в том числе переходящих", "в том числе с отметкой «ЭПК»"),
        strict=True,
    ):
        cell.paragraphs[0].add_run(title).bold = True
    for key, label in CATEGORIES:
        counts = record[key]
        _row(
            summary,
            [label, counts["total"], counts["carried_over"], counts["epk"]],
            bold=key == "total",
        )
    format_grid(summary)

    position = (compiler.position if compiler else "") or "Ответственный за делопроизводство"
    name = compiler.initials_name if compiler else "____________________"
    _paragraph(out, "")
    _paragraph(out, f"{position}  ____________  {name}")
    _paragraph(out, "«____» ____________ 20___ г.")
    _paragraph(out, "")
    _paragraph(out, "Итоговые сведения переданы в архив организации.")
    _paragraph(
        out, "Наименование должности лица, передавшего сведения  ____________  ____________________"
    )
    _paragraph(out, "«____» ____________ 20___ г.")
    _paragraph(out, "")
    _paragraph(out, "Виза заведующего архивом организации  ____________  ____________________")
    _paragraph(out, "")
    _paragraph(out, "СОГЛАСОВАНО")
    _paragraph(out, "Протокол ЭК от ____________ № ______")
    _paragraph(out, "")
    _paragraph(out, "СОГЛАСОВАНО")
    _paragraph(out, "Протокол ЭПК архивного учреждения от ____________ № ______")
    return _save(out)


def _with_epk(rule, epk):
    period = "Постоянно" if rule.years is None else f"{rule.years} л."
    if epk:
        period += " ЭПК"
    return f"{period}, ст. {rule.article}" if rule.article else period


INVENTORY_COLUMNS = (
    "№ п/п",
    "Регистрационный индекс документа",
    "Дата документа",
    "Заголовок документа",
    "Номера листов дела",
    "Примечание",
)


def case_inventory_docx(case, *, compiler=None) -> bytes:
    """Внутренняя опись документов дела in the form of the Правила of Росархив (order № 77 of
    31.07.2023): the documents filed in the case in registration order, the sheet numbers left
    to fill in when the paper case is formed, and the final record — the count of documents and
    of the inventory's sheets in figures and words, the compiler's position, signature, date."""
    out = _new_document()
    gost.page_setup(out)
    _paragraph(out, case.nomenclature.organization.name, bold=True)
    _paragraph(out, "")
    _paragraph(out, "ВНУТРЕННЯЯ ОПИСЬ", bold=True, center=True)
    _paragraph(out, f"документов дела № {case.index}", bold=True, center=True)
    _paragraph(out, f"«{case.title}» ({case.nomenclature.year} г.)", center=True)
    _paragraph(out, "")
    table = out.add_table(rows=1, cols=len(INVENTORY_COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, INVENTORY_COLUMNS, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    entries = list(case_documents(case))
    for position, entry in enumerate(entries, start=1):
        _row(
            table,
            [position, entry.number, entry.date.strftime("%d.%m.%Y"), entry.document.title, "", ""],
        )
    format_grid(table)
    _paragraph(out, "")
    _paragraph(out, f"Итого {_in_words(len(entries))} {_documents_word(len(entries))}.")
    _paragraph(out, "Количество листов внутренней описи ________ (____________________).")
    _paragraph(out, "")
    position = (compiler.position if compiler else "") or "Наименование должности"
    name = compiler.initials_name if compiler else "_______________"
    _paragraph(out, f"{position}  ____________  {name}")
    _paragraph(out, "«____» ____________ 20___ г.")
    return _save(out)


def _in_words(count: int) -> str:
    """«12 (двенадцать)»: figures and words, as the final record writes a count."""
    return f"{count} ({num2words(count, lang='ru')})"


def _documents_word(count: int) -> str:
    return agree_with_number("документ", count)


JOURNAL_COLUMNS = (
    ("№ п/п", 8),
    ("Рег. номер", 16),
    ("Дата", 12),
    ("Статус", 16),
    ("Вид документа", 20),
    ("Заголовок документа", 56),
    ("Подписал", 26),
    ("Исполнитель", 22),
    ("Дело", 10),
    ("Зарегистрировал", 26),
    ("Причина аннулирования", 28),
)
AUTOMATIC = "Система «Регламент» (после подписания)"


def journal_xlsx(journal, entries) -> bytes:
    """The journal as a spreadsheet for the clerk's reports: the organisation, the journal and
    the year in the heading, who signed and who prepared each document, who registered it
    (the system when the process did), the header row frozen and printed on every page."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Журнал"
    entries = list(entries)
    years = sorted({entry.year for entry in entries})
    year = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""
    sheet.append([xml_safe(str(journal.organization.name))])
    sheet.append([xml_safe(f"{journal.name}" + (f" за {year} год" if year else ""))])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"].font = Font(bold=True, size=13)
    sheet.append([title for title, _width in JOURNAL_COLUMNS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for entry in entries:
        document = entry.document
        texts = [
            entry.number,
            entry.get_status_display(),
            document.get_kind_display() if document else "",
            document.title if document else "",
            _signed_by(document),
            document.author.initials_name if document and document.author else "",
            entry.case.index if entry.case else "",
            entry.created_by.initials_name if entry.created_by else AUTOMATIC,
            entry.cancel_reason,
        ]
        # Whatever is stored is written: a control character in a title breaks nothing.
        number, status, kind, title, signed, author, case, by, reason = (xml_safe(t) for t in texts)
        sheet.append(
            [
                entry.sequence,
                number,
                entry.date,
                status,
                kind,
                title,
                signed,
                author,
                case,
                by,
                reason,
            ]
        )
        sheet.cell(row=sheet.max_row, column=3).number_format = "DD.MM.YYYY"
    for index, (_title, width) in enumerate(JOURNAL_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"  # the heading and the header row stay in view
    sheet.print_title_rows = "3:3"  # and the header row is printed on every page
    sheet.page_setup.orientation = "landscape"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _signed_by(document) -> str:
    """Who signed or approved the registered version: the requisites the process put on it."""
    if document is None or document.current_version is None:
        return ""
    requisites = (document.current_version.structure or {}).get("requisites") or {}
    signer = requisites.get("signature") or requisites.get("approval") or {}
    return " ".join(p for p in (signer.get("position"), signer.get("name")) if p)


def _save(out) -> bytes:
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# The names the exports are downloaded under (common.downloads makes them safe).


def nomenclature_file_name(nomenclature) -> str:
    """«Номенклатура дел на 2026 год — МКУ «ИМЦ».docx»."""
    organization = nomenclature.organization
    return file_name(
        _("Case nomenclature for %(year)s") % {"year": nomenclature.year},
        organization.short_name or organization.name,
        extension="docx",
    )


def inventory_file_name(case) -> str:
    """«Опись дела 01-01 — Приказы директора по основной деятельности.docx»."""
    return file_name(
        _("Case inventory %(index)s") % {"index": case.index}, case.title, extension="docx"
    )


def journal_file_name(journal) -> str:
    """«Журнал регистрации — Приказы по основной деятельности.xlsx»."""
    return file_name(_("Registration journal"), journal.name, extension="xlsx")
