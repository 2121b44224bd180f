"""Work plans: hierarchy and periods, dues, items imported from .docx, items as controlled
assignments (reminders and escalation under frozen time), extensions, the execution report."""

import datetime
import io
import zoneinfo

import docx
import pytest
import time_machine

from documents.importer import ImportRejected
from documents.models import Document
from orgs.selectors import superior_of
from plans import selectors, services
from plans.dues import read_due
from plans.models import Extension, Item
from plans.periods import CALENDAR, SCHOOL, Period
from plans.rendering import report_docx
from workflows.models import AuditEntry, Notification

from .docx_factory import new_document, to_bytes

pytestmark = pytest.mark.django_db

D = datetime.date
MSK = zoneinfo.ZoneInfo("Europe/Moscow")
SCHOOL_2026 = Period(SCHOOL, "year", 2026)


def at(day: datetime.date, hour=10):
    """Frozen local time on `day`."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=MSK), tick=False
    )


def plan_table(rows, heading="ПЛАН РАБОТЫ") -> bytes:
    document = new_document()
    document.add_paragraph(heading)
    document.add_paragraph("лаборатории на 2026/2027 учебный год")
    header = ["№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата"]
    table = document.add_table(rows=len(rows) + 1, cols=5)
    for row, values in zip(table.rows, [header, *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return to_bytes(document)


@pytest.fixture
def annual(people, org_tree):
    """The centre's annual plan for the 2026/2027 school year, drafted by the deputy."""
    return services.create_plan(
        owner=people["deputy"],
        title="План работы центра на 2026/2027 учебный год",
        period=SCHOOL_2026,
    )


def approved_plan(plan, *items):
    """Items added to a draft plan, then the plan activated as its process does at the end."""
    made = [services.add_item(plan, user=plan.owner, **item) for item in items]
    plan.document = Document.objects.create(
        organization=plan.organization, kind=Document.Kind.PLAN, title=plan.title
    )
    plan.save(update_fields=["document"])
    services.activate(plan)
    return [Item.objects.get(pk=i.pk) for i in made]


# --- dues ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "starts", "due", "exact"),
    [
        ("октябрь", D(2026, 10, 1), D(2026, 10, 31), True),
        ("в мае", D(2027, 5, 1), D(2027, 5, 31), True),
        ("сентябрь–октябрь", D(2026, 9, 1), D(2026, 10, 31), True),
        ("до 15.10.2026", None, D(2026, 10, 15), True),
        ("15.03", None, D(2027, 3, 15), True),
        ("II квартал", D(2026, 12, 1), D(2027, 2, 28), True),
        ("1 полугодие", D(2026, 9, 1), D(2027, 2, 28), True),
        ("в течение года", D(2026, 9, 1), D(2027, 8, 31), True),
        ("ежемесячно", D(2026, 9, 1), D(2027, 8, 31), True),
        ("по плану ГМО", None, D(2027, 8, 31), False),
        ("", None, D(2027, 8, 31), False),
        ("до 15.10.2025", None, D(2027, 8, 31), False),  # outside the plan's year
    ],
)
def test_written_dues_become_dates_inside_the_period(text, starts, due, exact):
    read = read_due(text, SCHOOL_2026)
    assert (read.starts_on, read.due_on, read.exact) == (starts, due, exact)


def test_a_month_outside_a_quarterly_plan_is_not_taken():
    first_quarter = Period(SCHOOL, "quarter", 2026, 1)  # September to November
    assert read_due("октябрь", first_quarter).due_on == D(2026, 10, 31)
    assert read_due("май", first_quarter).exact is False


# --- hierarchy -------------------------------------------------------------------------------


