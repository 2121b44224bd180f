"""Exports read back: nomenclature and case inventory .docx, journal .xlsx."""

import datetime
import io

import docx
import openpyxl
import pytest

from registry import exports, services
from registry.selectors import journal_entries

from .test_registry import new_document

D = datetime.date


def test_nomenclature_docx_has_columns_sections_and_final_record(nomenclature, org_tree, rules):
    services.add_case(
        nomenclature,
        unit=org_tree["units"]["imc-02"],
        title="Аналитические справки",
        retention_rule=rules["note"],
        carried_over=True,
    )
    rendered = docx.Document(io.BytesIO(exports.nomenclature_docx(nomenclature)))
    texts = [p.text for p in rendered.paragraphs]
    assert "НОМЕНКЛАТУРА ДЕЛ" in texts and "на 2026 год" in texts
    stamp = rendered.tables[0].rows[0].cells[1].text
    assert stamp.startswith("УТВЕРЖДЕНА") and "от 20.12.2025 № 01-12/5" in stamp
    assert org_tree["centre"].name in rendered.tables[0].rows[0].cells[0].text

    cases = rendered.tables[1]
    header = [c.text for c in cases.rows[0].cells]
    assert header == list(exports.COLUMNS)
    assert [c.text for c in cases.rows[1].cells] == ["1", "2", "3", "4", "5"]
    rows = [[c.text for c in row.cells] for row in cases.rows[2:]]
    assert rows[0][0] == "01. Администрация"  # unit section heading spans the row
    assert rows[1] == [
        "01-01",
        "Приказы директора по основной деятельности",
        "1",
        "Постоянно, ст. 19а",
        "",
    ]
    assert rows[2][0] == "01-02" and rows[2][3] == "5 л., ст. 19"
    assert rows[3][0] == "02. Лаборатория"
    # An article still to be confirmed: a blank for it and the note, never an empty column.
    assert rows[4] == ["02-01", "Аналитические справки", "1", "5 л. ЭПК, ст. ___",
                       exports.CHECK_NOTE]

    record = rendered.tables[2]
    values = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in record.rows[1:]}
    assert values["Постоянного"] == ["1", "0", "0"]
    assert values["Временного (свыше 10 лет)"] == ["0", "0", "0"]
    assert values["Временного (до 10 лет включительно)"] == ["2", "1", "1"]
    assert values["Итого"] == ["3", "1", "1"]
    assert any("Итоговая запись" in t for t in texts)
    assert any(t.startswith("Ответственный за делопроизводство") for t in texts)


def test_journal_xlsx_lists_entries_with_cancelled_ones(journal, document, clerk):
    reserved = services.reserve_number(journal, user=clerk, on_date=D(2026, 4, 1))
    services.cancel(reserved, user=clerk, reason="не подписан")
    services.register_document(document, journal, user=clerk, on_date=D(2026, 4, 2))
    book = openpyxl.load_workbook(
        io.BytesIO(exports.journal_xlsx(journal, journal_entries(journal)))
    )
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in rows] == ["01-01/1", "01-01/2"]
    assert rows[0][3] == "Аннулирован" and rows[0][10] == "не подписан"
    assert rows[1][3] == "Зарегистрирован" and rows[1][5] == "ПРИКАЗ О мониторинге"
    assert rows[1][2].date() == D(2026, 4, 2)
    # The heading names the organisation and the year; who registered, signed, prepared.
    assert sheet["A1"].value == journal.organization.name
    assert sheet["A2"].value == f"{journal.name} за 2026 год"
    header = [c.value for c in sheet[3]]
    assert {"Подписал", "Исполнитель", "Зарегистрировал"} <= set(header)
    assert rows[1][header.index("Зарегистрировал")] == clerk.initials_name
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"



def test_journal_filters(journal, document, clerk, org_tree):
    services.register_document(document, journal, user=clerk, on_date=D(2026, 4, 2))
    services.register_document(
        new_document(org_tree["centre"]), journal, user=clerk, on_date=D(2026, 5, 2)
    )
    assert [e.number for e in journal_entries(journal, date_from=D(2026, 5, 1))] == ["01-01/2"]
    assert [e.number for e in journal_entries(journal, number="/1")] == ["01-01/1"]
    assert journal_entries(journal, kind="regulation").count() == 0
    assert journal_entries(journal, status="registered").count() == 2


def test_case_inventory_docx(journal, document, clerk, nomenclature):
    services.register_document(document, journal, user=clerk, on_date=D(2026, 4, 2))
    rendered = docx.Document(
        io.BytesIO(
            exports.case_inventory_docx(nomenclature.cases.get(index="01-01"), compiler=clerk)
        )
    )
    table = rendered.tables[0]
    assert [c.text for c in table.rows[0].cells][4:] == ["Номера листов дела", "Примечание"]
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "01-01/1",
        "02.04.2026",
        "ПРИКАЗ О мониторинге",
        "",
        "",
    ]
    texts = [p.text for p in rendered.paragraphs]
    # The final record: the count in figures and words, the inventory's sheets, who and when.
    assert "Итого 1 (один) документ." in texts
    assert any(t.startswith("Количество листов внутренней описи") for t in texts)
    assert any(t.endswith(clerk.initials_name) and "____" in t for t in texts)
    assert "«____» ____________ 20___ г." in texts


pytestmark = pytest.mark.django_db
