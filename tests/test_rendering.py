"""The system's own .docx (consolidated revisions, plans): page layout, requisites, round
trip, LibreOffice. Only what the record holds is printed."""

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from documents import lifecycle, services
from documents.importer import analyse, extract
from documents.rendering import render_revision
from documents.selectors import document_outline
from orgs.roles import Role

from .record_helpers import keeper

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"


@pytest.fixture
def seed_regulation(org_tree):
    path = next(SEEDS.glob("004_*.txt"))
    return services.create_document(
        organization=org_tree["authority"], name=path.name, data=path.read_bytes()
    )


def render_docx(document, **requisites) -> bytes:
    """The document's current text as the system renders a revision of it, with the stamp the
    file shows and whatever requisites the test gives."""
    version = document.current_version
    return render_revision(
        document,
        structure=version.structure,
        outline=document_outline(version),
        plan_items=list(version.plan_items.all()),
        stamp=requisites.pop("stamp", version.structure.get("approval")),
        **requisites,
    )


def all_text(rendered) -> str:
    parts = [p.text for p in rendered.paragraphs]
    for table in rendered.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def test_page_layout_font_and_page_numbers(seed_regulation):
    rendered = docx.Document(io.BytesIO(render_docx(seed_regulation)))
    section = rendered.sections[0]

    def mm(length):
        return round(length.mm, 1)  # stored in twips: 210 mm reads back as 210.004

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.left_margin), mm(section.right_margin)) == (20, 10)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    normal = rendered.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    # Numbers from the second page: a distinct (empty) first-page header, PAGE field centred.
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:val="center"' in header_xml
    assert not section.first_page_header.paragraphs[0].text
    clause = next(p for p in rendered.paragraphs if p.text.startswith("1.1. "))
    assert clause.paragraph_format.first_line_indent is not None


def test_round_trip_keeps_sections_clauses_and_texts(seed_regulation):
    data = render_docx(seed_regulation)
    again = analyse(extract("rendered.docx", data)).as_dict()
    original = document_outline(seed_regulation.current_version)
    assert [(s["number"], s["title"]) for s in again["sections"]] == [
        (s["number"], s["title"]) for s in original
    ]
    assert [c for s in again["sections"] for c in s["clauses"]] == [
        c for s in original for c in s["clauses"]
    ]
    assert again["kind"] == "regulation" and again["title"] == seed_regulation.title
    approval = again["approval"]
    assert (approval["order_number"], approval["order_date"], approval["name"]) == (
        "69/1",
        "2017-08-31",
        "И.Н. Серёгина",
    )


@pytest.mark.parametrize(
    ("heading", "word"),
    [("ПОЛОЖЕНИЕ", "УТВЕРЖДЕНО"), ("ПЛАН РАБОТЫ", "УТВЕРЖДЕН"), ("СПРАВКА", "УТВЕРЖДЕНА")],
)
def test_stamp_word_agrees_with_kind_or_stays_as_read(org_tree, heading, word):
    stamp = "УТВЕРЖДЕНА приказом директора от 01.09.2021 № 112-од"
    text = f"{stamp}\n\n{heading}\nо работе\n\n1.1. Текст."
    document = services.create_document(
        organization=org_tree["centre"], name="a.txt", data=text.encode()
    )
    # A stamp the system words itself takes the kind's word ...
    own = {"order_number": "112-од", "order_date": "2021-09-01"}
    rendered = docx.Document(io.BytesIO(render_docx(document, stamp=own)))
    stamp_cell = rendered.tables[0].rows[0].cells[1].text.split("\n")
    assert stamp_cell[0] == word
    assert stamp_cell[-1] == "от 01.09.2021 № 112-од"
    assert rendered.tables[0].rows[0].cells[0].text.startswith(org_tree["centre"].name)
    # ... one read from the file keeps the word the file has.
    rendered = docx.Document(io.BytesIO(render_docx(document)))
    assert rendered.tables[0].rows[0].cells[1].text.split("\n")[0] == "УТВЕРЖДЕНА"