def test_plans_detail_their_parent_inside_its_period(people, org_tree, annual):
    lab = org_tree["units"]["imc-02"]
    service = services.create_plan(
        owner=people["senior"],
        title="План работы лаборатории",
        period=SCHOOL_2026,
        unit=lab,
        parent=annual,
    )
    quarter = services.create_plan(
        owner=people["senior"],
        title="План лаборатории на I квартал",
        period=Period(SCHOOL, "quarter", 2026, 1),
        unit=lab,
        parent=service,
    )
    assert (quarter.starts_on, quarter.ends_on) == (D(2026, 9, 1), D(2026, 11, 30))
    assert list(annual.children.all()) == [service] and quarter.parent.parent == annual

    # A calendar quarter of 2027 lies outside… the quarterly plan's autumn.
    with pytest.raises(services.PlanRefused, match="за пределы периода вышестоящего плана"):
        services.create_plan(
            owner=people["senior"],
            title="Не тот период",
            period=Period(CALENDAR, "quarter", 2027, 1),
            parent=quarter,
        )
    # A calendar month inside the school year is fine for the annual plan.
    march = services.create_plan(
        owner=people["senior"],
        title="Март",
        period=Period(CALENDAR, "month", 2027, 3),
        parent=annual,
    )
    assert march.starts_on == D(2027, 3, 1)

    stranger_plan = services.create_plan(
        owner=people["methodist"], title="Мой план", period=SCHOOL_2026
    )
    stranger_plan.organization = org_tree["school"]
    stranger_plan.save()
    with pytest.raises(services.PlanRefused, match="только план своей организации"):
        services.create_plan(
            owner=people["senior"], title="x", period=SCHOOL_2026, parent=stranger_plan
        )
    with pytest.raises(services.PlanRefused, match="Планы составляют"):
        services.create_plan(owner=people["teacher"], title="x", period=SCHOOL_2026)
    with pytest.raises(services.PlanRefused, match="Планы составляют"):
        services.create_plan(owner=people["head"], title="x", period=SCHOOL_2026)
    with pytest.raises(services.PlanRefused, match="квартал"):
        services.create_plan(
            owner=people["senior"], title="x", period=Period(SCHOOL, "quarter", 2026, 5)
        )


def test_items_implement_parent_items_and_stay_inside_the_period(people, org_tree, annual):
    parent_item = services.add_item(
        annual,
        user=people["deputy"],
        activity="Мониторинг качества образования",
        due_text="в течение года",
        responsible=[people["senior"]],
    )
    service = services.create_plan(
        owner=people["senior"], title="План лаборатории", period=SCHOOL_2026, parent=annual
    )
    item = services.add_item(
        service,
        user=people["senior"],
        activity="Мониторинг адаптации первоклассников",
        due_text="октябрь",
        responsible=[people["methodist"]],
        result_form="справка",
        parent_item=parent_item,
    )
    assert item.due_on == D(2026, 10, 31) and item.starts_on == D(2026, 10, 1)
    assert list(parent_item.implementations.all()) == [item]

    with pytest.raises(services.PlanRefused, match="пункт вышестоящего плана"):
        services.add_item(
            annual,
            user=people["deputy"],
            activity="x",
            due_on=D(2026, 10, 1),
            parent_item=item,  # the annual plan has no parent
        )
    with pytest.raises(services.PlanRefused, match="за пределы периода плана"):
        services.add_item(annual, user=people["deputy"], activity="x", due_on=D(2027, 9, 1))
    with pytest.raises(services.PlanRefused, match="не является действующим сотрудником"):
        services.add_item(
            annual,
            user=people["deputy"],
            activity="x",
            due_on=D(2026, 10, 1),
            responsible=[people["stranger"]],
        )
    with pytest.raises(services.PlanRefused, match="только его владелец"):
        services.add_item(annual, user=people["senior"], activity="x", due_on=D(2026, 10, 1))


