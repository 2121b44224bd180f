"""Recognition of kinds, titles, numbers, stamps, sections, clauses and plan tables."""

import datetime
from pathlib import Path

import pytest
from docx.shared import Pt

from documents.importer import analyse, extract
from documents.importer.dates import find_date
from documents.importer.numbering import format_number

from .docx_factory import add_multilevel_list, new_document, numbered, to_bytes

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"


def analyse_txt(text: str) -> dict:
    return analyse(extract("doc.txt", text.encode("utf-8"))).as_dict()


def analyse_docx(document) -> dict:
    return analyse(extract("doc.docx", to_bytes(document))).as_dict()


def seed(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return analyse(extract(path.name, path.read_bytes())).as_dict()


def clause_numbers(result):
    return [c["number"] for s in result["sections"] for c in s["clauses"]]


# --- seeds ---------------------------------------------------------------------------------


def test_seed_004_regulation_with_stamp_and_twenty_clauses():
    result = seed("004")
    assert result["kind"] == "regulation"
    assert result["title"].startswith("ПОЛОЖЕНИЕ ОБ ОТДЕЛЕ МОНИТОРИНГА")
    assert result["title"].endswith("РЯЗАНСКОЙ ОБЛАСТИ")
    approval = result["approval"]
    assert approval["stamp"] == "УТВЕРЖДАЮ"
    assert approval["order_number"] == "69/1"
    assert approval["order_date"] == "2017-08-31"
    assert approval["name"] == "И.Н. Серёгина"
    assert approval["position"].startswith("Начальник Управления образования")
    assert [s["number"] for s in result["sections"]] == ["1", "2", "3", "4", "5", "6"]
    assert clause_numbers(result) == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
        "3.6",
        "4.1",
        "4.2",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
        "5.6",
        "5.7",
        "6.1",
    ]
    # List items belong to their clause.
    first = result["sections"][1]["clauses"][0]["text"]
    assert first.startswith("Цели ОМ и МССО:\n- содействие")


def test_seed_000_roman_sections_and_marked_clauses():
    result = seed("000")
    assert result["kind"] == "regulation"
    assert result["title"] == "Положение о службе мониторинга и маркетинга ГБОУ лицея №410"
    assert [s["number"] for s in result["sections"]] == ["I", "II", "III", "IV", "V", "VI"]
    assert result["sections"][2]["title"] == "Служба имеет право."
    # «- 3.1. Проводить …»: the list marker before the number is dropped.
    assert [c["number"] for c in result["sections"][2]["clauses"]] == [
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
    ]
    assert result["sections"][0]["text"].startswith("Служба мониторинга и маркетинга")


def test_seed_001_clauses_without_trailing_dot_and_sections_without_clauses():
    result = seed("001")
    assert result["kind"] == "regulation"
    assert result["title"] == (
        "ПОЛОЖЕНИЕ о лаборатории мониторинга качества образования МОУ ДПО УМЦ"
    )
    assert [s["number"] for s in result["sections"]] == ["1", "2", "3", "4", "5"]
    assert clause_numbers(result)[:4] == ["1.1", "1.2", "2.1", "2.2"]
    assert "3.1" in clause_numbers(result)  # «3.1.Образовательная» has no space


def test_seed_002_cyrillic_lookalike_roman_numeral():
    result = seed("002")
    assert [s["number"] for s in result["sections"]] == ["I", "II", "III"]  # «П.» is II
    assert result["sections"][1]["title"] == "Функции лаборатории."
    assert [c["number"] for c in result["sections"][1]["clauses"]][-1] == "2.14"


def test_seed_003_conclusion_dated_by_signature():
    result = seed("003")
    assert result["kind"] == "conclusion"
    assert result["title"].startswith("ЗАКЛЮЧЕНИЕ Об участии Муниципального")
    assert result["date"] == "2019-08-28"
    assert result["number"] is None
    assert clause_numbers(result) == ["1", "2", "3", "4", "5", "6", "7"]


