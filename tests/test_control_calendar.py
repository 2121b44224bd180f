"""Deadlines in working days on the production calendar (the shipped 2026–2027 days, an
administrator's edit), and the hourly sweep: one reminder before the deadline, one escalation
after it (to the controller, or to the superior of a controller executing it themselves)."""

import datetime

import pytest
from django.urls import reverse

from control import calendar, services
from control.models import Assignment, CalendarDay, Extension
from orgs.roles import Role
from orgs.selectors import superior_of
from workflows.models import AuditEntry, Notification

from .control_helpers import (
    D,
    act,
    at,
    frozen_fixture,  # noqa: F401  (the fixtures `frozen` and `letter`)
    letter_fixture,  # noqa: F401
    post_resolution,
    resolve,
    text_of,
)
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


# --- the production calendar ------------------------------------------------------------------


def test_the_shipped_days_off_are_weekdays_of_both_years(db):
    shipped = list(CalendarDay.objects.all())
    assert {d.kind for d in shipped} == {CalendarDay.Kind.HOLIDAY}
    assert [d.date for d in shipped if d.date.weekday() >= 5] == []
    assert sum(d.date.year == 2026 for d in shipped) == 14
    assert sum(d.date.year == 2027 for d in shipped) == 12
    assert all(d.note for d in shipped)
    # 2026: 3 and 4 January moved to 9 January and 31 December (decree № 1466).
    assert {D(2026, 1, 9), D(2026, 12, 31)} <= {d.date for d in shipped}


def test_working_days_skip_the_new_year_holidays(db):
    # From Monday 28.12.2026: 29 and 30 December, then 31 December (moved from 4 January), the
    # 1st to the 8th of January and the weekend of the 9th–10th are days off.
    off = [D(2026, 12, 31), *days(D(2027, 1, 1), D(2027, 1, 10))]
    assert [calendar.is_working_day(day) for day in off] == [False] * len(off)
    assert calendar.is_working_day(D(2027, 1, 11)) and calendar.is_working_day(D(2026, 12, 30))
    assert calendar.add_working_days(D(2026, 12, 28), 1) == D(2026, 12, 29)
    assert calendar.add_working_days(D(2026, 12, 28), 2) == D(2026, 12, 30)
    assert calendar.add_working_days(D(2026, 12, 28), 3) == D(2027, 1, 11)
    assert calendar.add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 13)
    assert calendar.working_days_between(D(2026, 12, 28), D(2027, 1, 13)) == 5
    # A Friday's 1 working day is the Monday; 23 February and the May holidays of 2027.
    assert calendar.add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 7)
    assert calendar.add_working_days(D(2027, 2, 22), 1) == D(2027, 2, 24)
    assert calendar.add_working_days(D(2027, 4, 30), 1) == D(2027, 5, 4)
    with pytest.raises(ValueError):
        calendar.add_working_days(D(2026, 12, 28), 0)


def test_a_resolution_in_working_days_is_due_on_the_calendars_day(people, letter):
    with at(D(2026, 12, 28)):
        [assignment] = resolve(people["head"], letter, people["methodist"], working_days=5)
    assert assignment.deadline == D(2027, 1, 13)
    notice = Notification.objects.get(recipient=people["methodist"])
    assert notice.subject == "Новое поручение, срок 13.01.2027"
    with at(D(2026, 12, 28)):
        refused = post_resolution(
            people["head"], letter, executor=people["methodist"], working_days=367
        )
    assert refused.status_code == 400 and Assignment.objects.count() == 1


def test_the_administrators_edit_of_the_calendar_changes_the_count(db, admin_client):
    assert calendar.add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 13)
    added = admin_client.post(
        reverse("admin:control_calendarday_add"),
        {"date": "11.01.2027", "kind": "holiday", "note": "Перенос с 2 января"},
    )
    assert added.status_code == 302, text_of(added)[-2000:]
    assert CalendarDay.objects.get(date=D(2027, 1, 11)).kind == CalendarDay.Kind.HOLIDAY
    assert calendar.add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 14)
    # A working Saturday counts.
    admin_client.post(
        reverse("admin:control_calendarday_add"),
        {"date": "09.01.2027", "kind": "working", "note": "Рабочая суббота"},
    )
    assert calendar.add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 13)
    assert calendar.add_working_days(D(2026, 12, 28), 3) == D(2027, 1, 9)
    listing = admin_client.get(reverse("admin:control_calendarday_changelist"))
    assert listing.status_code == 200 and "11.01.2027" in text_of(listing)


