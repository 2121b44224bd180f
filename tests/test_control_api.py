"""The API of control of execution (/api/v1/assignments/…): the same journeys and refusals as
the pages, with the Russian messages; a knox token works as well as a session; every path is
in the published schema."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from control.models import Assignment, Extension, Resolution
from documents.models import Document
from documents.selectors import visible_documents
from workflows.models import Notification

from .control_helpers import (
    D,
    api,
    at,
    frozen_fixture,  # noqa: F401  (the fixtures `frozen` and `letter`)
    letter_fixture,  # noqa: F401
    new_letter,
    resolve,
)
from .record_helpers import approved_upload

pytestmark = pytest.mark.django_db
S = Assignment.Status
BASE = "/api/v1/assignments/"


def resolution(user, letter, executor, **fields):
    body = {
        "document": letter.pk,
        "text": "Подготовить ответ",
        "executor": executor.pk,
        "deadline": "2026-12-15",
        **fields,
    }
    return api(user).post(f"{BASE}resolutions/", body, format="json")


def test_a_resolution_and_its_assignments_through_the_api(people, letter):
    head, methodist, methodist2 = people["head"], people["methodist"], people["methodist2"]
    _record, token = AuthToken.objects.create(user=head)
    client = APIClient()
    response = client.post(
        f"{BASE}resolutions/",
        {
            "document": letter.pk,
            "text": "Подготовить ответ",
            "executor": methodist.pk,
            "co_executors": [methodist2.pk],
            "working_days": 5,
        },
        format="json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 201, response.json()
    made = response.json()
    assert [(a["executor"], a["role"]) for a in made] == [
        (methodist.pk, "responsible"),
        (methodist2.pk, "co_executor"),
    ]
    # Five working days from Tuesday 1.12.2026.
    assert {a["deadline"] for a in made} == {"2026-12-08"}
    assert {a["state"] for a in made} == {"open"} and made[0]["controller"] == head.pk
    assert made[0]["url"] == f"/control/{made[0]['id']}/"
    assert visible_documents(methodist2).filter(pk=letter.pk).exists()
    assert Notification.objects.filter(recipient=methodist2).count() == 1
    # Without a token or a session: 401.
    assert APIClient().get(BASE).status_code == 401

    mine = api(methodist).get(BASE).json()
    assert mine["count"] == 1 and mine["results"][0]["id"] == made[0]["id"]
    assert mine["results"][0]["executor_name"] == methodist.get_full_name()
    detail = api(methodist).get(f"{BASE}{made[0]['id']}/").json()
    assert detail["text"] == "Подготовить ответ" and detail["document"] == letter.pk
    controlled = api(head).get(BASE, {"which": "control"}).json()
    assert controlled["count"] == 2 and api(head).get(BASE).json()["count"] == 0


def test_delegate_report_return_accept_and_extensions_through_the_api(people, letter):
    head, methodist, methodist2 = people["head"], people["methodist"], people["methodist2"]
    [assignment] = resolve(head, letter, methodist, deadline=D(2026, 12, 15))
    url = f"{BASE}{assignment.pk}/"

    later = api(methodist).post(
        f"{url}delegate/", {"executor": methodist2.pk, "text": "Часть", "deadline": "2026-12-16"}
    )
    assert later.status_code == 400
    assert later.json()["detail"] == (
        "Поручение в части исполняется не позднее самого поручения (15.12.2026)."
    )
    part = api(methodist).post(
        f"{url}delegate/", {"executor": methodist2.pk, "text": "Часть", "working_days": 2}
    )
    assert part.status_code == 201
    part = part.json()
    assert (part["parent"], part["controller"], part["deadline"]) == (
        assignment.pk,
        methodist.pk,
        "2026-12-03",
    )
    assert (
        api(methodist2).post(f"{BASE}{part['id']}/report/", {"text": "Сделано"}).json()["status"]
        == "reported"
    )
    accepted = api(methodist).post(f"{BASE}{part['id']}/accept/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "done_on_time"

    answer = approved_upload(letter.organization, "ПИСЬМО\nОтвет\n\nСообщаем.")
    reported = api(methodist).post(
        f"{url}report/", {"text": "Ответ подготовлен", "result_document": answer.pk}
    )
    assert reported.status_code == 200 and reported.json()["result_document"] == answer.pk
    assert api(head).post(f"{url}return/", {"remarks": ""}).status_code == 400
    returned = api(head).post(f"{url}return/", {"remarks": "Дополните"})
    assert returned.json()["status"] == "open" and returned.json()["remarks"] == "Дополните"

    asked = api(methodist).post(
        f"{url}extension/", {"deadline": "2026-12-22", "reason": "Ждём школы"}
    )
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    extension = asked.json()["id"]
    assert (
        api(methodist).post(f"{BASE}extensions/{extension}/decide/", {"approve": True}).status_code
        == 400
    )
    no_reason = api(head).post(f"{BASE}extensions/{extension}/decide/", {"approve": False})
    assert no_reason.status_code == 400
    assert no_reason.json()["detail"] == "Укажите, почему запрос отклонён."
    decided = api(head).post(f"{BASE}extensions/{extension}/decide/", {"approve": True})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert api(methodist).get(url).json()["deadline"] == "2026-12-22"
    assert api(methodist).get(f"{BASE}extensions/{extension}/").json()["deadline"] == ("2026-12-22")

    with at(D(2026, 12, 23)):
        api(methodist).post(f"{url}report/", {"text": "Дополнено"})
        done = api(head).post(f"{url}accept/").json()
    assert (done["status"], done["state"], done["completed_on"]) == (
        "done",
        "done_late",
        "2026-12-23",
    )
    assert api(methodist).get(BASE, {"state": "done"}).json()["count"] == 1


def test_api_refusals_answer_in_russian_and_store_nothing(
    people, org_tree, make_person, journal, letter
):
    from orgs.roles import Role

    head, methodist = people["head"], people["methodist"]
    outside = resolution(head, letter, people["stranger"])
    assert outside.status_code == 400
    assert outside.json()["detail"] == (
        "Соколова Анна Сергеевна не работает в организации и не может быть исполнителем."
    )
    past = resolution(head, letter, methodist, deadline="2026-11-30")
    assert past.status_code == 400 and past.json()["detail"] == "Срок 30.11.2026 уже прошёл."
    assert resolution(head, letter, methodist, text="").status_code == 400
    assert resolution(head, letter, methodist, deadline=None).json()["detail"] == (
        "Укажите срок: дату или число рабочих дней."
    )
    school_deputy = make_person("school-deputy", org_tree["school"], roles=[Role.DEPUTY_DIRECTOR])
    assert resolution(school_deputy, letter, methodist).status_code == 404
    shared = new_letter(
        org_tree["centre"],
        journal,
        people["clerk"],
        title="Об олимпиаде",
        visibility=Document.Visibility.ALL,
    )
    assert resolution(school_deputy, shared, methodist).status_code == 403
    assert resolution(methodist, letter, people["methodist2"]).status_code == 404
    assert not Resolution.objects.exists() and not Assignment.objects.exists()

    [assignment] = resolve(head, letter, methodist, deadline=D(2026, 12, 15))
    url = f"{BASE}{assignment.pk}/"
    assert api(people["teacher"]).post(f"{url}report/", {"text": "Я"}).status_code == 404
    by_head = api(head).post(f"{url}report/", {"text": "Я"})
    assert by_head.status_code == 400
    assert by_head.json()["detail"] == "Об исполнении поручения отчитывается только исполнитель."
    assert api(head).post(f"{url}accept/").json()["detail"] == (
        "Об исполнении поручения ещё не доложено."
    )
    earlier = api(methodist).post(f"{url}extension/", {"deadline": "2026-12-14", "reason": "x"})
    assert earlier.json()["detail"] == "Новый срок должен быть позже текущего."
    api(methodist).post(f"{url}report/", {"text": "Сделано"})
    by_executor = api(methodist).post(f"{url}accept/")
    assert by_executor.status_code == 400
    assert by_executor.json()["detail"] == "Снимает поручение с контроля только контролёр."
    hidden = approved_upload(org_tree["school"], "ПИСЬМО\nЧужое\n\nТекст.")
    api(head).post(f"{url}return/", {"remarks": "Ещё"})
    unseen = api(methodist).post(f"{url}report/", {"text": "С чужим", "result_document": hidden.pk})
    assert unseen.status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == S.OPEN and assignment.result_document is None
    assert not Extension.objects.exists() and not assignment.delegated.exists()


def test_another_organisation_neither_lists_nor_opens_our_assignments(people, letter):
    [assignment] = resolve(people["head"], letter, people["methodist"], deadline=D(2026, 12, 9))
    stranger = api(people["stranger"])
    for which in ("mine", "control", "all"):
        assert stranger.get(BASE, {"which": which}).json()["count"] == 0
    assert stranger.get(f"{BASE}{assignment.pk}/").status_code == 404
    assert (
        stranger.post(
            f"{BASE}{assignment.pk}/delegate/",
            {"executor": people["stranger"].pk, "text": "x", "deadline": "2026-12-05"},
        ).status_code
        == 404
    )
    assert api(people["head"]).get(BASE, {"which": "all"}).json()["count"] == 1
    with at(D(2026, 12, 10)):
        overdue = api(people["clerk"]).get(BASE, {"which": "all", "state": "overdue"}).json()
        assert [a["id"] for a in overdue["results"]] == [assignment.pk]
        assert overdue["results"][0]["state"] == "overdue"


def test_the_discipline_answer_and_its_refusals(people, letter):
    [assignment] = resolve(people["head"], letter, people["methodist"], deadline=D(2026, 12, 9))
    answer = api(people["head"]).get(
        f"{BASE}discipline/", {"start": "2026-01-01", "end": "2026-12-31"}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"]["total"] == 1 and body["total"]["open"] == 1
    assert body["people"] == [
        {
            "name": people["methodist"].get_full_name(),
            "total": 1,
            "done_on_time": 0,
            "done_late": 0,
            "overdue": 0,
            "open": 1,
            "on_time_share": 0,
        }
    ]
    assert body["organizations"][0]["name"] == letter.organization.name
    backwards = api(people["head"]).get(
        f"{BASE}discipline/", {"start": "2026-12-31", "end": "2026-01-01"}
    )
    assert backwards.status_code == 400
    assert "Период заканчивается раньше, чем начинается." in str(backwards.json())
    assert api(people["head"]).get(f"{BASE}discipline/").status_code == 400
    assert (
        api(people["stranger"])
        .get(f"{BASE}discipline/", {"start": "2026-01-01", "end": "2026-12-31"})
        .json()["total"]["total"]
        == 0
    )
    assert assignment.pk


def test_every_path_is_in_the_schema(db):
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    expected = {
        f"{BASE}": {"get"},
        f"{BASE}{{id}}/": {"get"},
        f"{BASE}{{id}}/report/": {"post"},
        f"{BASE}{{id}}/delegate/": {"post"},
        f"{BASE}{{id}}/extension/": {"post"},
        f"{BASE}{{id}}/accept/": {"post"},
        f"{BASE}{{id}}/return/": {"post"},
        f"{BASE}extensions/{{id}}/": {"get"},
        f"{BASE}extensions/{{id}}/decide/": {"post"},
        f"{BASE}resolutions/": {"post"},
        f"{BASE}discipline/": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    parameters = {p["name"] for p in paths[BASE]["get"]["parameters"]}
    assert {"which", "state", "page"} <= parameters
    discipline = {p["name"]: p for p in paths[f"{BASE}discipline/"]["get"]["parameters"]}
    assert discipline["start"]["required"] and discipline["end"]["required"]
    report = paths[f"{BASE}{{id}}/report/"]["post"]["requestBody"]["content"]["application/json"]
    assert report["schema"]["$ref"].endswith("/Report")
