"""A work plan end to end, through the test client as the real roles: the deputy director drafts
the plan and imports its table, the senior methodist agrees, the head returns it once and then
approves it (УТВЕРЖДАЮ); it is registered in the plans journal and its items go to their
responsible people, who report them done or ask for more time; the report follows."""

import datetime
import io
import zoneinfo

import docx
import pytest
import time_machine

from control.models import Assignment
from control.selectors import discipline
from documents.models import Document
from plans.flows import PlanFlow
from plans.models import Extension, Item, Plan
from workflows.models import Approval, Notification

from .test_plans import plan_table
from .test_workflow_frame import _english_words
from .workflow_helpers import act, client_for, decide, open_task, urls_loaded

pytestmark = pytest.mark.django_db

D = datetime.date
MSK = zoneinfo.ZoneInfo("Europe/Moscow")


def at(day, hour=10):
    moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=MSK)
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def plans_journal(org_tree, nomenclature):
    from registry import services as registry_services
    from registry.models import Journal

    return registry_services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Планы работы",
            kind=Journal.Kind.PLANS,
            number_template="{case}/{n}",
            default_case_index="01-01",
        )
    )


def _text(document) -> str:
    out = docx.Document(io.BytesIO(document.current_version.file.read()))
    cells = [c.text for t in out.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in out.paragraphs] + cells)