def test_order_prints_only_the_requisites_the_record_gives(org_tree, make_person):
    centre = org_tree["centre"]
    make_person(
        "director",
        centre,
        roles=[Role.HEAD],
        first_name="Марина",
        middle_name="Викторовна",
        last_name="Соколова",
        position="Директор",
    )
    author = make_person(
        "m", centre, first_name="Ольга", last_name="Иванова", phone="+7 900 000-00-00"
    )
    text = "ПРИКАЗ\n15.03.2022 № 01-12/45\nО проведении мониторинга\n\n1. Провести мониторинг."
    document = services.create_document(
        organization=centre, name="o.txt", data=text.encode(), author=author
    )
    bare = all_text(docx.Document(io.BytesIO(render_docx(document))))
    # Nobody signed it in the system and it is not registered: no signature, no number, and
    # never the name of whoever heads the organisation today.
    assert "Соколова" not in bare and "01-12/45" not in bare and "Иванова" not in bare
    rendered = docx.Document(
        io.BytesIO(
            render_docx(
                document,
                registration={"number": "01-12/45", "date": "2022-03-15"},
                signature={"position": "И.о. директора", "name": "А.С. Смирнова"},
                executor=author,
            )
        )
    )
    texts = [p.text for p in rendered.paragraphs]
    assert "ПРИКАЗ" in texts
    assert "15.03.2022\t№ 01-12/45" in texts
    assert "О проведении мониторинга" in texts
    assert "И.о. директора\t\tА.С. Смирнова" in texts
    # The executor note: name and phone at the foot of the last page, in 12 pt.
    assert texts[-2:] == ["Иванова Ольга", "+7 900 000-00-00"]
    for paragraph in rendered.paragraphs[-2:]:
        assert paragraph.runs[0].font.size == Pt(12)
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        assert (frame.get(qn("w:yAlign")), frame.get(qn("w:xAlign"))) == ("bottom", "left")
    fonts = rendered.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"


def test_plan_items_render_as_table(org_tree):
    from .docx_factory import new_document, to_bytes

    source = new_document()
    source.add_paragraph("ПЛАН РАБОТЫ")
    source.add_paragraph("на 2026 год")
    table = source.add_table(rows=2, cols=4)
    for cell, value in zip(
        table.rows[0].cells, ["№", "Мероприятие", "Сроки", "Ответственный"], strict=True
    ):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["1", "Семинар", "май", "Иванова"], strict=True):
        cell.text = value
    document = services.create_document(
        organization=org_tree["centre"], name="p.docx", data=to_bytes(source)
    )
    rendered = docx.Document(io.BytesIO(render_docx(document)))
    plan = rendered.tables[-1]
    assert [c.text for c in plan.rows[0].cells][:2] == ["№ п/п", "Мероприятие"]
    assert [c.text for c in plan.rows[1].cells][:4] == ["1", "Семинар", "май", "Иванова"]
    again = analyse(extract("again.docx", render_docx(document))).as_dict()
    assert again["plan_items"][0]["activity"] == "Семинар"


def test_rendered_file_opens_in_libreoffice(seed_regulation, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "regulation.docx"
    source.write_bytes(render_docx(seed_regulation))
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "regulation.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", content)) >= 3  # the regulation runs to pages


def test_qr_code_requisite_carries_registration_data_and_link(org_tree, settings):
    from common.gost import qr_png
    from documents.rendering import qr_payload

    settings.SITE_URL = "https://reglament.example.org"
    text = "ПРИКАЗ\n15.03.2022 № 01-12/45\nО проведении мониторинга\n\n1. Провести."
    document = services.create_document(
        organization=org_tree["centre"], name="o.txt", data=text.encode()
    )
    assert qr_payload(document) == (  # a draft: no registration yet
        f"{org_tree['centre']}; https://reglament.example.org/documents/{document.pk}/"
    )
    lifecycle.enter_from_archive(
        document, actor=keeper(), number="01-12/45", date=datetime.date(2022, 3, 15)
    )
    document.refresh_from_db()
    payload = qr_payload(document)
    assert payload == (
        f"{org_tree['centre']}; № 01-12/45 от 15.03.2022; "
        f"https://reglament.example.org/documents/{document.pk}/"
    )
    rendered = docx.Document(io.BytesIO(render_docx(document)))
    # Bottom right of the first page (ГОСТ Р 7.0.97-2025): floating, in the first paragraph.
    anchors = rendered.element.body.findall(f".//{qn('wp:anchor')}")
    assert len(anchors) == 1 and len(rendered.inline_shapes) == 0
    first = rendered.paragraphs[0]._p
    assert first.findall(f".//{qn('wp:anchor')}") == anchors
    assert [a.text for a in anchors[0].iter(qn("wp:align"))] == ["right", "bottom"]
    images = [part.blob for part in rendered.part.package.parts if part.partname.endswith(".png")]
    assert images == [qr_png(payload)]  # the picture encodes exactly this text
