"""The archive's forms (Правила of Росархив, order № 77 of 31.07.2023), built with the public
ГОСТ builder: the yearly section of an inventory of cases, the act of destruction (both
generated versions that go through the approval engine) and the act of acceptance of cases
into the archive (a rendered copy of its record).

What the approvers agree is the content: the table and the final record. The ЭК's protocol
(«СОГЛАСОВАНО Протокол ЭК …»), the head's «УТВЕРЖДАЮ», the number and the date are
requisites added when the record has them."""

import docx
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
    "Количество документов (томов)",
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


def _registration(out, requisites):
    registration = requisites.get("registration")
    gost.registration_block(
        out,
        gost.registration_line(registration, tab=True) if registration else gost.BLANK_REGISTRATION,
    )


def _compiler(out, document, label):
    author = document.author
    position = (author.position if author else "") or "Наименование должности"
    name = author.initials_name if author else "_______________"
    gost.para(out, "", space_before=12)
    gost.para(out, f"{position} ({label})\t____________\t{name}")


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
    gost.heading(out, "ОПИСЬ")
    _registration(out, requisites)
    gost.centred(out, SECTIONS[form["section"]], bold=True, space_before=6)
    gost.centred(out, f"за {form['year']} год")
    gost.centred(out, "(годовой раздел)", space_after=6)
    gost.add_table(out, {"rows": rows, "header": True})
    gost.para(out, "", space_before=6)
    for line in final:
        gost.text(out, line)
    _compiler(out, document, "составитель описи")
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
    rows = [list(ACT_HEADER), *act_rows(form)]
    organization = document.organization.name
    units = sum(row["volumes"] for row in form["cases"])
    preamble = (
        f"На основании {LIST_236} отобраны к уничтожению как не имеющие научно-исторической "
        "ценности и утратившие практическое значение документы "
        f"{inflect_phrase(organization, 'gent')}:"
    )
    final = (
        f"Итого {in_words(units)} {agree_with_number('единица', units)} хранения "
        f"за {act_years(form)}."
    )
    content = {
        "preamble": preamble,
        "sections": [{"number": None, "title": "", "text": final, "clauses": []}],
        "tables": [{"rows": rows, "header": True}],
        "plan_items": [],
    }
    out = docx.Document()
    gost.page_setup(out)
    _approval_block(out, document, requisites)
    gost.heading(out, "АКТ")
    _registration(out, requisites)
    gost.centred(
        out,
        "о выделении к уничтожению документов, не подлежащих хранению",
        bold=True,
        space_before=6,
        space_after=6,
    )
    gost.text(out, preamble)
    gost.add_table(out, {"rows": rows, "header": True})
    gost.para(out, "", space_before=6)
    gost.text(out, final)
    inventories = requisites.get("inventories")
    gost.text(
        out,
        inventories
        or f"Описи дел постоянного хранения за {act_years(form)} утверждены ____________________.",
    )
    _compiler(out, document, "проводивший экспертизу ценности документов")
    _agreed(out, requisites)
    return Generated(_closing(out, document), content)


def transfer_docx(transfer, states) -> bytes:
    """«Акт приёма-передачи дел в архив»: a rendered copy of the record of the transfer."""
    out = docx.Document()
    gost.page_setup(out)
    gost.requisites_block(out, organization=transfer.organization.name)
    gost.heading(out, "АКТ")
    gost.registration_block(out, f"{ru_date(transfer.date.isoformat())}\t№ {transfer.number}")
    gost.centred(out, "приёма-передачи дел в архив", bold=True, space_before=6, space_after=6)
    inventories = sorted(
        {s.inventory.document.number for s in states if s.inventory and s.inventory.document.number}
    )
    gost.text(
        out,
        f"Основание: {'описи' if len(inventories) > 1 else 'опись'} № {', '.join(inventories)}."
        if inventories
        else "Основание: опись дел.",
    )
    gost.text(
        out, f"{transfer.organization.name} передал(а), а {transfer.archive_name} принял(а) дела:"
    )
    rows = [
        ["№ п/п", "Индекс дела", "Заголовок дела", "Крайние даты", "Количество документов", "Опись"]
    ]
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
    gost.add_table(out, {"rows": rows, "header": True})
    gost.para(out, "", space_before=6)
    count = len(states)
    gost.text(out, f"Итого передано {in_words(count)} {agree_with_number('дело', count)}.")
    if transfer.reason:
        gost.text(out, f"Передача вне установленного срока: {transfer.reason}.")
    by = transfer.created_by
    gost.para(out, "", space_before=12)
    gost.para(
        out,
        f"Передал: {(by.position if by else '') or 'Делопроизводитель'}\t____________\t"
        f"{by.initials_name if by else ''}",
    )
    gost.para(out, f"Принял: {transfer.received_by or transfer.archive_name}\t____________")
    return gost.saved(out)
