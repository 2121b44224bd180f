"""Control of execution through the pages: the refusals (the Russian message shown, nothing
stored) and who sees what — the lists of each role, another organisation's 404s, the
dashboard's card."""

import pytest
from django.urls import reverse

from control.models import Assignment, Resolution
from documents.models import Document
from documents.selectors import visible_documents
from workflows.models import Notification

from .control_helpers import (
    D,
    act,
    at,
    frozen_fixture,  # noqa: F401  (the fixtures `frozen` and `letter`)
    letter_fixture,  # noqa: F401
    new_letter,
    page_of,
    post_resolution,
    resolve,
    text_of,
)
from .test_workflow_frame import _english_words
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
S = Assignment.Status


def readable(user, document) -> bool:
    return visible_documents(user).filter(pk=document.pk).exists()


# --- refusals: the message shown, nothing stored ----------------------------------------------


def test_resolution_refusals_store_nothing(people, org_tree, make_person, journal, letter):
    from orgs.roles import Role

    head = people["head"]

    def refused(**fields):
        response = post_resolution(head, letter, **fields)
        assert response.status_code == 400
        assert not Resolution.objects.exists() and not Assignment.objects.exists()
        assert not Notification.objects.exists()
        return text_of(response)

    # An executor outside the organisation is not among the choices.
    assert "Выберите корректный вариант" in refused(
        executor=people["stranger"], deadline=D(2026, 12, 10)
    )
    assert "Срок 30.11.2026 уже прошёл." in refused(
        executor=people["methodist"], deadline=D(2026, 11, 30)
    )
    assert "Обязательное поле" in refused(
        executor=people["methodist"], text="", deadline=D(2026, 12, 10)
    )
    assert "Укажите срок: дату или число рабочих дней." in refused(executor=people["methodist"])
    # Only the head and the deputies write resolutions.
    assert (
        post_resolution(
            people["methodist"], letter, executor=people["methodist2"], deadline=D(2026, 12, 10)
        ).status_code
        == 404
    )
    assert (
        client_for(people["senior"])
        .get(reverse("control:resolution", args=[letter.pk]))
        .status_code
        == 404
    )
    # A deputy of the school: our restricted letter is not found; a letter shared with all
    # organisations is seen, and the resolution on it forbidden.
    school_deputy = make_person("school-deputy", org_tree["school"], roles=[Role.DEPUTY_DIRECTOR])
    assert (
        post_resolution(
            school_deputy, letter, executor=people["methodist"], deadline=D(2026, 12, 10)
        ).status_code
        == 404
    )
    shared = new_letter(
        org_tree["centre"],
        journal,
        people["clerk"],
        title="Об олимпиаде",
        visibility=Document.Visibility.ALL,
    )
    assert readable(school_deputy, shared)
    forbidden = post_resolution(
        school_deputy, shared, executor=people["methodist"], deadline=D(2026, 12, 10)
    )
    assert forbidden.status_code == 403
    assert not Resolution.objects.exists() and not Assignment.objects.exists()


def test_assignment_refusals_store_nothing(people, letter):
    head, methodist, teacher = people["head"], people["methodist"], people["teacher"]
    [assignment] = resolve(head, letter, methodist, deadline=D(2026, 12, 15))
    # Somebody else's поручение: a staff member does not even see it; the controller sees it
    # but does not report it for the executor.
    assert act(teacher, "report", assignment, {"text": "Сделано"}).status_code == 404
    by_controller = act(head, "report", assignment, {"text": "Сделано"})
    assert by_controller.status_code == 400
    assert "Об исполнении поручения отчитывается только исполнитель." in text_of(by_controller)
    # Delegating to somebody outside the organisation, or with no text.
    outside = act(
        methodist,
        "delegate",
        assignment,
        {"executor": people["stranger"].pk, "text": "Часть", "deadline": "2026-12-10"},
    )
    assert outside.status_code == 400 and "Выберите корректный вариант" in text_of(outside)
    empty = act(
        methodist,
        "delegate",
        assignment,
        {"executor": teacher.pk, "text": "", "deadline": "2026-12-10"},
    )
    assert empty.status_code == 400 and "Обязательное поле" in text_of(empty)
    assert act(methodist, "report", assignment, {"text": ""}).status_code == 400
    assignment.refresh_from_db()
    assert assignment.status == S.OPEN and not assignment.delegated.exists()
    # Not reported yet: nothing to accept or return; the executor never accepts.
    act(head, "accept", assignment)
    act(methodist, "report", assignment, {"text": "Ответ подготовлен"})
    refused = act(methodist, "accept", assignment, follow=True)
    assert "Снимает поручение с контроля только контролёр." in text_of(refused)
    returned = act(methodist, "send_back", assignment, {"remarks": "Сам себе"})
    assert returned.status_code == 400
    assert "Возвращает поручение только контролёр." in text_of(returned)
    assignment.refresh_from_db()
    assert assignment.status == S.REPORTED and assignment.closed_at is None
    assert assignment.remarks == ""
    # A report waiting for the controller is not reported again.
    twice = act(methodist, "report", assignment, {"text": "Ещё раз"})
    assert twice.status_code == 400
    assignment.refresh_from_db()
    assert assignment.report == "Ответ подготовлен"


