"""The pedagogical information bank: categories, publication, materials, similar documents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import services as documents
from orgs.roles import Role
from search import bank
from search.backends import get_backend
from search.models import BankCategory
from search.services import drain_outbox

pytestmark = pytest.mark.django_db

OLYMPIAD = "ПОЛОЖЕНИЕ\nо муниципальной олимпиаде\n\n1.1. Олимпиады проводятся ежегодно."


def approved(org, text=OLYMPIAD):
    document = documents.create_document(organization=org, name="a.txt", data=text.encode())
    document.status = "approved"
    document.save()
    return document


def test_categories_are_loaded():
    codes = list(BankCategory.objects.values_list("code", flat=True))
    assert codes[:3] == ["normative", "scientific", "methodical"]
    assert {"experience", "monitoring", "olympiads", "other"} <= set(codes)


def test_publication_reaches_the_organisations_it_is_published_to(org_tree, make_person):
    school_teacher = make_person("teacher", org_tree["school"], roles=[Role.STAFF])
    methodist = make_person("m", org_tree["centre"], roles=[Role.METHODIST])
    document = approved(org_tree["centre"])
    drain_outbox()
    assert get_backend().search("олимпиада", user=school_teacher).count == 0
    bank.publish(
        document,
        category=BankCategory.objects.get(code="olympiads"),
        by=methodist,
        organizations=[org_tree["school"]],
        subject="Математика",
        level="5–11",
    )
    drain_outbox()
    results = get_backend().search("олимпиада", user=school_teacher)
    assert [h.document_id for h in results.hits] == [document.pk]
    assert results.facets["category"] == [{"value": "olympiads", "count": 1}]
    authority_staff = make_person("uo", org_tree["authority"], roles=[Role.STAFF])
    assert get_backend().search("олимпиада", user=authority_staff).count == 0
    bank.publish(
        document, category=BankCategory.objects.get(code="olympiads"), by=methodist, restricted=True
    )
    drain_outbox()
    assert get_backend().search("олимпиада", user=school_teacher).count == 0


def test_only_approved_documents_are_published(org_tree, make_person):
    draft = documents.create_document(
        organization=org_tree["centre"], name="d.txt", data=OLYMPIAD.encode()
    )
    with pytest.raises(bank.BankRefused, match="утверждённые"):
        bank.publish(draft, category=BankCategory.objects.first(), by=None)


def test_upload_material_page(client, org_tree, make_person):
    methodist = make_person("m", org_tree["centre"], roles=[Role.METHODIST])
    client.force_login(methodist)
    assert "Банк педагогической информации" in client.get("/search/bank/").content.decode()
    category = BankCategory.objects.get(code="methodical")
    response = client.post(
        "/search/bank/upload/",
        {
            "file": SimpleUploadedFile("урок.txt", "Методическая разработка урока дробей".encode()),
            "title": "Урок: обыкновенные дроби",
            "category": category.pk,
            "subject": "Математика",
            "level": "5 класс",
            "material_type": "методическая разработка",
            "author_name": "Иванова О. А.",
            "year": 2026,
        },
    )
    assert response.status_code == 302
    drain_outbox()
    teacher = make_person("t", org_tree["school"], roles=[Role.STAFF])  # published to all
    hits = get_backend().search("дробь", user=teacher).hits
    assert [h.title for h in hits] == ["Урок: обыкновенные дроби"]
    client.force_login(teacher)
    page = client.get("/search/bank/").content.decode()
    assert "Методическая информация" in page
    bad = client.post(
        "/search/bank/upload/",
        {
            "file": SimpleUploadedFile("x.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
            "category": category.pk,
        },
    )
    assert "Сохраните его как .docx" in bad.content.decode()


def test_publish_page_and_similar_documents(client, org_tree, make_person):
    methodist = make_person("m", org_tree["centre"], roles=[Role.METHODIST])
    first = approved(org_tree["centre"])
    second = approved(
        org_tree["centre"], "ПОЛОЖЕНИЕ\nо школьной олимпиаде\n\n1.1. Олимпиады проводятся весной."
    )
    other = approved(org_tree["centre"], "ПРИКАЗ\nО ремонте\n\n1. Отремонтировать кровлю.")
    drain_outbox()
    similar = get_backend().similar(first, user=methodist)
    assert [h.document_id for h in similar][0] == second.pk
    assert other.pk not in [h.document_id for h in similar] and first.pk not in [
        h.document_id for h in similar
    ]
    client.force_login(methodist)
    page = client.get(f"/documents/{first.pk}/").content.decode()
    assert "Похожие документы" in page and second.title in page
    response = client.post(
        f"/search/bank/publish/{first.pk}/",
        {"category": BankCategory.objects.get(code="olympiads").pk},
    )
    assert response.status_code == 302 and first.publication.category.code == "olympiads"
    teacher = make_person("t", org_tree["school"], roles=[Role.STAFF])
    client.force_login(teacher)
    assert client.get(f"/search/bank/publish/{first.pk}/").status_code == 403
