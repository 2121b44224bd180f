"""Issue 18: the generated forms as a records manager signs them, read back from the .docx the
system writes (python-docx). One test per defect as it is fixed."""

import datetime
import io
import shutil
import subprocess

import docx
import pytest
from django.utils import timezone
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn

from common import gost
from common.russian import inflect_phrase
from conclusions.documents import GENERATOR as CONCLUSION_GENERATOR
from conclusions.documents import conclusion_title, object_words
from documents import amendments
from documents.models import Document
from documents.rendering import render_revision
from documents.requisites import generate
from documents.selectors import document_outline
from orders.documents import GENERATOR as ORDER_GENERATOR
from plans.documents import plan_stamp
from registry.exports import CHECK_NOTE, nomenclature_docx
from workflows.sheet import signer

from .test_import_roundtrip import CONCLUSION_FORM
from .test_rendering import seed_regulation  # noqa: F401 (a fixture)


class Organization:
    def __init__(self, name, short_name=""):
        self.name, self.short_name = name, short_name

    def __str__(self):
        return self.short_name or self.name


@pytest.mark.parametrize(
    ("phrase", "genitive"),
    [
        ("Управление образования", "Управления образования"),
        ("Информационно-методический центр", "Информационно-методического центра"),
        ("МКУ «ИМЦ»", "МКУ «ИМЦ»"),
        ("Старший методист", "Старшего методиста"),
        (
            "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»",
            "Муниципального бюджетного общеобразовательного учреждения «Средняя школа № 7»",
        ),
        (
            "Заместитель директора по научно-методической работе",
            "Заместителя директора по научно-методической работе",
        ),
        ("Школа № 1", "Школы № 1"),
    ],
)
def test_1_organisation_names_and_positions_are_declined_keeping_capitals(phrase, genitive):
    assert inflect_phrase(phrase, "gent") == genitive


def test_1_an_order_stamp_names_the_organisation_in_the_genitive():
    lines = gost.stamp_lines(
        {"order_number": "12", "order_date": "2026-09-01"},
        kind="regulation",
        organization=Organization("Управление образования"),
    )
    assert lines == ["УТВЕРЖДЕНО", "приказом Управления образования", "от 01.09.2026 № 12"]


def test_1_an_acting_head_signs_for_the_position_declined_in_every_word(make_person, org_tree):

    class Step:  # the decision of a substitute for the head of the laboratory
        on_behalf_of_id = 1
        on_behalf_of = make_person(
            "chief", org_tree["centre"], position="Старший методист лаборатории"
        )
        assignee = make_person("substitute", org_tree["centre"], last_name="Петрова")
        decided_at = timezone.now()

    assert signer(Step)["position"] == "И.о. старшего методиста лаборатории"


@pytest.mark.parametrize("kind", ["plan", "conclusion"])
def test_2_a_person_approves_with_utverzhdayu_the_position_and_the_organisation(kind):
    lines = gost.stamp_lines(
        {
            "stamp": "УТВЕРЖДАЮ",
            "position": "Директор",
            "organization": "Информационно-методический центр",
            "name": "М.В. Соколова",
            "date": "2026-09-04",
        },
        kind=kind,
        organization=Organization("Информационно-методический центр"),
    )
    assert lines == [
        "УТВЕРЖДАЮ",
        "Директор Информационно-методического центра",
        "________ М.В. Соколова",
        "04.09.2026",
    ]


def test_2_the_plans_stamp_is_the_persons_form(people):

    class Step:
        on_behalf_of_id = None
        assignee = people["head"]
        decided_at = timezone.now()

    stamp = plan_stamp(Step)
    assert stamp["stamp"] == "УТВЕРЖДАЮ"
    assert stamp["organization"] == str(people["head"].organization)


