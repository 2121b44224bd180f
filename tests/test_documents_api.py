"""POST/GET /api/v1/documents/, versions, .docx, filters, visibility, OpenAPI schema."""

import datetime
import hashlib
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import lifecycle, services
from documents.models import Document
from orgs.roles import Role

from .docx_factory import new_document, to_bytes
from .record_helpers import approved, keeper

REGULATION = "ПОЛОЖЕНИЕ\nо совете\n\n1. Общие положения\n1.1. Первый пункт.\n1.2. Второй пункт.\n"


@pytest.fixture
def methodist(org_tree, make_person):
    return make_person(
        "methodist", org_tree["centre"], org_tree["units"]["imc-02"], roles=[Role.METHODIST]
    )


def upload(client, name="reg.txt", data=None, **fields):
    data = REGULATION.encode() if data is None else data
    return client.post("/api/v1/documents/", {"file": SimpleUploadedFile(name, data), **fields})


def test_upload_extracts_and_returns_structure(client, methodist):
    client.force_login(methodist)
    response = upload(client, comment="первая редакция")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["kind"] == "regulation" and data["title"] == "ПОЛОЖЕНИЕ о совете"
    assert data["organization"] == "imc" and data["version"] == 1
    assert [c["number"] for c in data["sections"][0]["clauses"]] == ["1.1", "1.2"]
    assert data["versions"][0]["comment"] == "первая редакция"
    assert Document.objects.get().author == methodist


def test_upload_with_overrides(client, methodist, org_tree):
    client.force_login(methodist)
    response = upload(
        client,
        kind="plan",
        title="План работы на 2027 год",
        unit=org_tree["units"]["imc-02"].pk,
        visibility="all",
    )
    assert response.status_code == 201
    document = Document.objects.get()
    assert (document.kind, document.title, document.visibility) == (
        "plan",
        "План работы на 2027 год",
        "all",
    )


def test_upload_into_another_organisation_or_unit_is_refused(client, methodist, org_tree):
    client.force_login(methodist)
    assert upload(client, organization="school").status_code == 403
    response = upload(client, unit=org_tree["units"]["school-02"].pk)
    assert response.status_code == 400 and "unit" in response.json()
    assert Document.objects.count() == 0


