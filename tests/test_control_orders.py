"""A signed order with executors and a deadline puts its items on control: each executor gets
a поручение controlled by the head who signed; without a deadline nothing is controlled."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from control.models import Assignment
from orders.flows import OrderFlow
from workflows.models import Approval, Notification

from .workflow_helpers import ORDER, client_for, decide, start

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


def _signed(people, **extra):
    response = start(OrderFlow, people["methodist"], ORDER, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    approval = Approval.objects.get(initiator=people["methodist"])
    decide(people["head"], approval)
    approval.refresh_from_db()
    return approval


@time_machine.travel(datetime.datetime(2026, 10, 5, 10, 0, tzinfo=TZ), tick=False)
def test_executors_of_a_signed_order_get_its_items_on_control(people, journals):
    approval = _signed(
        people,
        executors=[people["senior"].pk, people["methodist2"].pk],
        deadline="2026-11-20",
    )
    document = approval.document
    assert document.number
    made = list(Assignment.objects.filter(source=Assignment.Source.ORDER).order_by("pk"))
    # The first of the order's executors is responsible, the others co-executors.
    first_id, second_id = approval.form["executor_ids"]
    assert {first_id, second_id} == {people["senior"].pk, people["methodist2"].pk}
    assert [(a.executor_id, a.role) for a in made] == [
        (first_id, Assignment.Role.RESPONSIBLE),
        (second_id, Assignment.Role.CO_EXECUTOR),
    ]
    first = made[0]
    assert all(a.controller == people["head"] for a in made)
    assert first.controller == people["head"] and first.deadline == datetime.date(2026, 11, 20)
    assert first.document == document and first.source_id == approval.pk
    assert f"№ {document.number}" in first.text
    assert "1. Провести муниципальный этап олимпиады." in first.text
    assert Notification.objects.filter(
        recipient=people["senior"], subject__contains="20.11.2026"
    ).exists()
    # The executor sees it in the list and in the inbox, above the tasks; the head sees it
    # on control.
    mine = client_for(people["senior"]).get("/control/").content.decode()
    assert "Провести муниципальный этап олимпиады" in mine
    inbox = client_for(people["senior"]).get("/workflow/inbox/").content.decode()
    assert "Мои поручения" in inbox and f"№ {document.number}" in inbox
    other = client_for(people["teacher"]).get("/workflow/inbox/").content.decode()
    assert "Мои поручения" not in other
    controlled = client_for(people["head"]).get("/control/?which=control").content.decode()
    assert controlled.count(f"№ {document.number}") >= 2


@time_machine.travel(datetime.datetime(2026, 10, 5, 10, 0, tzinfo=TZ), tick=False)
def test_no_deadline_no_control_and_a_past_deadline_is_refused(people, journals):
    refused = start(
        OrderFlow, people["methodist"], ORDER, executors=[people["senior"].pk],
        deadline="2026-10-01",
    )
    assert refused.status_code == 200  # the start page again, with the form's error
    assert "Срок уже прошёл." in refused.content.decode()
    assert not Approval.objects.exists()
    _signed(people, executors=[people["senior"].pk])
    assert not Assignment.objects.exists()
