"""The processes API: start, my tasks, act, history — same rules as the web pages."""

import pytest
from rest_framework.test import APIClient

from workflows.models import Approval

from .workflow_helpers import CONCLUSION, ORDER, urls_loaded

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_start_list_act_and_history(people, lab_deputy, journals):
    urls_loaded()
    methodist = people["methodist"]
    form = {**CONCLUSION, "experts": [methodist.pk]}
    response = api(methodist).post(
        "/api/v1/processes/", {"kind": "conclusion", "form": form}, format="json"
    )
    assert response.status_code == 201, response.json()
    process = response.json()
    assert process["status"] == "in_progress" and process["kind"] == "conclusion"

    # The deputy's inbox has one task; the head's is empty until the deputy agrees.
    tasks = api(lab_deputy).get("/api/v1/tasks/").json()
    assert [t["document"] for t in tasks["results"]] == [process["document"]]
    assert api(people["head"]).get("/api/v1/tasks/").json()["count"] == 0
    task_id = tasks["results"][0]["id"]

    # Returning needs remarks; a stranger cannot act; the author cannot act.
    assert (
        api(lab_deputy).post(f"/api/v1/tasks/{task_id}/decide/", {"decision": "return"}).status_code
        == 400
    )
    assert (
        api(methodist).post(f"/api/v1/tasks/{task_id}/decide/", {"decision": "agree"}).status_code
        == 404
    )
    assert (
        api(people["stranger"])
        .post(f"/api/v1/tasks/{task_id}/decide/", {"decision": "agree"})
        .status_code
        == 404
    )

    response = api(lab_deputy).post(
        f"/api/v1/tasks/{task_id}/decide/", {"decision": "agree", "remarks": ""}
    )
    assert response.status_code == 200 and response.json()["decision"] == "agree"
    head_task = api(people["head"]).get("/api/v1/tasks/").json()["results"][0]
    api(people["head"]).post(f"/api/v1/tasks/{head_task['id']}/decide/", {"decision": "agree"})

    detail = api(methodist).get(f"/api/v1/processes/{process['id']}/").json()
    assert detail["status"] == "done"
    assert [s["decision"] for s in detail["steps"] if s["purpose"] == "decision"] == [
        "agree",
        "agree",
    ]
    actions = [h["action"] for h in detail["history"]]
    assert actions[0] == "start" and actions[-1] == "finish" and "register" in actions
    # The process is hidden from outsiders.
    assert api(people["stranger"]).get(f"/api/v1/processes/{process['id']}/").status_code == 404
    assert api(people["teacher"]).get("/api/v1/processes/").json()["count"] == 0


def test_form_errors_and_refusals(people, journals):
    urls_loaded()
    response = api(people["methodist"]).post(
        "/api/v1/processes/",
        {"kind": "order", "form": {**ORDER, "title": "Проведение"}},
        format="json",
    )
    assert response.status_code == 400 and "title" in response.json()
    assert (
        api(people["teacher"])
        .post("/api/v1/processes/", {"kind": "order", "form": ORDER}, format="json")
        .status_code
        == 403
    )
    assert (
        api(people["methodist"])
        .post("/api/v1/processes/", {"kind": "plan", "form": {}}, format="json")
        .status_code
        == 400
    )
    assert not Approval.objects.exists()


def test_acknowledge_through_the_api(people, journals):
    urls_loaded()
    response = api(people["methodist"]).post(
        "/api/v1/processes/",
        {"kind": "order", "form": {**ORDER, "acknowledgers": [people["teacher"].pk]}},
        format="json",
    )
    assert response.status_code == 201, response.json()
    head_task = api(people["head"]).get("/api/v1/tasks/").json()["results"][0]
    api(people["head"]).post(f"/api/v1/tasks/{head_task['id']}/decide/", {"decision": "agree"})
    task = api(people["teacher"]).get("/api/v1/tasks/").json()["results"][0]
    assert task["purpose"] == "acknowledgement"
    assert (
        api(people["teacher"]).post(f"/api/v1/tasks/{task['id']}/acknowledge/").status_code == 200
    )
    assert Approval.objects.get().status == "done"


def test_schema_lists_the_process_and_task_endpoints(client, people):
    client.force_login(people["methodist"])
    schema = client.get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/processes/",
        "/api/v1/tasks/{id}/decide/",
        "/api/v1/tasks/{id}/acknowledge/",
    ):
        assert path in schema
