"""The published schema says what the API answers (issue #20): unpaginated lists declared as
arrays, fields that can be null declared nullable, the error answers declared."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


LISTS = [
    ("/api/v1/documents/{id}/versions/", "Version"),
    ("/api/v1/nomenclatures/{id}/cases/", "Case"),
    ("/api/v1/journals/{id}/entries/", "Entry"),
    ("/api/v1/cases/{id}/documents/", "Entry"),
]


@pytest.mark.parametrize(("path", "item"), LISTS)
def test_the_list_actions_are_declared_as_the_arrays_they_answer(schema, path, item):
    operation = schema["paths"][path]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}}
    assert "page" not in {p["name"] for p in operation.get("parameters", [])}


def test_the_list_actions_answer_arrays(clerk, document, journal):
    client = APIClient()
    client.force_authenticate(clerk)
    versions = client.get(f"/api/v1/documents/{document.pk}/versions/").json()
    assert isinstance(versions, list) and versions[0]["number"] == 1
    assert isinstance(client.get(f"/api/v1/journals/{journal.pk}/entries/").json(), list)
    bad = client.get(f"/api/v1/journals/{journal.pk}/entries/?date_from=yesterday")
    assert bad.status_code == 400 and "date_from" in bad.json()


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Version", "created_by"),
        ("Document", "author"),
        ("Audit", "actor"),
        ("Audit", "on_behalf_of"),
        ("Step", "on_behalf_of"),
        ("Entry", "created_by"),
        ("Entry", "case"),
        ("Entry", "document_title"),
    ],
)
def test_fields_that_can_be_null_are_nullable(schema, component, field):
    declared = schema["components"]["schemas"][component]["properties"][field]
    assert declared.get("nullable") or any(
        part.get("nullable") for part in declared.get("allOf", []) + declared.get("oneOf", [])
    ), declared


def test_every_operation_declares_its_error_answers(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for code in ("400", "401", "403", "404"):
                answer = operation["responses"].get(code)
                assert answer and answer.get("content"), (method, path, code)
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