def test_plan_end_to_end(people, plans_journal, document, django_capture_on_commit_callbacks):
    urls_loaded()
    deputy, senior, head = people["deputy"], people["senior"], people["head"]
    methodist = people["methodist"]
    with at(D(2026, 9, 2)):
        web = client_for(deputy)
        assert web.get("/plans/").status_code == 200
        refused = web.post(
            "/plans/new/",
            {"title": "План", "period_kind": "school", "period_unit": "quarter", "year": 2026},
        )
        assert refused.status_code == 400 and "Укажите квартал" in refused.content.decode()
        created = web.post(
            "/plans/new/",
            {
                "title": "План работы центра на 2026/2027 учебный год",
                "period_kind": "school",
                "period_unit": "year",
                "year": 2026,
            },
        )
        assert created.status_code == 302
        plan = Plan.objects.get()
        assert (plan.owner, plan.starts_on, plan.ends_on) == (deputy, D(2026, 9, 1), D(2027, 8, 31))

        # Items: one typed in, the rest from the .docx table.
        added = web.post(
            f"/plans/{plan.pk}/items/new/",
            {
                "number": "1",
                "activity": "Мониторинг адаптации первоклассников",
                "due_text": "октябрь",
                "responsible": [methodist.pk],
                "result_form": "справка",
            },
        )
        assert added.status_code == 302
        no_due = web.post(
            f"/plans/{plan.pk}/items/new/", {"activity": "x", "responsible": [methodist.pk]}
        )
        assert no_due.status_code == 400 and "Укажите дату срока" in no_due.content.decode()
        table = plan_table(
            [
                ["2", "Заседание методического совета", "до 15.09.2026", "Попова А.С.", "протокол"],
                [
                    "3",
                    "Семинар для заместителей директоров",
                    "ноябрь",
                    "Волкова",
                    "методическая разработка",
                ],
            ]
        )
        imported = web.post(
            f"/plans/{plan.pk}/import/",
            {"file": _upload("plan.docx", table)},
        )
        assert imported.status_code == 302
        assert plan.items.count() == 3
        # The owner edits an imported row (its people, its due).
        item2 = plan.items.get(number="2")
        edit_url = f"/plans/items/{item2.pk}/edit/"
        edit_page = web.get(edit_url).content.decode()
        # (The test clerk has no name: the list of staff may show their username.)
        assert "Попова А.С." in edit_page and _english_words(edit_page) <= {"clerk"}
        assert client_for(methodist).get(edit_url).status_code == 403
        outside = web.post(
            edit_url,
            {
                "number": "2",
                "activity": "Заседание методического совета",
                "due_on": "2027-09-15",
                "responsible": [senior.pk],
            },
        )
        assert outside.status_code == 400 and "за пределы периода плана" in outside.content.decode()
        assert (
            web.post(
                edit_url,
                {
                    "number": "2",
                    "activity": "Заседание методического совета",
                    "due_text": "до 15.09.2026",
                    "responsible": [senior.pk],
                    "result_form": "протокол",
                },
            ).status_code
            == 302
        )
        item2.refresh_from_db()
        assert list(item2.responsible.all()) == [senior] and item2.due_on == D(2026, 9, 15)

        # Sent for approval with the senior methodist agreeing before the head.
        page = web.get(f"{PlanFlow.start.reverse('execute')}?plan={plan.pk}")
        assert page.status_code == 200
        sent = web.post(
            PlanFlow.start.reverse("execute"), {"plan": plan.pk, "add_approvers": [senior.pk]}
        )
        assert sent.status_code == 302, sent.content.decode()[:2000]
    approval = Approval.objects.get(kind="plan")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ON_APPROVAL and plan.document == approval.document
    assert approval.route == [
        {"participants": [senior.pk], "days": 3},
        {"participants": [head.pk], "days": 3},
    ]
    assert plan.document.kind == Document.Kind.PLAN
    text = _text(plan.document)
    assert (
        "ПЛАН РАБОТЫ" in text
        and "Заседание методического совета" in text
        and "УТВЕРЖДЕН" not in text
    )
    # Not editable by others; the owner cannot edit while it is on approval.
    assert (
        client_for(deputy)
        .post(
            f"/plans/{plan.pk}/items/new/",
            {"activity": "x", "due_text": "май", "responsible": [methodist.pk]},
        )
        .status_code
        == 400
    )

    with at(D(2026, 9, 3)):
        assert decide(senior, approval).status_code == 302
        assert (
            decide(head, approval, "return", "Добавьте срок проведения семинара.").status_code
            == 302
        )
        # Returned: the owner edits the items and sends it back unchanged otherwise.
        item3 = plan.items.get(number="3")
        assert client_for(deputy).post(f"/plans/items/{item3.pk}/remove/").status_code == 302
        assert (
            client_for(deputy)
            .post(
                f"/plans/{plan.pk}/items/new/",
                {
                    "number": "3",
                    "activity": "Семинар для заместителей директоров",
                    "due_on": "2026-11-20",
                    "responsible": [methodist.pk],
                    "result_form": "методическая разработка",
                },
            )
            .status_code
            == 302
        )
        step = open_task(deputy, approval, purpose="revision")
        assert act(deputy, step, {"comment": "Срок семинара указан."}).status_code == 302
    approval.refresh_from_db()
    assert approval.round == 2 and plan.document.versions.count() == 2

    with at(D(2026, 9, 4)), django_capture_on_commit_callbacks(execute=True):
        assert decide(senior, approval).status_code == 302
        assert decide(head, approval).status_code == 302
    approval.refresh_from_db()
    plan.refresh_from_db()
    document_ = plan.document
    assert approval.status == Approval.Status.DONE and plan.status == Plan.Status.APPROVED
    assert document_.status == Document.Status.REGISTERED and document_.number == "01-01/1"
    assert document_.visibility == Document.Visibility.ORGANIZATION
    text = _text(document_)
    # A person approves: «УТВЕРЖДАЮ», the position with the organisation (in the genitive).
    assert (
        "УТВЕРЖДАЮ\nДиректор Информационно-методического центра\n________ М.П. Иванова"
        "\n04.09.2026" in text
    )
    assert "ПЛАН РАБОТЫ\n04.09.2026\t№ 01-01/1\nцентра на 2026/2027 учебный год" in text
    assert "до 20.11.2026" in text and "А.С. Волкова" in text

    # Every item is the responsible person's assignment now.
    item1, item2, item3 = plan.items.order_by("order")
    assert (
        Notification.objects.filter(
            recipient=methodist, subject__startswith="Вам поручен пункт плана"
        ).count()
        == 2
    )
    assert item1.assigned_at is not None and item1.original_due_on == D(2026, 10, 31)
    dashboard = client_for(methodist).get("/workflow/dashboard/").content.decode()
    assert "Мои пункты планов" in dashboard and "Семинар для заместителей директоров" in dashboard
    mine = client_for(methodist).get("/plans/").content.decode()
    assert (
        "Мониторинг адаптации первоклассников" in mine
        and "Заседание методического совета" not in mine
    )
    assert client_for(people["teacher"]).get(f"/plans/{plan.pk}/").status_code == 200
    assert client_for(people["stranger"]).get(f"/plans/{plan.pk}/").status_code == 404

    # The senior methodist reports item 2 done with a document of the system, in time.
    with at(D(2026, 9, 14)):
        done = client_for(senior).post(
            f"/plans/items/{item2.pk}/complete/",
            {
                "report": "Заседание проведено, протокол № 1.",
                "document": str(document.pk),
            },
        )
        assert done.status_code == 302
        # Somebody not responsible cannot.
        assert (
            client_for(senior)
            .post(
                f"/plans/items/{item1.pk}/complete/", {"report": "x", "document": str(document.pk)}
            )
            .status_code
            == 400
        )

    # The methodist asks for more time for item 1; the deputy approves.
    with at(D(2026, 10, 25)):
        asked = client_for(methodist).post(
            f"/plans/items/{item1.pk}/extension/",
            {"due_on": "2026-11-15", "reason": "Не все школы сдали анкеты."},
        )
        assert asked.status_code == 302
        extension = Extension.objects.get()
        assert "Запросы на перенос срока" in client_for(deputy).get("/plans/").content.decode()
        assert (
            client_for(methodist)
            .post(f"/plans/extensions/{extension.pk}/decide/", {"decision": "approved"})
            .status_code
            == 302
        )
        extension.refresh_from_db()
        assert extension.status == Extension.Status.PENDING  # not the owner: refused
        assert (
            client_for(deputy)
            .post(f"/plans/extensions/{extension.pk}/decide/", {"decision": "approved"})
            .status_code
            == 302
        )
    item1.refresh_from_db()
    assert item1.due_on == D(2026, 11, 15)

    # Item 1 done with a file after its new date; item 3 is left overdue.
    with at(D(2026, 11, 17)):
        late = client_for(methodist).post(
            f"/plans/items/{item1.pk}/complete/",
            {"report": "Справка подготовлена.", "file": _upload("справка.docx", table)},
        )
        assert late.status_code == 302
    with at(D(2026, 11, 25)):
        report = client_for(deputy).get(f"/plans/{plan.pk}/report/")
        html = report.content.decode()
        assert report.status_code == 200 and "<svg" in html
        totals = html[html.index('id="totals"') :]
        for label, value in (
            ("Пункты", 3),
            ("Выполнено в срок", 1),
            ("Выполнено с опозданием", 1),
            ("Просрочено", 1),
            ("В работе", 0),
        ):
            assert f"<th>{label}</th><td>{value}</td>" in totals, label
        # One control for everything: the same items are поручения, counted the same way by
        # the discipline report, and listed among the methodist's assignments.
        assignments = Assignment.objects.filter(source=Assignment.Source.PLAN)
        assert {a.source_id for a in assignments} == {item1.pk, item2.pk, item3.pk}
        assert all(a.controller == deputy for a in assignments)
        counts = discipline(deputy, start=D(2026, 9, 1), end=D(2027, 8, 31), today=D(2026, 11, 25))
        assert {k: counts["total"][k] for k in ("done_on_time", "done_late", "overdue")} == {
            "done_on_time": 1, "done_late": 1, "overdue": 1,
        }  # fmt: skip
        extended = assignments.get(source_id=item1.pk)
        assert extended.deadline == D(2026, 11, 15) and extended.status == "done"
        listed = client_for(methodist).get("/control/?which=mine&state=done")
        assert "Мониторинг адаптации первоклассников" in listed.content.decode()
        download = client_for(deputy).get(f"/plans/{plan.pk}/report.docx")
        assert download.status_code == 200
        out = docx.Document(io.BytesIO(download.content))
        assert "по состоянию на 25.11.2026" in "\n".join(p.text for p in out.paragraphs)

        # Every page of the plan speaks Russian, the plan's process page too.
        for url in (
            "/plans/",
            f"/plans/{plan.pk}/",
            f"/plans/items/{item1.pk}/",
            f"/plans/{plan.pk}/report/",
            "/plans/new/",
            PlanFlow.instance.reverse("process_detail", args=[approval.process_id]),
        ):
            page = client_for(deputy).get(url)
            assert page.status_code == 200, url
            assert " ".join(sorted(_english_words(page.content.decode()))) == "", url


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_plan_without_responsible_people_is_not_sent(people, plans_journal):
    urls_loaded()
    deputy = people["deputy"]
    from plans import services
    from plans.periods import Period

    plan = services.create_plan(owner=deputy, title="План", period=Period("school", "year", 2026))
    services.add_item(plan, user=deputy, activity="Без ответственного", due_on=D(2026, 10, 1))
    sent = client_for(deputy).post(PlanFlow.start.reverse("execute"), {"plan": plan.pk})
    assert (
        sent.status_code == 200 and "Назначьте ответственных за пункты 1" in sent.content.decode()
    )
    assert not Approval.objects.exists()
    # Somebody else's plan is not offered at all.
    other = client_for(people["deputy2"]).post(PlanFlow.start.reverse("execute"), {"plan": plan.pk})
    assert other.status_code == 200 and not Approval.objects.exists()


