"""Control of execution as the tests drive it: frozen time, a registered restricted letter of
the centre, the pages' and the API's clients, a resolution posted as its page sends it."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from control.models import Assignment
from documents.models import Document
from registry.services import register_document

from .record_helpers import approved_upload
from .workflow_helpers import client_for

D = datetime.date
MSK = zoneinfo.ZoneInfo("Europe/Moscow")
# The tests' today: Tuesday, 1 December 2026 (the centre's 2026 nomenclature is approved).
TODAY = D(2026, 12, 1)


def at(day: datetime.date, hour=10):
    """Frozen Moscow time on `day`."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=MSK), tick=False
    )


@pytest.fixture(name="frozen")
def frozen_fixture():
    """Everything of the test happens at 10:00 on TODAY (unless it travels on)."""
    with at(TODAY):
        yield TODAY


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def new_letter(organization, journal, clerk, *, title="О мониторинге", visibility=None):
    """An incoming letter of `organization`, registered in `journal`."""
    letter = approved_upload(
        organization,
        f"ПИСЬМО\n{title}\n\nПросим провести мониторинг и представить информацию.",
        "letter.txt",
        visibility=visibility or Document.Visibility.RESTRICTED,
    )
    register_document(letter, journal, user=clerk)
    letter.refresh_from_db()
    return letter


@pytest.fixture(name="letter")
def letter_fixture(frozen, people, journal):
    """A restricted letter of the centre, registered: only its head and deputies read it."""
    return new_letter(people["head"].organization, journal, people["clerk"])


def resolution_form(
    executor,
    *,
    text="Подготовить ответ на письмо",
    co_executors=(),
    controller=None,
    deadline=None,
    working_days=None,
) -> dict:
    """The fields the resolution page's form sends: pickers post the people's ids."""
    data = {"text": text, "executor": getattr(executor, "pk", executor)}
    if co_executors:
        data["co_executors"] = [p.pk for p in co_executors]
    if controller is not None:
        data["controller"] = controller.pk
    if deadline is not None:
        data["deadline"] = deadline.isoformat()
    if working_days is not None:
        data["working_days"] = str(working_days)
    return data


def post_resolution(author, document, **fields):
    return client_for(author).post(
        reverse("control:resolution", args=[document.pk]), resolution_form(**fields)
    )


def resolve(author, document, executor, **fields) -> list[Assignment]:
    """A resolution written through the page; its поручения, responsible executor first."""
    before = set(Assignment.objects.values_list("pk", flat=True))
    response = post_resolution(author, document, executor=executor, **fields)
    assert response.status_code == 302, response.content.decode()[-3000:]
    made = Assignment.objects.exclude(pk__in=before).order_by("role", "pk")
    return sorted(made, key=lambda a: (a.role != Assignment.Role.RESPONSIBLE, a.pk))


def page_of(assignment) -> str:
    return reverse("control:assignment", args=[assignment.pk])


def act(user, name, assignment, data=None, **extra):
    """POST an action form of the assignment's page (report, delegate, extension, accept,
    send_back) as `user`."""
    return client_for(user).post(
        reverse(f"control:{name}", args=[assignment.pk]), data or {}, **extra
    )


def text_of(response) -> str:
    return response.content.decode()
