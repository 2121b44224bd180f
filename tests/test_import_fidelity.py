"""The eleven findings of issue 17, one test each: documents laid out as schools and
authorities write them, read the way a records manager reads them (docs/importer.md)."""

import io
import json

import pytest
from django.core.management import call_command

from documents.importer import analyse, extract

from .docx_factory import new_document, to_bytes


def read(document, name="doc.docx") -> dict:
    return analyse(extract(name, to_bytes(document))).as_dict()


def stamp_table(document, left: list[str], right: list[str]):
    """A borderless two-column table of requisites: `left` and `right` cells, a line a paragraph."""
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        if lines:
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    return table


def paragraphs(document, *lines):
    for line in lines:
        document.add_paragraph(line)


def all_text(result) -> str:
    """Every text of the body: preamble, sections' titles and texts, clauses."""
    parts = [result["preamble"]]
    for section in result["sections"]:
        parts += [section["title"], section["text"]] + [c["text"] for c in section["clauses"]]
    return "\n".join(parts)


def test_1_the_stamp_number_is_the_acts_not_the_one_in_the_organisations_name():
    document = new_document()
    stamp_table(
        document, [], ["УТВЕРЖДЕНО", "приказом МАОУ «Гимназия № 3»", "от 28.08.2025 № 77-о/д"]
    )
    paragraphs(document, "ПОЛОЖЕНИЕ", "о школьном спортивном клубе", "1. Общие положения")
    paragraphs(document, "1.1. Клуб создаётся в гимназии.")
    approval = read(document)["approval"]
    assert (approval["order_number"], approval["order_date"]) == ("77-о/д", "2025-08-28")
    assert approval["by"] == "приказом МАОУ «Гимназия № 3»"


def test_2_a_title_keeps_all_its_lines():
    document = new_document()
    paragraphs(
        document,
        "ПЛАН РАБОТЫ",
        "методического совета МАОУ «Гимназия № 3»",
        "на 2025/2026 учебный год",
        "Цель: повышение качества образования.",
    )
    result = read(document)
    assert result["title"] == (
        "ПЛАН РАБОТЫ методического совета МАОУ «Гимназия № 3» на 2025/2026 учебный год"
    )
    assert result["preamble"] == "Цель: повышение качества образования."

    document = new_document()
    paragraphs(
        document,
        "ИНСТРУКЦИЯ",
        "по охране труда для учителя информатики",
        "1. Общие требования охраны труда",
        "1.1. К работе допускаются лица не моложе 18 лет.",
    )
    assert read(document)["title"] == "ИНСТРУКЦИЯ по охране труда для учителя информатики"


def test_3_the_own_number_and_date_come_only_from_the_registration_line():
    document = new_document()
    paragraphs(
        document,
        "ПОЛОЖЕНИЕ",
        "о школьной службе медиации",
        "1. Общие положения",
        "1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 "
        "№ 273-ФЗ «Об образовании в Российской Федерации».",
    )
    result = read(document)
    assert (result["number"], result["date"]) == (None, None)
    assert "№ 273-ФЗ" in result["sections"][0]["clauses"][0]["text"]


def test_4_a_preamble_citing_a_letter_is_the_preamble():
    document = new_document()
    paragraphs(
        document,
        "ПРИКАЗ",
        "15.03.2025 № 02-07/45",
        "О проведении пробного экзамена",
        "На основании письма министерства образования Рязанской области от 14.02.2025 "
        "№ 15-04/322 и в целях подготовки к государственной итоговой аттестации",
        "ПРИКАЗЫВАЮ:",
        "1. Провести пробный экзамен по математике 20.03.2025.",
    )
    result = read(document)
    assert (result["number"], result["date"]) == ("02-07/45", "2025-03-15")
    assert result["preamble"].startswith("На основании письма министерства образования")
    assert result["title"] == "ПРИКАЗ О проведении пробного экзамена"


