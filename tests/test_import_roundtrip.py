"""Every kind the system renders reads back as what the record holds (issue 17): the same title,
number, date, stamps, clauses and tables, and no signature or executor text inside the text.
The documents are built by the generators the processes use, with the requisites the process
and the registry give them (approval, registration, signature), and by the consolidated
revision of a regulation."""

import datetime
from pathlib import Path

import pytest

from documents import amendments, services
from documents.importer import analyse, extract
from documents.models import Document
from documents.rendering import render_revision
from documents.requisites import generate
from documents.selectors import document_outline

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"
REGISTRATION = {"number": "01-12/358", "date": "2026-11-30"}
HEAD = {"position": "Директор", "name": "М.В. Соколова", "date": "2026-11-27"}


@pytest.fixture
def author(make_person, org_tree):
    return make_person(
        "methodist", org_tree["centre"], first_name="Ольга", last_name="Иванова",
        middle_name="Андреевна", phone="8 (4912) 25-00-00",
    )


def new_document(org_tree, author, kind, title) -> Document:
    # The record the generator writes for; its status does not matter to the rendering.
    return Document.objects.create(
        organization=org_tree["centre"], kind=kind, title=title, author=author
    )


def read(data: bytes) -> dict:
    return analyse(extract("rendered.docx", data)).as_dict()


def texts_of(result) -> list[str]:
    texts = [result["preamble"]]
    for section in result["sections"]:
        texts += [section["title"], section["text"], *(c["text"] for c in section["clauses"])]
    return [t for t in texts if t]


def assert_nothing_of_the_closing_inside_the_text(result, author):
    texts = "\n".join(texts_of(result))
    for signed in result["signatures"]:
        assert signed["name"] not in texts
    assert author.last_name not in texts
    assert author.phone not in texts
    assert result["executor"] and result["executor"]["phone"] == author.phone
    assert author.last_name in result["executor"]["name"]


def outline(sections) -> list:
    return [
        (
            s.get("number") or None,
            s.get("title", ""),
            s.get("text", ""),
            [(c["number"], c["text"]) for c in s.get("clauses", [])],
        )
        for s in sections
    ]


def same_title(result, document) -> bool:
    title = result["title"]
    heading = result["kind_heading"]
    if not document.title.upper().startswith(heading) and title.upper().startswith(heading):
        title = title[len(heading):].strip()
    return title.casefold() == document.title.casefold()


CONCLUSION_FORM = {
    "object_title": "Рабочая программа по математике для 5 класса",
    "object_author": "Петрова А.А.",
    "object_subject": "математика, 5 класс",
    "experts": ["Соколова Нина Николаевна, методист", "Егорова Вера Викторовна, методист"],
    "collected_from": "2026-10-01",
    "collected_to": "2026-10-15",
    "method": "анализ документов, посещение уроков",
    "theses": "Программа соответствует ФГОС.\nПланируемые результаты конкретны.",
    "criteria": [
        {"criterion": "Соответствие ФГОС", "score": 5, "remark": "полностью"},
        {"criterion": "Логика изложения", "score": 4, "remark": ""},
    ],
    "conclusion": "Программа составлена в соответствии с требованиями.",
    "recommendations": "Дополнить перечень цифровых ресурсов.",
    "verdict": "recommended",
}


def test_an_expert_conclusion_reads_back(org_tree, author):
    from conclusions.documents import GENERATOR, conclusion_title

    document = new_document(
        org_tree, author, Document.Kind.CONCLUSION, conclusion_title(CONCLUSION_FORM)
    )
    approval = {"stamp": "УТВЕРЖДАЮ", **HEAD}
    generated = generate(
        GENERATOR, CONCLUSION_FORM, document,
        {"approval": approval, "registration": REGISTRATION},
    )
    result = read(generated.data)
    assert result["kind"] == "conclusion" and same_title(result, document)
    assert (result["number"], result["date"]) == (REGISTRATION["number"], REGISTRATION["date"])
    assert [(s["kind"], s["word"], s["position"], s["name"], s["date"])
            for s in result["stamps"]] == [
        ("approval", "УТВЕРЖДАЮ", HEAD["position"], HEAD["name"], HEAD["date"])
    ]
    assert outline(result["sections"]) == outline(generated.content["sections"])
    assert [t["rows"] for t in result["tables"]] == [
        t["rows"] for t in generated.content["tables"]
    ]
    assert [t["at"]["section"] for t in result["tables"]] == [
        t["at"]["section"] for t in generated.content["tables"]
    ]
    assert result["preamble"] == ""
    assert_nothing_of_the_closing_inside_the_text(result, author)


ORDER_FORM = {
    "title": "О проведении муниципального этапа олимпиады",
    "preamble": "В соответствии с планом работы на 2026/2027 учебный год, на основании "
                "письма министерства образования от 14.02.2026 № 15-04/322",
    "items": ["Провести муниципальный этап олимпиады с 10.12.2026 по 20.12.2026.",
              "Утвердить состав жюри (приложение № 1)."],
    "control": "Контроль за исполнением приказа оставляю за собой.",
    "executors": ["Петров А.С.", "Смирнова Т.В."],
}