def test_items_are_imported_from_a_docx_plan_table(people, annual):
    data = plan_table(
        [
            ["1", "Мониторинг адаптации первоклассников", "октябрь", "Волкова А.С.", "справка"],
            [
                "2",
                "Заседание методического совета",
                "II квартал",
                "Попова А. С., Зайцева",
                "протокол",
            ],
            [
                "3",
                "Семинар для заместителей",
                "по плану ГМО",
                "Петров И.И.",
                "методическая разработка",
            ],
        ]
    )
    report = services.import_items(annual, user=people["deputy"], name="plan.docx", data=data)
    first, second, third = report.items
    assert (first.number, first.due_on, first.due_text) == ("1", D(2026, 10, 31), "октябрь")
    assert list(first.responsible.all()) == [people["methodist"]]
    assert set(second.responsible.all()) == {people["senior"], people["methodist2"]}
    assert second.due_on == D(2027, 2, 28) and second.result_form == "протокол"
    assert report.undated == [third] and third.due_on == D(2027, 8, 31)
    assert report.unknown_people == ["Петров И.И"] and not third.responsible.exists()
    assert third.responsible_text == "Петров И.И."

    # Not ready: item 3 has nobody responsible.
    with pytest.raises(services.PlanRefused, match="Назначьте ответственных за пункты 3"):
        services.check_ready(annual)

    with pytest.raises(services.PlanRefused, match="нет таблицы плана"):
        services.import_items(
            annual, user=people["deputy"], name="x.txt", data="ПРИКАЗ\nО чём-то".encode()
        )
    with pytest.raises(ImportRejected):
        services.import_items(annual, user=people["deputy"], name="x.docx", data=b"not a zip")


# --- control of the items --------------------------------------------------------------------


def test_reminders_before_due_and_escalation_after_once_each(people, annual, settings):
    settings.PLAN_REMIND_BEFORE_DAYS = 3
    with at(D(2026, 9, 5)):
        mine, owners, done = approved_plan(
            annual,
            {
                "activity": "Справка по адаптации",
                "due_on": D(2026, 10, 20),
                "responsible": [people["methodist"]],
            },
            {
                "activity": "Отчёт заместителя",
                "due_on": D(2026, 10, 20),
                "responsible": [people["deputy"]],
            },
            {
                "activity": "Уже сделано",
                "due_on": D(2026, 10, 20),
                "responsible": [people["methodist2"]],
            },
        )
    assert (
        Notification.objects.filter(
            recipient=people["methodist"], subject__contains="Справка"
        ).count()
        == 1
    )
    with at(D(2026, 10, 1)):
        services.complete_item(
            done,
            user=people["methodist2"],
            report="Готово.",
            file_name="r.txt",
            file_data=b"result",
        )

    def count(person, words):
        return Notification.objects.filter(recipient=person, subject__contains=words).count()

    with at(D(2026, 10, 16)):  # four days before: nothing yet
        assert services.sweep_items() == {"reminded": 0, "escalated": 0}
    with at(D(2026, 10, 17)):
        assert services.sweep_items() == {"reminded": 2, "escalated": 0}
        assert services.sweep_items() == {"reminded": 0, "escalated": 0}  # once
    assert count(people["methodist"], "Напоминание") == 1
    assert count(people["methodist2"], "Напоминание") == 0  # done items are left alone

    with at(D(2026, 10, 20), hour=23):  # due today: not overdue yet
        assert services.sweep_items()["escalated"] == 0
    with at(D(2026, 10, 21)):
        assert services.sweep_items() == {"reminded": 0, "escalated": 2}
        assert services.sweep_items() == {"reminded": 0, "escalated": 0}
    # The owner hears of both; the owner's own item also goes to the owner's superior.
    assert count(people["deputy"], "Просрочен") == 2
    superior = superior_of(people["deputy"])
    assert superior is not None and count(superior, "Просрочен") == 1
    mine.refresh_from_db()
    assert mine.state(D(2026, 10, 21)) == "overdue"
    assert (
        AuditEntry.objects.filter(
            document=annual.document, action=AuditEntry.Action.ESCALATE
        ).count()
        == 2
    )


def test_items_of_a_plan_not_approved_are_not_controlled(people, annual):
    services.add_item(
        annual,
        user=people["deputy"],
        activity="x",
        due_on=D(2026, 9, 2),
        responsible=[people["methodist"]],
    )
    with at(D(2026, 10, 1)):
        assert services.sweep_items() == {"reminded": 0, "escalated": 0}