# --- who sees what: the pages and the lists ---------------------------------------------------


def rows_of(user, query="") -> list[str]:
    response = client_for(user).get(reverse("control:index") + query)
    assert response.status_code == 200
    return [row.text for row in response.context["assignments"]]


def test_the_lists_show_each_role_its_rows(people, letter):
    head, deputy, methodist, methodist2 = (
        people["head"],
        people["deputy"],
        people["methodist"],
        people["methodist2"],
    )
    with at(D(2026, 11, 20)):
        [late] = resolve(head, letter, methodist, text="Просроченное", deadline=D(2026, 11, 25))
    [current] = resolve(head, letter, methodist, text="Текущее", deadline=D(2026, 12, 15))
    [reported] = resolve(deputy, letter, methodist, text="Доложенное", deadline=D(2026, 12, 20))
    [done] = resolve(head, letter, methodist, text="Исполненное", deadline=D(2026, 12, 20))
    [others] = resolve(head, letter, methodist2, text="Чужое", deadline=D(2026, 12, 20))
    act(methodist, "report", reported, {"text": "Сделано"})
    act(methodist, "report", done, {"text": "Сделано"})
    act(head, "accept", done)

    assert rows_of(methodist) == ["Просроченное", "Текущее", "Доложенное"]
    assert rows_of(methodist, "?which=mine&state=overdue") == ["Просроченное"]
    assert rows_of(methodist, "?which=mine&state=open") == ["Текущее"]
    assert rows_of(methodist, "?which=mine&state=reported") == ["Доложенное"]
    assert rows_of(methodist, "?which=mine&state=done") == ["Исполненное"]
    assert rows_of(methodist, "?which=control") == []
    assert rows_of(head, "?which=control") == ["Просроченное", "Текущее", "Чужое"]
    assert rows_of(deputy, "?which=control&state=reported") == ["Доложенное"]
    assert rows_of(head, "?which=all") == [
        "Просроченное",
        "Текущее",
        "Доложенное",
        "Исполненное",
        "Чужое",
    ]
    assert rows_of(head, "?which=all&state=done") == ["Исполненное"]
    # A methodist oversees nobody: no «all» tab, and «all» is only what they take part in.
    page = text_of(client_for(methodist).get(reverse("control:index")))
    assert "?which=all" not in page and "просрочено" in page
    assert "Чужое" not in rows_of(methodist, "?which=all")
    assert rows_of(methodist2, "?which=all") == ["Чужое"]
    assert rows_of(people["teacher"]) == [] and rows_of(people["teacher"], "?which=all") == []
    index = text_of(client_for(head).get(reverse("control:index") + "?which=all"))
    assert _english_words(index) == set()
    # Another organisation's head sees none of them, and gets 404 on their pages.
    stranger = people["stranger"]
    assert rows_of(stranger, "?which=all") == []
    for assignment in (late, current, others):
        assert client_for(stranger).get(page_of(assignment)).status_code == 404
    assert act(stranger, "accept", reported).status_code == 404
    reported.refresh_from_db()
    assert reported.status == S.REPORTED
    # The dashboard's card lists the executor's open поручения, the overdue one marked.
    dashboard = client_for(methodist).get("/workflow/dashboard/")
    card = text_of(dashboard)
    assert "Мои поручения" in card and "Текущее" in card and "Исполненное" not in card


def test_the_list_comes_in_pages_of_fifty(people, letter):
    methodist = people["methodist"]
    Assignment.objects.bulk_create(
        Assignment(
            organization=letter.organization,
            document=letter,
            source="order",
            text=f"Поручение {n:02}",
            executor=methodist,
            controller=people["head"],
            deadline=D(2026, 12, 2 + n % 20),
            original_deadline=D(2026, 12, 2 + n % 20),
        )
        for n in range(55)
    )
    first = client_for(methodist).get(reverse("control:index"))
    assert len(first.context["assignments"]) == 50
    assert "page=2" in text_of(first) and "page=0" not in text_of(first)
    second = client_for(methodist).get(reverse("control:index") + "?which=mine&page=2")
    rows = [row.text for row in second.context["assignments"]]
    assert len(rows) == 5 and not set(rows) & set(a.text for a in first.context["assignments"])
    assert "page=1" in text_of(second) and "page=3" not in text_of(second)
    for bad in ("abc", "0", "-3", "99999999999999999999"):
        page = client_for(methodist).get(reverse("control:index") + f"?page={bad}")
        assert page.status_code == 200
    far = client_for(methodist).get(reverse("control:index") + "?page=99999999999999999999")
    assert far.context["assignments"] == []