def _order(org_tree, author, form):
    from orders.documents import GENERATOR

    document = new_document(org_tree, author, Document.Kind.ORDER, form["title"])
    signature = {"position": "Директор", "name": HEAD["name"]}
    generated = generate(
        GENERATOR, form, document, {"registration": REGISTRATION, "signature": signature}
    )
    return document, generated, read(generated.data)


def _assert_order_reads_back(document, generated, result, author):
    assert result["kind"] == "order" and same_title(result, document)
    assert (result["number"], result["date"]) == (REGISTRATION["number"], REGISTRATION["date"])
    assert result["stamps"] == [] and result["operative"] == "ПРИКАЗЫВАЮ:"
    assert result["preamble"] == generated.content["preamble"]
    assert outline(result["sections"]) == outline(generated.content["sections"])
    assert result["tables"] == []
    assert [(s["position"], s["name"]) for s in result["signatures"]] == [
        ("Директор", HEAD["name"])
    ]
    assert_nothing_of_the_closing_inside_the_text(result, author)


def test_an_order_reads_back(org_tree, author):
    _assert_order_reads_back(*_order(org_tree, author, ORDER_FORM), author)


def test_an_amending_order_reads_back(org_tree, author):
    operations = [
        {"op": "set", "clause": "2.2", "text": "Отметки выставляются в течение трёх дней."},
        {"op": "repeal", "clause": "3.4"},
        {"op": "replace", "clause": "1.3", "old": "учителем", "new": "педагогом"},
    ]
    item = amendments.order_item(
        "Положение о ведении электронного журнала", datetime.date(2017, 8, 31), "69/1",
        [amendments.normalise(op) for op in operations],
    )
    form = {**ORDER_FORM, "title": "О внесении изменений в Положение о ведении электронного "
            "журнала", "items": [item], "executors": []}
    _assert_order_reads_back(*_order(org_tree, author, form), author)


PLAN_ROWS = [
    {"number": "1", "activity": "Заседание методического совета «Приоритеты 2026/2027»",
     "due": "сентябрь", "responsible": "Кузнецова Е.П.", "result_form": "протокол",
     "section": "1. Организационная работа"},
    {"number": "2", "activity": "Утверждение рабочих программ", "due": "до 01.09.2026",
     "responsible": "руководители ШМО", "result_form": "приказ",
     "section": "1. Организационная работа"},
    {"number": "3", "activity": "Семинар «Функциональная грамотность»", "due": "ноябрь",
     "responsible": "Иванова О.А.", "result_form": "материалы семинара",
     "section": "2. Методическая работа"},
]


@pytest.mark.parametrize("with_sections", [True, False], ids=["sections", "no-sections"])
def test_a_plan_reads_back(org_tree, author, with_sections):
    from plans.documents import GENERATOR

    rows = [r if with_sections else {**r, "section": ""} for r in PLAN_ROWS]
    document = new_document(
        org_tree, author, Document.Kind.PLAN,
        "План работы методического совета на 2026/2027 учебный год",
    )
    approval = {"stamp": "УТВЕРЖДАЮ", **HEAD}
    generated = generate(
        GENERATOR, {"rows": rows}, document,
        {"approval": approval, "registration": REGISTRATION},
    )
    result = read(generated.data)
    assert result["kind"] == "plan" and same_title(result, document)
    assert (result["number"], result["date"]) == (REGISTRATION["number"], REGISTRATION["date"])
    assert [(s["word"], s["position"], s["name"], s["date"]) for s in result["stamps"]] == [
        ("УТВЕРЖДАЮ", HEAD["position"], HEAD["name"], HEAD["date"])
    ]
    fields = ("number", "activity", "due", "responsible", "result_form", "section")
    assert [{k: i[k] for k in fields} for i in result["plan_items"]] == rows
    assert result["plan_sections"] == (
        ["1. Организационная работа", "2. Методическая работа"] if with_sections else []
    )
    assert result["sections"] == [] and result["preamble"] == ""
    assert_nothing_of_the_closing_inside_the_text(result, author)


def test_a_consolidated_revision_reads_back(org_tree, author):
    path = next(SEEDS.glob("004_*.txt"))
    document = services.create_document(
        organization=org_tree["authority"], name=path.name, data=path.read_bytes(), author=author
    )
    version = document.current_version
    structure = {**version.structure, "revision_header": "(в ред. приказов от 15.01.2026 № 5, "
                 "от 10.03.2026 № 41)"}
    stamp = version.structure["approval"]
    data = render_revision(
        document, structure=structure, outline=document_outline(version), stamp=stamp,
        registration=REGISTRATION, signature={"position": "Начальник управления",
                                              "name": "Т.Н. Морозова"},
        executor=author,
    )
    result = read(data)
    assert result["kind"] == "regulation" and same_title(result, document)
    assert (result["number"], result["date"]) == (REGISTRATION["number"], REGISTRATION["date"])
    assert result["revision_header"] == structure["revision_header"]
    approval = result["approval"]
    assert (approval["order_number"], approval["order_date"], approval["name"]) == (
        stamp["order_number"], stamp["order_date"], stamp["name"]
    )
    expected = document_outline(version)
    assert outline(result["sections"]) == outline(expected)
    assert result["preamble"] == (version.structure.get("preamble") or "")
    assert [(s["position"], s["name"]) for s in result["signatures"]] == [
        ("Начальник управления", "Т.Н. Морозова")
    ]
    assert_nothing_of_the_closing_inside_the_text(result, author)