# --- kinds and titles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("ПОЛОЖЕНИЕ", "regulation"),
        ("ПРИКАЗ", "order"),
        ("ЗАКЛЮЧЕНИЕ", "conclusion"),
        ("ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", "conclusion"),
        ("ПЛАН РАБОТЫ", "plan"),
        ("ОТЧЁТ", "report"),
        ("ОТЧЕТ", "report"),
        ("СПРАВКА", "note"),
        ("АНАЛИТИЧЕСКАЯ СПРАВКА", "note"),
        ("ПРОТОКОЛ", "minutes"),
    ],
)
def test_kind_from_heading_in_txt_and_docx(heading, kind):
    result = analyse_txt(f"{heading}\nо работе методического объединения\n\n1. Общее\n1.1. Текст.")
    assert result["kind"] == kind
    assert result["title"] == f"{heading} о работе методического объединения"
    document = new_document()
    document.add_paragraph(heading)
    document.add_paragraph("о работе методического объединения")
    document.add_paragraph("Текст документа.")
    assert analyse_docx(document)["kind"] == kind


def test_unknown_heading_gives_other_kind_and_first_line_title():
    result = analyse_txt("Памятка для учителя\n\nТекст.")
    assert result["kind"] == "other"
    assert result["title"] == "Памятка для учителя"


def test_words_that_start_like_kinds_are_not_headings():
    result = analyse_txt("Плановые мероприятия\nПриказываю всем.")
    assert result["kind"] == "other"


def test_order_number_date_and_title():
    document = new_document()
    document.add_paragraph("МКУ «Информационно-методический центр»")
    document.add_paragraph("ПРИКАЗ")
    document.add_paragraph("15.03.2022\t\t\t\t№ 01-12/45")
    document.add_paragraph("г. Сасово")
    document.add_paragraph("О проведении мониторинга качества образования")
    document.add_paragraph("В соответствии с планом работы на 2021/2022 учебный год")
    document.add_paragraph("ПРИКАЗЫВАЮ:")
    document.add_paragraph("1. Провести мониторинг в 4-х классах.")
    document.add_paragraph("2. Контроль исполнения приказа оставляю за собой.")
    result = analyse_docx(document)
    assert result["kind"] == "order"
    assert result["number"] == "01-12/45"
    assert result["date"] == "2022-03-15"
    assert result["title"] == "ПРИКАЗ О проведении мониторинга качества образования"
    assert result["preamble"] == "В соответствии с планом работы на 2021/2022 учебный год"
    assert result["operative"] == "ПРИКАЗЫВАЮ:"
    assert result["place"] == "г. Сасово"
    assert clause_numbers(result) == ["1", "2"]


def test_order_number_with_suffix_and_ellipsis():
    result = analyse_txt("ПРИКАЗ\n01.09.2021 … № 112-од\nОб утверждении положения\n\n1. Утвердить.")
    assert (result["number"], result["date"]) == ("112-од", "2021-09-01")


# --- approval stamps ------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["УТВЕРЖДЕНО", "УТВЕРЖДЕН", "УТВЕРЖДЕНА", "УТВЕРЖДЕНЫ"])
def test_stamp_by_order_on_one_line(word):
    result = analyse_txt(
        f"{word} приказом директора от 01.09.2021 № 112-од\n\nПОЛОЖЕНИЕ\nо школьной службе\n\n"
        "1. Общие положения\n1.1. Текст."
    )
    assert result["approval"]["stamp"] == word
    assert result["approval"]["order_number"] == "112-од"
    assert result["approval"]["order_date"] == "2021-09-01"
    assert result["kind"] == "regulation"
    assert result["number"] is None  # the stamp's order is not the document's own number