def test_oversized_upload_is_refused_with_message(client, methodist, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    client.force_login(methodist)
    response = upload(client, data=b"a" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "1 МБ" in response.json()["file"][0]


def test_anonymous_is_refused(client, db):
    assert client.get("/api/v1/documents/").status_code in (401, 403)


def test_versions_endpoint(client, methodist):
    client.force_login(methodist)
    document_id = upload(client).json()["id"]
    url = f"/api/v1/documents/{document_id}/versions/"
    new = REGULATION.replace("Второй", "Новый").encode()
    response = client.post(url, {"file": SimpleUploadedFile("v2.txt", new), "comment": "правка"})
    assert response.status_code == 201 and response.json()["number"] == 2
    assert [v["number"] for v in client.get(url).json()] == [1, 2]
    detail = client.get(f"/api/v1/documents/{document_id}/").json()
    assert detail["version"] == 2
    assert detail["sections"][0]["clauses"][1]["text"] == "Новый пункт."
    same = client.post(url, {"file": SimpleUploadedFile("v3.txt", new)})
    assert same.status_code == 400 and "совпадает с версией 2" in same.json()["file"][0]


def test_other_people_cannot_add_versions(client, methodist, org_tree, make_person):
    client.force_login(methodist)
    document_id = upload(client).json()["id"]
    colleague = make_person("colleague", org_tree["centre"], roles=[Role.METHODIST])
    client.force_login(colleague)
    response = client.post(
        f"/api/v1/documents/{document_id}/versions/",
        {"file": SimpleUploadedFile("x.txt", b"1.1. X")},
    )
    assert response.status_code == 403
    clerk = make_person("clerk", org_tree["centre"], roles=[Role.CLERK])
    client.force_login(clerk)
    response = client.post(
        f"/api/v1/documents/{document_id}/versions/",
        {"file": SimpleUploadedFile("x.txt", b"1.1. X")},
    )
    assert response.status_code == 201


def test_list_filters(client, methodist, org_tree):
    centre = org_tree["centre"]
    services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    order = services.create_document(
        organization=centre,
        name="o.txt",
        data="ПРИКАЗ\n15.03.2022 № 01-12/45\nО мониторинге\n\n1. Провести.".encode(),
    )
    client.force_login(methodist)
    # The number in the file is not a registration: the filter finds it once the clerk has
    # entered the order from the archive with it.
    assert client.get("/api/v1/documents/?number=01-12/45").json()["results"] == []
    lifecycle.enter_from_archive(
        order, actor=keeper(), number="01-12/45", date=datetime.date(2022, 3, 15)
    )

    def titles(query):
        return sorted(
            d["title"] for d in client.get(f"/api/v1/documents/?{query}").json()["results"]
        )

    assert titles("") == ["ПОЛОЖЕНИЕ о совете", "ПРИКАЗ О мониторинге"]
    assert titles("kind=order") == ["ПРИКАЗ О мониторинге"]
    assert titles("number=01-12/45") == ["ПРИКАЗ О мониторинге"]
    assert titles("date_from=2022-03-01&date_to=2022-03-31") == ["ПРИКАЗ О мониторинге"]
    assert titles("q=совет") == ["ПОЛОЖЕНИЕ о совете"]
    assert titles("organization=school") == []


def test_visibility_by_organisation_and_restriction(client, org_tree, make_person):
    centre, school = org_tree["centre"], org_tree["school"]
    own = services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    shared = services.create_document(
        organization=school, name="b.txt", data="Памятка\nТекст".encode(), visibility="all"
    )
    hidden = services.create_document(
        organization=school, name="c.txt", data="Справка\nТекст".encode()
    )
    restricted = services.create_document(
        organization=centre,
        name="d.txt",
        data="Служебная записка\nТекст".encode(),
        visibility="restricted",
    )
    reader = make_person("reader", centre, roles=[Role.STAFF])
    client.force_login(reader)
    ids = {d["id"] for d in client.get("/api/v1/documents/").json()["results"]}
    assert ids == {own.pk}  # another organisation's draft is not shared yet ...
    approved(shared)
    ids = {d["id"] for d in client.get("/api/v1/documents/").json()["results"]}
    assert ids == {own.pk, shared.pk}  # ... it is once approved
    assert client.get(f"/api/v1/documents/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/{restricted.pk}/docx/").status_code == 404
    head = make_person("head", centre, roles=[Role.HEAD])
    client.force_login(head)
    assert client.get(f"/api/v1/documents/{restricted.pk}/").status_code == 200


def test_download_gives_back_the_stored_bytes(client, methodist):
    client.force_login(methodist)
    source = new_document()
    source.add_paragraph("ПОЛОЖЕНИЕ")
    source.add_paragraph("о совете")
    source.add_paragraph("1.1. Первый пункт.")
    data = to_bytes(source)
    document_id = upload(client, name="reg.docx", data=data).json()["id"]
    for url in (
        f"/api/v1/documents/{document_id}/docx/",
        f"/api/v1/documents/{document_id}/versions/1/file/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == hashlib.sha256(data).hexdigest()
    assert client.get(f"/api/v1/documents/{document_id}/versions/2/file/").status_code == 404
    rendered = docx.Document(io.BytesIO(body))
    assert any(p.text == "1.1. Первый пункт." for p in rendered.paragraphs)


def test_openapi_schema_and_docs_page(client, methodist):
    client.force_login(methodist)
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/documents/",
        "/api/v1/documents/{id}/",
        "/api/v1/documents/{id}/versions/",
        "/api/v1/documents/{id}/docx/",
        "/api/v1/documents/{id}/versions/{number}/file/",
    ):
        assert path in paths, path
    assert "post" in paths["/api/v1/documents/"]
    assert client.get("/api/v1/docs/").status_code == 200