def test_4_a_plans_title_does_not_repeat_the_heading(org_tree):

    document = Document(
        organization=org_tree["centre"], kind="plan",
        title="План работы центра на 2026/2027 учебный год",
    )
    rendered = docx.Document(io.BytesIO(render_revision(document, structure={}, outline=[])))
    texts = [p.text for p in rendered.paragraphs if p.text]
    assert texts[:2] == ["ПЛАН РАБОТЫ", "центра на 2026/2027 учебный год"]
    assert "работы работы" not in " ".join(texts).lower()


# --- 9. tables and headings laid out for print ---------------------------------------------------


def _laid_out(table) -> dict:

    rows = table._tbl.tr_lst
    return {
        "widths": [c.w for c in table._tbl.tblGrid.gridCol_lst],
        "header_repeats": rows[0].trPr is not None
        and rows[0].trPr.find(qn("w:tblHeader")) is not None,
        "rows_kept_whole": all(
            r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows
        ),
        "fixed": table._tbl.tblPr.find(qn("w:tblLayout")) is not None,
    }


def _plan_document(org_tree):

    document = Document(organization=org_tree["centre"], kind="plan", title="План работы")
    items = [
        {"number": "1", "activity": "Семинар «Функциональная грамотность»", "due": "ноябрь",
         "responsible": "Ответственный методист", "result_form": "методическая разработка",
         "section": "1. Методическая работа"},
    ] * 3
    return docx.Document(
        io.BytesIO(render_revision(document, structure={}, outline=[], plan_items=items))
    )


def test_9_a_plan_table_has_proportional_widths_a_repeated_header_and_whole_rows(org_tree):
    layout = _laid_out(_plan_document(org_tree).tables[-1])
    assert layout["header_repeats"] and layout["rows_kept_whole"] and layout["fixed"]
    widths = layout["widths"]
    assert len(set(widths)) > 1 and widths[1] == max(widths)  # «Мероприятие» is the widest
    assert abs(sum(w.mm for w in widths) - gost.TEXT_WIDTH_MM) < 1


def test_9_no_column_is_narrower_than_its_longest_word():
    rows = [
        ["№", "Ответственный", "Мероприятие"],
        ["1", "Кузнецова Е.П.", "Заседание методического совета по вопросам аттестации " * 3],
    ]
    widths = gost.column_widths(rows)
    assert widths[1] >= len("Ответственный") * 2.4  # mm for «Ответственный» in 14 pt
    assert widths[2] == max(widths) and abs(sum(widths) - gost.TEXT_WIDTH_MM) < 0.01


def test_9_the_nomenclatures_tables_are_laid_out_too(nomenclature):

    out = docx.Document(io.BytesIO(nomenclature_docx(nomenclature)))
    cases, summary = out.tables[1], out.tables[2]
    layout = _laid_out(cases)
    assert layout["header_repeats"] and layout["rows_kept_whole"]
    assert len(set(layout["widths"])) > 1
    assert _laid_out(summary)["rows_kept_whole"]


@pytest.mark.usefixtures("seed_regulation")
def test_9_section_headings_are_kept_with_their_text():


    regulation = Document.objects.get()
    version = regulation.current_version
    out = docx.Document(
        io.BytesIO(
            render_revision(
                regulation, structure=version.structure, outline=document_outline(version)
            )
        )
    )
    titles = {f"{s['number']}. {s['title']}" for s in document_outline(version) if s["number"]}
    headings = [p for p in out.paragraphs if p.text in titles]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)


# --- 5. the expert conclusion -----------------------------------------------------------------


def test_5_the_conclusion_names_its_object_in_the_accusative_and_its_experts_sign(org_tree):
    form = {
        **CONCLUSION_FORM,
        "object_title": "Рабочая программа курса «Финансовая грамотность»",
        "experts": ["Соколова Нина Николаевна, Методист", "Егорова Вера Викторовна, Методист"],
        "method": "анализ программы, посещение занятий",
    }
    title = conclusion_title(form)
    assert title == "Экспертное заключение на рабочую программу курса «Финансовая грамотность»"
    document = Document.objects.create(organization=org_tree["centre"], kind="conclusion",
                                       title=title)
    out = docx.Document(io.BytesIO(generate(CONCLUSION_GENERATOR, form, document).data))
    texts = [p.text for p in out.paragraphs]
    assert "на рабочую программу курса «Финансовая грамотность»" in texts
    body = "\n".join(texts)
    assert body.count("«") == body.count("»") and body.count("„") == body.count("“")
    assert "путём анализа программы, посещения занятий." in body
    assert "Соколова Нина Николаевна, методист" in body
    assert "Методист\t\tН.Н. Соколова" in texts and "Методист\t\tВ.В. Егорова" in texts


