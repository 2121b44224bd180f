"""Malformed API requests answer 4xx with a Russian message, never a 500 (issue #20, found by
the fuzzer)."""

import re

import pytest
from rest_framework.test import APIClient

from .workflow_helpers import urls_loaded

pytestmark = pytest.mark.django_db
CYRILLIC = re.compile("[А-Яа-яЁё]")


def api(user):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    return client


def russian(response) -> str:
    text = response.content.decode()
    assert CYRILLIC.search(text), text
    return text


@pytest.mark.parametrize("action", ["decide", "acknowledge"])
@pytest.mark.parametrize("task", ["abc", "1.5", "%20"])
def test_a_task_id_that_is_not_a_number_is_not_found(people, action, task):
    response = api(people["methodist"]).post(
        f"/api/v1/tasks/{task}/{action}/", {"decision": "agree"}, format="json"
    )
    assert response.status_code == 404
    russian(response)


@pytest.mark.parametrize(
    "body",
    [
        {"kind": 5},
        {"kind": ["conclusion"]},
        {"kind": {"code": "conclusion"}},
        {"kind": None},
        {"kind": "conclusion", "form": "abc"},
        {"kind": "conclusion", "form": [1, 2]},
        {"kind": "conclusion", "form": 5},
        ["conclusion"],
        "conclusion",
        7,
    ],
)
def test_a_malformed_process_start_is_a_400(people, body):
    urls_loaded()
    response = api(people["methodist"]).post("/api/v1/processes/", body, format="json")
    assert response.status_code == 400, response.content
    russian(response)


def test_an_unknown_kind_is_named_in_russian(people):
    response = api(people["methodist"]).post(
        "/api/v1/processes/", {"kind": "nonsense", "form": {}}, format="json"
    )
    assert response.status_code == 400
    assert "kind" in response.json()
    russian(response)


@pytest.mark.parametrize("body", [[None, None], "agree", 5])
def test_a_decision_that_is_not_an_object_is_a_400(people, body):
    response = api(people["methodist"]).post("/api/v1/tasks/1/decide/", body, format="json")
    assert response.status_code == 400, response.content
    russian(response)
