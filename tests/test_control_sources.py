"""Поручения from other processes (services.assign: an order's executors, a plan's items),
the plan's items controlled on the plan's own pages, and an acting substitute (ИО) acting for
the executor and the controller."""

import io

import docx
import pytest
from django.urls import reverse

from control import selectors, services
from control.models import Assignment
from workflows.models import AuditEntry, Notification
from workflows.services import name_substitute

from .control_helpers import (
    TODAY,
    D,
    act,
    api,
    at,
    frozen_fixture,  # noqa: F401  (the fixtures `frozen` and `letter`)
    letter_fixture,  # noqa: F401
    page_of,
    resolve,
    text_of,
)
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
S = Assignment.Status


def test_assign_makes_the_first_responsible_and_refuses_outsiders(people, letter):
    head = people["head"]
    made = services.assign(
        organization=letter.organization,
        document=letter,
        source=Assignment.Source.ORDER,
        source_id=7,
        text="Провести олимпиаду",
        executors=[people["senior"], people["methodist"], people["senior"]],
        controller=head,
        author=head,
        deadline=D(2026, 12, 20),
    )
    assert [(a.executor, a.role) for a in made] == [
        (people["senior"], Assignment.Role.RESPONSIBLE),
        (people["methodist"], Assignment.Role.CO_EXECUTOR),
    ]
    assert {(a.source, a.source_id) for a in made} == {("order", 7)}
    assert AuditEntry.objects.filter(document=letter, action=AuditEntry.Action.ASSIGN).count() == 2
    assert Notification.objects.filter(recipient=people["methodist"]).count() == 1
    with pytest.raises(services.ControlRefused, match="не работает в организации"):
        services.assign(
            organization=letter.organization,
            document=letter,
            source="order",
            source_id=8,
            text="x",
            executors=[people["stranger"]],
            controller=head,
            author=head,
            deadline=D(2026, 12, 20),
        )
    assert not Assignment.objects.filter(source_id=8).exists()


def test_a_plan_item_is_reported_on_the_plan_not_here(people, letter):
    head, methodist = people["head"], people["methodist"]
    [item] = services.assign(
        organization=letter.organization,
        document=None,
        source=Assignment.Source.PLAN,
        source_id=41,
        text="Семинар для педагогов",
        executors=[methodist],
        controller=head,
        author=head,
        deadline=D(2026, 12, 3),
        tell=False,
    )
    assert not Notification.objects.filter(recipient=methodist).exists()  # the plan tells
    page = text_of(client_for(methodist).get(page_of(item)))
    assert reverse("plans:item", args=[41]) in page and 'id="report"' not in page
    refused = act(methodist, "report", item, {"text": "Проведено"})
    assert refused.status_code == 400
    assert "Это пункт плана работы: отметьте его выполнение на странице пункта плана." in (
        text_of(refused)
    )
    # Listed with the rest, linked to the plan's page; the plan reminds its own items.
    listed = client_for(methodist).get(reverse("control:index"))
    assert [row.url for row in listed.context["assignments"]] == [reverse("plans:item", args=[41])]
    with at(D(2026, 12, 5)):
        assert services.sweep() == {"reminded": 0, "escalated": 0}
    # The plan reports its item done (and moves its deadline) through its own services.
    services.move_source_deadline(source="plan", source_id=41, deadline=D(2026, 12, 10))
    with at(D(2026, 12, 9)):
        assert (
            services.close_source(
                source="plan", source_id=41, user=methodist, report_text="Проведено"
            )
            == 1
        )
    item.refresh_from_db()
    assert (item.status, item.deadline, item.completed_on) == (
        S.DONE,
        D(2026, 12, 10),
        D(2026, 12, 9),
    )
    assert item.state(TODAY) == "done_on_time"


def test_an_acting_substitute_acts_for_the_executor_and_for_the_controller(people, letter):
    head, methodist, methodist2 = people["head"], people["methodist"], people["methodist2"]
    [assignment] = resolve(head, letter, methodist, deadline=D(2026, 12, 15))
    assert client_for(methodist2).get(page_of(assignment)).status_code == 404
    name_substitute(
        methodist, substitute=methodist2, starts_on=D(2026, 12, 1), ends_on=D(2026, 12, 7)
    )
    name_substitute(
        head, substitute=people["deputy"], starts_on=D(2026, 12, 2), ends_on=D(2026, 12, 3)
    )
    stand_in = client_for(methodist2).get(page_of(assignment))
    assert stand_in.status_code == 200 and 'id="report"' in text_of(stand_in)
    assert act(methodist2, "report", assignment, {"text": "Ответ подготовлен"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == S.REPORTED
    # The deputy stands in for the head from tomorrow: not yet.
    assert client_for(people["deputy"]).get(page_of(assignment)).status_code == 200  # overseer
    act(people["deputy"], "accept", assignment)
    assignment.refresh_from_db()
    assert assignment.status == S.REPORTED
    with at(D(2026, 12, 2)):
        assert (
            api(people["deputy"]).post(f"/api/v1/assignments/{assignment.pk}/accept/").status_code
            == 200
        )
    assignment.refresh_from_db()
    assert assignment.status == S.DONE and assignment.closed_by == people["deputy"]
    # After the substitution ends the assignment is out of sight again.
    with at(D(2026, 12, 8)):
        assert client_for(methodist2).get(page_of(assignment)).status_code == 404
        assert not selectors.visible_assignments(methodist2).exists()


def test_the_docx_agrees_the_word_with_the_number(people, letter):
    resolve(people["head"], letter, people["methodist"], deadline=D(2026, 12, 9))
    answer = client_for(people["head"]).get(
        reverse("control:discipline_file", args=["docx"]),
        {"start": "01.12.2026", "end": "31.12.2026"},
    )
    text = "\n".join(
        p.text
        for p in docx.Document(
            io.BytesIO(b"".join(answer.streaming_content) if answer.streaming else answer.content)
        ).paragraphs
    )
    assert "На контроле 1 поручение со сроком исполнения в периоде" in text
    assert people["head"].organization.name in text and "М.П. Иванова" in text