def test_stamp_with_month_name_and_signature_line():
    result = analyse_txt(
        "УТВЕРЖДАЮ\nДиректор МБОУ «СОШ № 14»\n__________ С.М. Орлов\n«30» августа 2025 г.\n\n"
        "ПЛАН РАБОТЫ\nшкольной службы мониторинга на 2025/2026 учебный год\n\n1. Текст"
    )
    approval = result["approval"]
    assert approval["stamp"] == "УТВЕРЖДАЮ"
    assert approval["position"] == "Директор МБОУ «СОШ № 14»"
    assert approval["name"] == "С.М. Орлов"
    assert approval["date"] == "2025-08-30"
    assert approval["order_number"] is None
    assert result["kind"] == "plan"


def test_stamp_in_a_table_cell_next_to_adopted_stamp():
    document = new_document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "ПРИНЯТО"
    left.add_paragraph("на педагогическом совете")
    left.add_paragraph("Протокол № 1 от 30.08.2021")
    right.paragraphs[0].text = "УТВЕРЖДЕНО"
    right.add_paragraph("приказом директора")
    right.add_paragraph("от 01.09.2021 № 112-од")
    document.add_paragraph("ПОЛОЖЕНИЕ")
    document.add_paragraph("о внутренней системе оценки качества образования")
    document.add_paragraph("1. Общие положения")
    document.add_paragraph("1.1. Настоящее положение определяет порядок.")
    result = analyse_docx(document)
    assert result["kind"] == "regulation"  # «Протокол № 1» in the other stamp is no heading
    assert result["title"] == "ПОЛОЖЕНИЕ о внутренней системе оценки качества образования"
    assert result["approval"]["stamp"] == "УТВЕРЖДЕНО"
    assert result["approval"]["order_number"] == "112-од"
    assert result["approval"]["order_date"] == "2021-09-01"
    assert clause_numbers(result) == ["1.1"]


def test_stamp_order_in_quoted_day_numeric_month_form():
    assert find_date("Приказ № 69/1 от «31» 08 2017 г.")[0] == datetime.date(2017, 8, 31)
    assert find_date("от 5 июня 2016 г.")[0] == datetime.date(2016, 6, 5)
    assert find_date("31.02.2017") is None  # not a date


# --- sections and clauses ------------------------------------------------------------------


def test_arabic_roman_and_deep_clause_numbers_with_markers():
    result = analyse_txt(
        "ПОЛОЖЕНИЕ\nо совете\n\nI. Общие положения\n1.1. Совет создаётся.\n"
        "II. Задачи\n- 2.1. Первая задача.\n· 2.2. Вторая задача:\n- пункт списка;\n"
        "2.2.1. Подпункт.\nШ. Права\n3.1. Право."
    )
    assert [s["number"] for s in result["sections"]] == ["I", "II", "III"]
    assert clause_numbers(result) == ["1.1", "2.1", "2.2", "2.2.1", "3.1"]
    assert result["sections"][1]["clauses"][1]["text"] == "Вторая задача:\n- пункт списка;"


def test_clauses_without_section_headings_get_implicit_sections():
    result = analyse_txt("ПОЛОЖЕНИЕ\nо комиссии\n\n1.1. Первый.\n1.2. Второй.\n2.1. Третий.")
    assert [s["number"] for s in result["sections"]] == ["1", "2"]
    assert clause_numbers(result) == ["1.1", "1.2", "2.1"]


def test_word_list_numbering_is_computed_as_word_shows_it():
    document = new_document()
    document.add_paragraph("ПОЛОЖЕНИЕ")
    document.add_paragraph("о методическом совете")
    num = add_multilevel_list(document)
    numbered(document, "Общие положения", num, 0)
    numbered(document, "Совет является коллегиальным органом.", num, 1)
    numbered(document, "Совет работает по плану.", num, 1)
    numbered(document, "План утверждается директором.", num, 2)
    numbered(document, "Задачи совета", num, 0)
    numbered(document, "Координация работы.", num, 1)
    result = analyse_docx(document)
    assert [s["number"] for s in result["sections"]] == ["1", "2"]
    assert [s["title"] for s in result["sections"]] == ["Общие положения", "Задачи совета"]
    assert clause_numbers(result) == ["1.1", "1.2", "1.2.1", "2.1"]
    assert result["sections"][0]["clauses"][0]["text"] == "Совет является коллегиальным органом."