def test_completion_needs_a_result_and_a_report_from_a_responsible_person(people, annual, document):
    with at(D(2026, 9, 5)):
        (item,) = approved_plan(
            annual,
            {
                "activity": "Справка",
                "due_on": D(2026, 10, 20),
                "responsible": [people["methodist"]],
            },
        )
    with pytest.raises(services.PlanRefused, match="только ответственные за пункт"):
        services.complete_item(item, user=people["senior"], report="x", result_document=document)
    with pytest.raises(services.PlanRefused, match="краткий отчёт"):
        services.complete_item(item, user=people["methodist"], report=" ", result_document=document)
    with pytest.raises(services.PlanRefused, match="Приложите результат"):
        services.complete_item(item, user=people["methodist"], report="Сделано.")
    with at(D(2026, 10, 25)):
        services.complete_item(
            item, user=people["methodist"], report="Справка готова.", result_document=document
        )
    item.refresh_from_db()
    assert item.state(D(2026, 11, 1)) == "done_late" and item.result_document == document
    assert Notification.objects.filter(
        recipient=people["deputy"], subject__startswith="Выполнено с опозданием"
    ).exists()
    with pytest.raises(services.PlanRefused, match="уже выполнен"):
        services.complete_item(item, user=people["methodist"], report="x", result_document=document)


def test_extension_requests_are_decided_by_the_plans_owner(people, annual, settings):
    settings.PLAN_REMIND_BEFORE_DAYS = 3
    with at(D(2026, 9, 5)):
        (item,) = approved_plan(
            annual,
            {
                "activity": "Справка",
                "due_on": D(2026, 10, 20),
                "responsible": [people["methodist"]],
            },
        )
    with at(D(2026, 10, 18)):
        services.sweep_items()  # reminded
    ask = dict(user=people["methodist"], reason="Данные школ придут позже.")
    with pytest.raises(services.PlanRefused, match="только ответственные за пункт"):
        services.request_extension(item, user=people["senior"], due_on=D(2026, 11, 10), reason="x")
    with pytest.raises(services.PlanRefused, match="позже текущего"):
        services.request_extension(item, due_on=D(2026, 10, 20), **ask)
    with pytest.raises(services.PlanRefused, match="за пределы периода плана"):
        services.request_extension(item, due_on=D(2027, 9, 1), **ask)
    with pytest.raises(services.PlanRefused, match="почему нужен перенос"):
        services.request_extension(
            item, user=people["methodist"], due_on=D(2026, 11, 10), reason=""
        )
    extension = services.request_extension(item, due_on=D(2026, 11, 10), **ask)
    with pytest.raises(services.PlanRefused, match="уже ожидает решения"):
        services.request_extension(item, due_on=D(2026, 11, 12), **ask)
    assert Notification.objects.filter(
        recipient=people["deputy"], subject__startswith="Запрос на перенос"
    ).exists()

    with pytest.raises(services.PlanRefused, match="решает только владелец плана"):
        services.decide_extension(extension, user=people["methodist"], approve=True)
    with pytest.raises(services.PlanRefused, match="почему запрос отклонён"):
        services.decide_extension(extension, user=people["deputy"], approve=False)
    services.decide_extension(extension, user=people["deputy"], approve=True)
    item.refresh_from_db()
    assert (item.due_on, item.original_due_on) == (D(2026, 11, 10), D(2026, 10, 20))
    assert item.reminded_at is None  # reminders start afresh for the new date
    assert Notification.objects.filter(
        recipient=people["methodist"], subject__startswith="Перенос срока согласован"
    ).exists()
    with pytest.raises(services.PlanRefused, match="уже принято решение"):
        services.decide_extension(extension, user=people["deputy"], approve=False, remarks="нет")
    with at(D(2026, 10, 21)):  # the old date passed: nothing is overdue now
        assert services.sweep_items() == {"reminded": 0, "escalated": 0}

    second = services.request_extension(item, due_on=D(2026, 11, 30), **ask)
    services.decide_extension(
        second, user=people["deputy"], approve=False, remarks="Срок не переносится."
    )
    item.refresh_from_db()
    second.refresh_from_db()
    assert item.due_on == D(2026, 11, 10) and second.status == Extension.Status.REJECTED


