"""Sections of a work plan (issue 17, Must 4): the section rows of a plan table («1.
Организационная работа» across the table) become the sections of the plan's items, stay on
the plan's page, in the document approved and registered, and read back from it."""

import datetime
import io

import docx
import pytest

from documents.importer import analyse, extract
from plans.flows import PlanFlow
from plans.models import Plan
from workflows.models import Approval

from .import_corpus import new_document, plan_table, to_bytes
from .test_workflow_plan import _upload, at, plans_journal  # noqa: F401 (a fixture)
from .workflow_helpers import client_for, decide, urls_loaded

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата"]
ORGANISATIONAL = "1. Организационная работа"
METHODICAL = "2. Методическая работа"


def sectioned_plan() -> bytes:
    document = new_document()
    document.add_paragraph("ПЛАН РАБОТЫ")
    document.add_paragraph("лаборатории на 2026/2027 учебный год")
    plan_table(document, HEADER, [
        ORGANISATIONAL,
        ["1", "Заседание методического совета", "до 15.09.2026", "Попова А.С.", "протокол"],
        ["2", "Утверждение планов ШМО", "сентябрь", "Волкова", "приказ"],
        METHODICAL,
        ["3", "Семинар для заместителей директоров", "ноябрь", "Волкова",
         "методическая разработка"],
    ])
    return to_bytes(document)


@pytest.mark.usefixtures("plans_journal")
def test_plan_sections_from_the_file_to_the_registered_document(people):
    urls_loaded()
    deputy, senior, head, methodist = (
        people["deputy"], people["senior"], people["head"], people["methodist"]
    )
    web = client_for(deputy)
    with at(D(2026, 9, 2)):
        assert web.post("/plans/new/", {
            "title": "План работы лаборатории на 2026/2027 учебный год",
            "period_kind": "school", "period_unit": "year", "year": 2026,
        }).status_code == 302
        plan = Plan.objects.get()
        imported = web.post(f"/plans/{plan.pk}/import/",
                            {"file": _upload("plan.docx", sectioned_plan())})
        assert imported.status_code == 302
        assert [(i.number, i.section) for i in plan.items.order_by("order")] == [
            ("1", ORGANISATIONAL), ("2", ORGANISATIONAL), ("3", METHODICAL)
        ]
        # An item typed in under an existing section stands with that section's items.
        page = web.get(f"/plans/{plan.pk}/").content.decode()
        assert f'<option value="{ORGANISATIONAL}">' in page  # offered on the form
        added = web.post(f"/plans/{plan.pk}/items/new/", {
            "section": ORGANISATIONAL, "number": "", "activity": "Комплектование кадров",
            "due_text": "август", "responsible": [methodist.pk], "result_form": "справка",
        })
        assert added.status_code == 302
        assert [(i.activity, i.section) for i in plan.items.order_by("order")][:3] == [
            ("Заседание методического совета", ORGANISATIONAL),
            ("Утверждение планов ШМО", ORGANISATIONAL),
            ("Комплектование кадров", ORGANISATIONAL),
        ]
        page = web.get(f"/plans/{plan.pk}/").content.decode()
        assert page.count(f'<tr class="rg-plan-section"><th colspan="7">{ORGANISATIONAL}') == 1
        assert page.count(f'<tr class="rg-plan-section"><th colspan="7">{METHODICAL}') == 1
        assert page.index(ORGANISATIONAL) < page.index("Комплектование кадров") < page.index(
            METHODICAL) < page.index("Семинар для заместителей")
        sent = web.post(PlanFlow.start.reverse("execute"),
                        {"plan": plan.pk, "add_approvers": [senior.pk]})
        assert sent.status_code == 302, sent.content.decode()[:2000]
    approval = Approval.objects.get(kind="plan")
    with at(D(2026, 9, 3)):
        assert decide(senior, approval).status_code == 302
        assert decide(head, approval).status_code == 302
    plan.refresh_from_db()
    document = plan.document
    assert plan.status == Plan.Status.APPROVED and document.number
    version = document.current_version
    assert [i.section for i in version.plan_items.all()] == [
        ORGANISATIONAL, ORGANISATIONAL, ORGANISATIONAL, METHODICAL
    ]
    with version.file.open("rb") as handle:
        data = handle.read()
    table = docx.Document(io.BytesIO(data)).tables[-1]
    merged = [row for row in table.rows if len({id(c._tc) for c in row.cells}) == 1]
    assert [row.cells[0].text for row in merged] == [ORGANISATIONAL, METHODICAL]
    again = analyse(extract("plan.docx", data)).as_dict()
    assert again["plan_sections"] == [ORGANISATIONAL, METHODICAL]
    assert [i["section"] for i in again["plan_items"]] == [
        ORGANISATIONAL, ORGANISATIONAL, ORGANISATIONAL, METHODICAL
    ]
    page = client_for(head).get(f"/documents/{document.pk}/").content.decode()
    assert page.count('<tr class="rg-plan-section">') == 2