def test_cancelled_plan_returns_to_draft_and_keeps_one_document(people, plans_journal):
    urls_loaded()
    deputy, methodist = people["deputy"], people["methodist"]
    from plans import services
    from plans.periods import Period

    plan = services.create_plan(owner=deputy, title="План", period=Period("school", "year", 2026))
    services.add_item(
        plan, user=deputy, activity="Семинар", due_on=D(2026, 10, 1), responsible=[methodist]
    )
    url = PlanFlow.start.reverse("execute")
    assert client_for(deputy).post(url, {"plan": plan.pk}).status_code == 302
    approval = Approval.objects.get()
    assert (
        client_for(deputy)
        .post(f"/workflow/approvals/{approval.pk}/cancel/", {"reason": "Переделаю."})
        .status_code
        == 302
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    services.add_item(
        plan, user=deputy, activity="Ещё семинар", due_on=D(2026, 11, 1), responsible=[methodist]
    )
    assert client_for(deputy).post(url, {"plan": plan.pk}).status_code == 302
    plan.refresh_from_db()
    assert Document.objects.filter(kind=Document.Kind.PLAN).count() == 1
    assert plan.document.versions.count() == 2 and plan.status == Plan.Status.ON_APPROVAL
    assert Item.objects.filter(plan=plan).count() == 2


def test_plan_through_the_api(people, plans_journal, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    from plans import services
    from plans.periods import Period

    def api(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    urls_loaded()
    deputy, head, methodist = people["deputy"], people["head"], people["methodist"]
    plan = services.create_plan(owner=deputy, title="План", period=Period("school", "year", 2026))
    item = services.add_item(
        plan, user=deputy, activity="Семинар", due_text="декабрь", responsible=[methodist]
    )
    # Only the owner's draft plans are offered: another deputy cannot send this one.
    refused = api(people["deputy2"]).post(
        "/api/v1/processes/", {"kind": "plan", "form": {"plan": plan.pk}}, format="json"
    )
    assert refused.status_code == 400 and "plan" in refused.json()
    started = api(deputy).post(
        "/api/v1/processes/", {"kind": "plan", "form": {"plan": plan.pk}}, format="json"
    )
    assert started.status_code == 201, started.json()
    assert started.json()["kind"] == "plan"
    task = api(head).get("/api/v1/tasks/").json()["results"][0]
    with at(D(2026, 9, 10)), django_capture_on_commit_callbacks(execute=True):
        decided = api(head).post(f"/api/v1/tasks/{task['id']}/decide/", {"decision": "agree"})
    assert decided.status_code == 200
    plan.refresh_from_db()
    item.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and item.assigned_at is not None
    assert plan.document.number == "01-01/1"