def test_5_a_named_object_keeps_its_quotes_balanced():
    assert object_words("«Программа курса «Финансовая грамотность»") == (
        "«Программа курса „Финансовая грамотность“»"
    )
    assert object_words('"Цифровая школа"') == "«Цифровая школа»"


# --- 3. the amending order ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "ПОЛОЖЕНИЕ О МЕТОДИЧЕСКОМ ОБЪЕДИНЕНИИ УЧИТЕЛЕЙ САСОВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА "
            "РЯЗАНСКОЙ ОБЛАСТИ",
            "Положение о методическом объединении учителей Сасовского муниципального района "
            "Рязанской области",
        ),
        (
            "ПОЛОЖЕНИЕ О ПРИЁМЕ В МБОУ «СОШ № 7» ИМЕНИ А.С. ПУШКИНА",
            "Положение о приёме в МБОУ «СОШ № 7» имени А.С. Пушкина",
        ),
        ("ПОЛОЖЕНИЕ О ШКОЛЬНОМ ТЕАТРЕ «ЗЕРКАЛО»", "Положение о школьном театре «Зеркало»"),
    ],
)
def test_3_proper_names_and_abbreviations_keep_their_capitals(title, name):
    assert amendments.regulation_name(title) == name


def test_3_one_change_is_worded_in_the_singular_and_the_effective_date_is_stated():
    operation = amendments.normalise({"op": "repeal", "clause": "5.7"})
    item = amendments.order_item("Положение о совете", datetime.date(2017, 8, 31), "69/1",
                                 [operation])
    assert item == (
        "Внести в Положение о совете, утверждённое приказом от 31.08.2017 № 69/1, следующее "
        "изменение: пункт 5.7 признать утратившим силу."
    )
    assert amendments.effective_item(datetime.date(2027, 1, 1)) == (
        "Настоящие изменения вступают в силу с 01.01.2027."
    )
    assert amendments.effective_item(None, 1) == (
        "Настоящее изменение вступает в силу со дня подписания настоящего приказа."
    )


# --- 6. the order's blank and items -----------------------------------------------


@pytest.mark.parametrize("place", ["г. Сасово", ""])
def test_6_the_order_blank_is_the_organisations_with_date_left_number_right_and_place(
    org_tree, place
):
    centre = org_tree["centre"]
    centre.place = place
    centre.save()
    document = Document.objects.create(
        organization=centre, unit=org_tree["units"]["imc-02"], kind="order",
        title="О проведении олимпиады",
    )
    form = {
        "title": "О проведении олимпиады",
        "preamble": "В соответствии с планом работы на 2026/2027 учебный год",
        "items": ["Провести олимпиаду.", "Утвердить состав жюри."],
        "executors": ["О.А. Иванова", "А.С. Петров"],
        "control": "Контроль за исполнением приказа оставляю за собой.",
    }
    generated = generate(ORDER_GENERATOR, form, document,
                         {"registration": {"number": "01-12/45", "date": "2026-03-15"}})
    out = docx.Document(io.BytesIO(generated.data))
    assert out.tables[0].rows[0].cells[0].text == centre.name  # no «Лаборатория»
    texts = [p.text for p in out.paragraphs]
    line = next(p for p in out.paragraphs if p.text == "15.03.2026\t№ 01-12/45")
    assert line.alignment in (None, 0)  # left
    stops = line.paragraph_format.tab_stops
    assert [(s.alignment, round(s.position.mm)) for s in stops] == [
        (WD_TAB_ALIGNMENT.RIGHT, gost.TEXT_WIDTH_MM)
    ]
    assert texts[texts.index(line.text) + 1] == (place or gost.BLANK_PLACE)
    assert "В соответствии с планом работы на 2026/2027 учебный год," in texts
    assert (
        "3. Назначить ответственными за исполнение настоящего приказа О.А. Иванову, "
        "А.С. Петрова." in texts
    )
    assert "4. Контроль за исполнением приказа оставляю за собой." in texts