def test_5_date_and_number_in_the_blanks_table():
    document = new_document()
    paragraphs(document, "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «СОШ № 14»")
    paragraphs(document, "ПРИКАЗ")
    stamp_table(document, ["«12» марта 2025 г."], ["№ 02-07/41"])
    paragraphs(
        document,
        "О проведении школьного этапа",
        "всероссийской олимпиады школьников",
        "ПРИКАЗЫВАЮ:",
        "1. Провести школьный этап олимпиады с 15 по 30 сентября.",
    )
    result = read(document)
    assert (result["number"], result["date"]) == ("02-07/41", "2025-03-12")
    assert result["title"] == (
        "ПРИКАЗ О проведении школьного этапа всероссийской олимпиады школьников"
    )
    assert result["preamble"] == ""
    assert result["tables"] == []


def test_6_side_stamps_are_kept():
    document = new_document()
    stamp_table(
        document,
        ["ПРИНЯТО", "на заседании педагогического совета", "протокол от 27.08.2025 № 1"],
        ["УТВЕРЖДАЮ", "Директор МАОУ «Гимназия № 3»", "________ О.А. Иванова", "28.08.2025"],
    )
    stamp_table(
        document,
        ["РАССМОТРЕНО", "на заседании ШМО учителей", "протокол № 1 от 26.08.2025"],
        ["СОГЛАСОВАНО", "Председатель профкома", "______ Е.П. Кузнецова", "27.08.2025"],
    )
    paragraphs(document, "ПОЛОЖЕНИЕ", "о методическом объединении учителей", "1. Общие положения")
    paragraphs(document, "1.1. Объединение создаётся приказом директора.")
    stamps = read(document)["stamps"]
    assert [(s["kind"], s["word"]) for s in stamps] == [
        ("adoption", "ПРИНЯТО"),
        ("approval", "УТВЕРЖДАЮ"),
        ("consideration", "РАССМОТРЕНО"),
        ("agreement", "СОГЛАСОВАНО"),
    ]
    assert stamps[0]["body"] == "на заседании педагогического совета"
    assert stamps[0]["act"] == {"type": "протокол", "number": "1", "date": "2025-08-27"}
    assert (stamps[1]["name"], stamps[1]["date"]) == ("О.А. Иванова", "2025-08-28")
    assert stamps[2]["act"] == {"type": "протокол", "number": "1", "date": "2025-08-26"}
    assert (stamps[3]["position"], stamps[3]["name"], stamps[3]["date"]) == (
        "Председатель профкома",
        "Е.П. Кузнецова",
        "2025-08-27",
    )


def test_7_signature_and_executor_note_are_not_part_of_the_last_clause():
    document = new_document()
    paragraphs(
        document,
        "ПРИКАЗ",
        "01.09.2025 № 112-од",
        "О назначении ответственных",
        "ПРИКАЗЫВАЮ:",
        "1. Назначить ответственным за ведение сайта Петрова А.С.",
        "2. Контроль за исполнением приказа оставляю за собой.",
        "Директор ____________ О.А. Иванова",
        "Исп. Кузнецова Е.П., 8 (4912) 25-00-00",
    )
    result = read(document)
    clauses = result["sections"][0]["clauses"]
    assert clauses[-1]["text"] == "Контроль за исполнением приказа оставляю за собой."
    assert result["signatures"] == [
        {
            "position": "Директор",
            "name": "О.А. Иванова",
            "text": "Директор ____________ О.А. Иванова",
        }
    ]
    assert result["executor"]["name"] == "Кузнецова Е.П."
    assert result["executor"]["phone"] == "8 (4912) 25-00-00"
    assert "Иванова" not in all_text(result) and "25-00-00" not in all_text(result)


def test_8_an_appendix_note_above_a_regulation_is_its_approving_order():
    document = new_document()
    stamp_table(
        document, [], ["Приложение № 2", "к приказу МАОУ «Лицей № 12»", "от 01.09.2025 № 203"]
    )
    paragraphs(document, "ПОЛОЖЕНИЕ", "о внутренней системе оценки качества образования")
    paragraphs(document, "1. Общие положения", "1.1. Положение определяет порядок оценки.")
    result = read(document)
    assert (result["number"], result["date"]) == (None, None)
    approval = result["approval"]
    assert (approval["order_number"], approval["order_date"], approval["appendix"]) == (
        "203",
        "2025-09-01",
        "2",
    )
    assert result["stamps"][0]["kind"] == "appendix"