# --- reminders and escalation -----------------------------------------------------------------


def subjects(person) -> list[str]:
    return list(
        Notification.objects.filter(recipient=person)
        .order_by("pk")
        .values_list("subject", flat=True)
    )


def test_the_sweep_reminds_once_before_and_escalates_once_after_the_deadline(
    settings, people, org_tree, make_person, letter
):
    settings.CONTROL_REMIND_BEFORE_DAYS = 2
    head, methodist = people["head"], people["methodist"]
    authority_head = make_person("uo-head", org_tree["authority"], roles=[Role.HEAD])
    [due] = resolve(head, letter, methodist, text="Ответить на письмо", deadline=D(2026, 12, 10))
    [own] = resolve(head, letter, head, text="Рассмотреть лично", deadline=D(2026, 12, 10))
    [reported] = resolve(
        head, letter, people["methodist2"], text="Доложить", deadline=D(2026, 12, 10)
    )
    act(people["methodist2"], "report", reported, {"text": "Доложено"})
    assert superior_of(head) == authority_head
    Notification.objects.all().delete()

    assert services.sweep() == {"reminded": 0, "escalated": 0}
    with at(D(2026, 12, 7)):  # three days before: not yet
        assert services.sweep() == {"reminded": 0, "escalated": 0}
    with at(D(2026, 12, 8)):
        assert services.sweep() == {"reminded": 2, "escalated": 0}
        assert services.sweep() == {"reminded": 0, "escalated": 0}
    assert subjects(methodist) == ["Напоминание: срок поручения 10.12.2026"]
    assert subjects(head) == ["Напоминание: срок поручения 10.12.2026"]
    assert subjects(people["methodist2"]) == []  # reported: waits for the controller
    with at(D(2026, 12, 10), hour=23):  # due today: not overdue
        assert services.sweep() == {"reminded": 0, "escalated": 0}
    with at(D(2026, 12, 11), hour=0):
        assert services.sweep() == {"reminded": 0, "escalated": 2}
    with at(D(2026, 12, 12)):
        assert services.sweep() == {"reminded": 0, "escalated": 0}
    # To the controller; the head's own поручение to the head of the authority above.
    assert subjects(head)[1:] == ["Просроченное поручение: Ответить на письмо"]
    assert subjects(authority_head) == ["Просроченное поручение: Рассмотреть лично"]
    assert Notification.objects.get(recipient=authority_head).url == reverse(
        "control:assignment", args=[own.pk]
    )
    assert len(subjects(methodist)) == 1
    escalations = AuditEntry.objects.filter(document=letter, action=AuditEntry.Action.ESCALATE)
    assert escalations.count() == 2

    # An approved extension starts the count again: reminded before the new deadline.
    with at(D(2026, 12, 12)):
        extension = services.request_extension(
            due, user=methodist, deadline=D(2026, 12, 21), reason="Ждём ответы школ"
        )
        services.decide_extension(extension, user=head, approve=True)
        assert Extension.objects.get().status == Extension.Status.APPROVED
        assert services.sweep() == {"reminded": 0, "escalated": 0}
    with at(D(2026, 12, 19)):
        assert services.sweep() == {"reminded": 1, "escalated": 0}
    assert subjects(methodist)[-1] == "Напоминание: срок поручения 21.12.2026"
    with at(D(2026, 12, 22)):
        assert services.sweep() == {"reminded": 0, "escalated": 1}


def test_the_head_who_is_the_top_escalates_to_themselves(people, letter):
    """Nobody above the centre's head: the overdue own поручение goes to the head."""
    head = people["head"]
    [own] = resolve(head, letter, head, deadline=D(2026, 12, 2))
    assert superior_of(head) is None
    with at(D(2026, 12, 3)):
        assert services.sweep()["escalated"] == 1
    assert (
        Notification.objects.filter(recipient=head, subject__startswith="Просроченное").count() == 1
    )


def test_the_overdue_assignment_is_marked_on_the_executors_pages(people, letter):
    [assignment] = resolve(people["head"], letter, people["methodist"], deadline=D(2026, 12, 2))
    with at(D(2026, 12, 3)):
        page = text_of(
            client_for(people["methodist"]).get(reverse("control:assignment", args=[assignment.pk]))
        )
        dashboard = text_of(client_for(people["methodist"]).get("/workflow/dashboard/"))
    assert "просрочено" in page
    assert "просрочено" in dashboard.split("Мои поручения", 1)[1]