# --- 7, 8. the executor note and the QR code on the printed pages ---------------------------


def _pdf_pages(tmp_path, name, data) -> tuple[list[str], list[int]]:
    """The pages' texts (pdftotext) and the pages that carry a picture (pdfimages) of the .docx
    converted by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler-utils (pdftotext) are not both installed")
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=False,
    )
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    return text.split("\f")[:-1], [int(line.split()[0]) for line in listing]


@pytest.mark.usefixtures("seed_regulation")
def test_7_8_the_executor_note_ends_the_last_page_and_the_qr_code_is_on_the_first(
    tmp_path, make_person, org_tree
):
    regulation = Document.objects.get()
    regulation.number, regulation.date = "01-12/45", datetime.date(2026, 3, 15)
    regulation.save()
    author = make_person("author", org_tree["centre"], first_name="Ольга",
                         last_name="Иванова", phone="8 (49133) 2-10-10")
    version = regulation.current_version
    data = render_revision(
        regulation, structure=version.structure, outline=document_outline(version),
        registration={"number": "01-12/45", "date": "2026-03-15"}, executor=author,
    )
    pages, pictures = _pdf_pages(tmp_path, "regulation", data)
    assert len(pages) >= 3
    assert "Иванова Ольга" in pages[-1] and "8 (49133) 2-10-10" in pages[-1]
    assert all("Иванова Ольга" not in page for page in pages[:-1])
    last_lines = [line for line in pages[-1].splitlines() if line.strip()]
    assert "8 (49133) 2-10-10" in last_lines[-1]  # at the foot, nothing under it
    assert pictures == [1]  # the QR code, on the first page


def test_7_the_executor_note_has_a_line_for_the_phone_when_the_profile_has_none():
    out = docx.Document()
    gost.executor_note(out, name="Иванова Ольга Андреевна")
    assert [p.text for p in out.paragraphs][-2:] == [
        "Иванова Ольга Андреевна", gost.EXECUTOR_BLANK_PHONE
    ]


# --- 13. the nomenclature --------------------------------------------------------------------


def test_13_the_nomenclature_has_its_place_pages_compiler_archive_and_agreements(
    nomenclature, clerk
):
    out = docx.Document(io.BytesIO(nomenclature_docx(nomenclature, compiler=clerk)))
    texts = [p.text for p in out.paragraphs]
    header = out.sections[0].header.paragraphs[0]._p
    assert "PAGE" in "".join(t.text or "" for t in header.iter(qn("w:instrText")))
    at = texts.index("НОМЕНКЛАТУРА ДЕЛ")
    assert texts[at + 1] == gost.BLANK_REGISTRATION
    assert texts[at + 2] == (nomenclature.organization.place or gost.BLANK_PLACE)
    assert any(t.endswith(clerk.initials_name) and "____" in t for t in texts)
    assert "Итоговые сведения переданы в архив организации." in texts
    assert "Протокол ЭК от ____________ № ______" in texts
    assert "Протокол ЭПК архивного учреждения от ____________ № ______" in texts
    rows = [[c.text for c in r.cells] for r in out.tables[1].rows[2:]]
    checked = [r for r in rows if r[0] and CHECK_NOTE in r[4]]
    unchecked_rules = {c.index for c in nomenclature.cases.all() if c.retention_rule.needs_check}
    assert {r[0] for r in checked} == unchecked_rules
    assert all(r[3] for r in rows if r[0])  # the period column is never empty