def test_word_roman_and_letter_numbering_formats():
    document = new_document()
    num = add_multilevel_list(
        document,
        formats=(("upperRoman", "%1."), ("decimal", "%1.%2.", True), ("russianLower", "%3)")),
    )
    numbered(document, "Общие положения", num, 0)
    numbered(document, "Пункт.", num, 1)
    numbered(document, "подпункт", num, 2)
    numbered(document, "подпункт", num, 2)
    numbered(document, "Права", num, 0)
    result = analyse_docx(document)
    assert [s["number"] for s in result["sections"]] == ["I", "II"]
    # A «legal» level shows the Roman section number in Arabic: «1.1.», not «I.1.».
    assert clause_numbers(result) == ["1.1"]
    text = extract("doc.docx", to_bytes(document)).text
    assert "а) подпункт" in text and "б) подпункт" in text
    assert [format_number(n, "russianLower") for n in (1, 28, 29)] == ["а", "я", "аа"]
    assert format_number(4, "upperRoman") == "IV" and format_number(3, "decimalZero") == "03"


def test_bullet_numbering_reads_as_list_marker():
    document = new_document()
    document.add_paragraph("1.1. Пункт:")
    document.add_paragraph("первый элемент", style="List Bullet")
    result = analyse_docx(document)
    assert result["sections"][0]["clauses"][0]["text"] == "Пункт:\n- первый элемент"


# --- plan tables, tables, headers, footers --------------------------------------------------


def test_plan_table_becomes_plan_items():
    document = new_document()
    document.add_paragraph("ПЛАН РАБОТЫ")
    document.add_paragraph("лаборатории мониторинга на 2026 год")
    table = document.add_table(rows=3, cols=5)
    header = ["№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата"]
    rows = [
        ["1", "Мониторинг адаптации первоклассников", "октябрь", "Иванова О. А.", "справка"],
        ["2", "Заседание методического совета", "ежеквартально", "Кузнецова Е. П.", "протокол"],
    ]
    for row, values in zip(table.rows, [header] + rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    result = analyse_docx(document)
    assert result["kind"] == "plan"
    assert result["plan_items"] == [
        {
            "number": "1",
            "activity": "Мониторинг адаптации первоклассников",
            "due": "октябрь",
            "responsible": "Иванова О. А.",
            "result_form": "справка",
            "section": "",
        },
        {
            "number": "2",
            "activity": "Заседание методического совета",
            "due": "ежеквартально",
            "responsible": "Кузнецова Е. П.",
            "result_form": "протокол",
            "section": "",
        },
    ]
    assert "Мониторинг адаптации первоклассников" in extract("p.docx", to_bytes(document)).text


def test_text_in_tables_headers_and_footers_is_kept():
    document = new_document()
    document.add_paragraph("Основной текст.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Ячейка таблицы"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Верхний колонтитул"
    section.footer.paragraphs[0].text = "Нижний колонтитул"
    text = extract("t.docx", to_bytes(document)).text
    for fragment in (
        "Основной текст.",
        "Ячейка таблицы",
        "Верхний колонтитул",
        "Нижний колонтитул",
    ):
        assert fragment in text


def test_formatting_does_not_change_the_text():
    document = new_document()
    paragraph = document.add_paragraph()
    paragraph.add_run("1.1. ").bold = True
    run = paragraph.add_run("Текст\u00a0пункта")
    run.font.size = Pt(12)
    assert clause_numbers(analyse_docx(document)) == ["1.1"]