@pytest.mark.parametrize(
    ("heading", "kind", "word"),
    [
        ("ИНСТРУКЦИЯ", "instruction", "УТВЕРЖДЕНА"),
        ("ПРАВИЛА", "rules", "УТВЕРЖДЕНЫ"),
        ("ПОРЯДОК", "procedure", "УТВЕРЖДЕН"),
        ("РЕГЛАМЕНТ", "reglament", "УТВЕРЖДЕН"),
        ("РАБОЧАЯ ПРОГРАММА", "programme", "УТВЕРЖДЕНА"),
        ("АНАЛИТИЧЕСКАЯ СПРАВКА", "note", "УТВЕРЖДЕНА"),
        ("ПИСЬМО", "letter", None),
    ],
)
def test_9_kinds_and_their_stamp_words(heading, kind, word):
    document = new_document()
    if word:
        stamp_table(document, [], [word, "приказом директора", "от 28.08.2025 № 77"])
    paragraphs(document, heading, "о работе с обращениями", "1. Общие положения")
    paragraphs(document, "1.1. Текст.")
    result = read(document)
    assert result["kind"] == kind
    if word:
        assert result["approval"]["stamp"] == word
        assert result["approval"]["order_number"] == "77"


def test_10_plan_tables_keep_section_rows_and_the_signature():
    document = new_document()
    paragraphs(document, "ПЛАН РАБОТЫ", "школьной библиотеки на 2025/2026 учебный год")
    table = document.add_table(rows=5, cols=4)
    header = ["№ п/п", "Мероприятие", "Сроки", "Ответственный"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for r in (1, 3):
        merged = table.rows[r].cells[0].merge(table.rows[r].cells[3])
        merged.text = "1. Организационная работа" if r == 1 else "2. Работа с читателями"
    for r, row in ((2, ["1.1", "Составление плана", "сентябрь", "Иванова О.А."]),
                   (4, ["2.1", "Книжная выставка", "октябрь", "Петров А.С."])):
        for cell, text in zip(table.rows[r].cells, row, strict=True):
            cell.text = text
    paragraphs(document, "Заместитель директора по УВР ____________ Е.П. Кузнецова")
    result = read(document)
    assert result["plan_sections"] == ["1. Организационная работа", "2. Работа с читателями"]
    assert [(i["number"], i["activity"], i["section"]) for i in result["plan_items"]] == [
        ("1.1", "Составление плана", "1. Организационная работа"),
        ("2.1", "Книжная выставка", "2. Работа с читателями"),
    ]
    assert result["preamble"] == ""
    assert result["signatures"][0]["name"] == "Е.П. Кузнецова"


@pytest.mark.django_db
def test_11_import_documents_json_shows_every_requisite(org_tree, tmp_path):
    document = new_document()
    stamp_table(
        document,
        ["ПРИНЯТО", "педагогическим советом", "протокол от 27.08.2025 № 1"],
        ["УТВЕРЖДАЮ", "Директор", "________ О.А. Иванова", "28.08.2025"],
    )
    paragraphs(document, "ПОЛОЖЕНИЕ", "о дежурстве", "(в ред. приказов от 01.02.2026 № 5)")
    paragraphs(document, "Настоящее положение определяет порядок дежурства.")
    paragraphs(document, "1. Общие положения", "1.1. Дежурство организуется ежедневно.")
    paragraphs(document, "Директор ____________ О.А. Иванова")
    path = tmp_path / "duty.docx"
    path.write_bytes(to_bytes(document))
    out = io.StringIO()
    call_command("import_documents", str(path), "--json", "--organization", "imc", stdout=out)
    found = json.loads(out.getvalue())["documents"][0]
    assert found["preamble"] == "Настоящее положение определяет порядок дежурства."
    assert found["revision_header"] == "(в ред. приказов от 01.02.2026 № 5)"
    assert [(s["kind"], s["date"]) for s in found["stamps"]] == [
        ("adoption", None),
        ("approval", "2025-08-28"),
    ]
    assert found["stamps"][0]["act"]["date"] == "2025-08-27"
    assert found["signatures"][0]["name"] == "О.А. Иванова"