def test_execution_report_counts_items_by_state_and_person(people, annual, document):
    with at(D(2026, 9, 5)):
        on_time, late, overdue, still_open = approved_plan(
            annual,
            {"activity": "В срок", "due_on": D(2026, 10, 1), "responsible": [people["methodist"]]},
            {
                "activity": "С опозданием",
                "due_on": D(2026, 10, 1),
                "responsible": [people["methodist"], people["senior"]],
            },
            {
                "activity": "Просрочено",
                "due_on": D(2026, 10, 10),
                "responsible": [people["senior"]],
            },
            {
                "activity": "В работе",
                "due_on": D(2026, 12, 1),
                "responsible": [people["methodist"]],
            },
        )
    with at(D(2026, 9, 30)):
        services.complete_item(
            on_time, user=people["methodist"], report="Сделано.", result_document=document
        )
    with at(D(2026, 10, 5)):
        services.complete_item(
            late, user=people["senior"], report="Сделано позже.", result_document=document
        )

    report = selectors.execution_report(annual, today=D(2026, 11, 1))
    assert report["counts"] == {"done_on_time": 1, "done_late": 1, "overdue": 1, "open": 1}
    assert (report["total"], report["done"], report["done_percent"]) == (4, 2, 50)
    by_person = {e["person"].username: e for e in report["people"]}
    assert {
        k: by_person["methodist"][k]
        for k in ("total", "done_on_time", "done_late", "open", "overdue")
    } == {"total": 3, "done_on_time": 1, "done_late": 1, "open": 1, "overdue": 0}
    assert {k: by_person["senior"][k] for k in ("total", "done_late", "overdue")} == {
        "total": 2,
        "done_late": 1,
        "overdue": 1,
    }
    # Before the overdue item's date it was still open.
    assert selectors.execution_report(annual, today=D(2026, 10, 9))["counts"]["overdue"] == 0

    out = docx.Document(io.BytesIO(report_docx(report, compiler=people["deputy"])))
    text = "\n".join(p.text for p in out.paragraphs)
    assert "о выполнении плана работы центра на 2026/2027 учебный год" in text
    # Signed and dated by who compiled it.
    deputy = people["deputy"]
    assert f"{deputy.position}\t\t{deputy.initials_name}" in text
    assert f"\n{report['today']:%d.%m.%Y}\n" in text
    assert (
        "выполнено 2 (50 %), из них в срок — 1, с нарушением срока — 1; "
        "просрочено — 1; в работе — 1" in text
    )
    people_table = out.tables[0]
    assert [c.text for c in people_table.rows[1].cells] == ["А.С. Волкова", "3", "1", "1", "0", "1"]
    assert [c.text for c in out.tables[1].rows[3].cells][4] == "просрочено"


def test_a_result_file_is_kept_and_served_to_those_who_see_the_plan(people, annual):
    from .workflow_helpers import client_for

    with at(D(2026, 9, 5)):
        (item,) = approved_plan(
            annual,
            {
                "activity": "Справка",
                "due_on": D(2026, 10, 20),
                "responsible": [people["methodist"]],
            },
        )
    services.complete_item(
        item,
        user=people["methodist"],
        report="Готово.",
        file_name="справка.txt",
        file_data=b"result",
    )
    item.refresh_from_db()
    url = f"/plans/items/{item.pk}/result/"
    response = client_for(people["teacher"]).get(url)  # same organisation: the plan is open
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"result"
    assert client_for(people["stranger"]).get(url).status_code == 404
    assert item.result_file.name.endswith(".txt")
