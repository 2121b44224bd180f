"""Correspondence as the tests drive it: the tree's three organisations with their clerks and
heads, an approved nomenclature with a case for correspondence in each, journals «Входящие»
({n}-вх) and «Исходящие» ({n}-исх); the registration page's POST as its form sends it; the
outgoing letter drafted, signed and registered through the letter flow's pages."""

import datetime
import io
import zoneinfo

import docx
import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from .docx_factory import to_bytes
from .workflow_helpers import client_for, decide, urls_loaded

D = datetime.date
MSK = zoneinfo.ZoneInfo("Europe/Moscow")
# The tests' today: Tuesday, 1 December 2026 (the nomenclatures are of 2026).
TODAY = D(2026, 12, 1)
RULE = "Переписка с органами власти и организациями по основной деятельности"


@pytest.fixture
def frozen():
    """Everything of the test happens on TODAY; the clock ticks (ordering by time works)."""
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=MSK), tick=True):
        yield TODAY


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _registry(organization, unit, head, rule):
    from registry import services as registry
    from registry.models import Journal, Nomenclature

    nomenclature = Nomenclature.objects.create(organization=organization, year=TODAY.year)
    case = registry.add_case(nomenclature, unit=unit, title=RULE, retention_rule=rule)
    registry.approve_nomenclature(
        nomenclature, approver=head, order_number="01-12/3", order_date=D(2025, 12, 25)
    )
    journals = {}
    for kind, name, template in (
        (Journal.Kind.INCOMING, "Входящие документы", "{n}-вх"),
        (Journal.Kind.OUTGOING, "Исходящие документы", "{n}-исх"),
    ):
        journals[kind] = registry.save_journal(
            Journal(
                organization=organization,
                name=name,
                kind=kind,
                number_template=template,
                default_case_index=case.index,
            )
        )
    return journals


@pytest.fixture
def mail(frozen, org_tree, people, make_person):
    """The centre's staff (conftest `people`), the authority's head and clerk, the school's
    head (`people["stranger"]`) and clerk; each organisation with its «Входящие» and
    «Исходящие»."""
    from orgs.models import Unit
    from orgs.roles import Role
    from registry.models import RetentionRule

    urls_loaded()
    clerk = people["clerk"]  # named, as every real one is (the shared fixture's has no name)
    clerk.last_name, clerk.first_name, clerk.position = "Смирнова", "Татьяна", "Делопроизводитель"
    clerk.save()
    rule, _created = RetentionRule.objects.get_or_create(
        title=RULE, article="", defaults={"years": 5, "epk": True, "needs_check": True}
    )
    authority, centre, school = org_tree["authority"], org_tree["centre"], org_tree["school"]
    uo_unit = Unit.objects.create(organization=authority, code="01", name="Руководство")

    def person(username, org, unit, roles, last, position):
        return make_person(
            username, org, unit, roles=roles, last_name=last, first_name="Нина",
            middle_name="Петровна", position=position, email=f"{username}@example.org",
        )  # fmt: skip

    uo_head = person("uo_head", authority, uo_unit, [Role.HEAD], "Васильева", "Начальник")
    uo_clerk = person("uo_clerk", authority, uo_unit, [Role.CLERK], "Орлова", "Специалист")
    school_clerk = person(
        "school_clerk", school, org_tree["units"]["school-02"], [Role.CLERK], "Белова",
        "Секретарь",
    )  # fmt: skip
    journals = {
        "centre": _registry(centre, org_tree["units"]["imc-01"], people["head"], rule),
        "authority": _registry(authority, uo_unit, uo_head, rule),
        "school": _registry(school, org_tree["units"]["school-02"], people["stranger"], rule),
    }
    return {
        **people,
        "uo_head": uo_head,
        "uo_clerk": uo_clerk,
        "school_head": people["stranger"],
        "school_clerk": school_clerk,
        "journals": journals,
        **org_tree,
    }


def letter_docx(*paragraphs) -> bytes:
    out = docx.Document()
    for paragraph in paragraphs or ("ПИСЬМО", "О проведении мониторинга", "Просим провести."):
        out.add_paragraph(paragraph)
    return to_bytes(out)


def upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def incoming_form(**fields) -> dict:
    """What the registration page's form (correspondence.forms.IncomingForm) sends: a new
    correspondent typed in, the sender's number and date, the file and one attachment."""
    data = {
        "new_correspondent": "Министерство образования Рязанской области",
        "kind": "letter",
        "their_number": "14-02/1187",
        "their_date": "2026-11-26",
        "received_on": TODAY.isoformat(),
        "channel": "email",
        "summary": "О проведении регионального мониторинга функциональной грамотности",
        "file": upload(
            "Письмо министерства.docx",
            letter_docx(
                "МИНИСТЕРСТВО ОБРАЗОВАНИЯ РЯЗАНСКОЙ ОБЛАСТИ",
                "О проведении регионального мониторинга функциональной грамотности",
                "Просим обеспечить участие обучающихся 8 классов в мониторинге.",
            ),
        ),
        "attachments": [upload("График проведения.txt", "График: 10.12.2026 — 8 классы".encode())],
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def register(user, **fields):
    return client_for(user).post(reverse("correspondence:register"), incoming_form(**fields))


def registered_letter(user, **fields):
    from correspondence.models import Letter

    response = register(user, **fields)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Letter.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def text_of(response) -> str:
    return response.content.decode()


def docx_text(document) -> str:
    version = document.current_version
    with version.file.open("rb") as handle:
        out = docx.Document(io.BytesIO(handle.read()))
    parts = [p.text for p in out.paragraphs]
    for table in out.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def letter_fields(**fields) -> dict:
    """What the letter flow's start page sends."""
    data = {
        "addressee": "Министру образования Рязанской области\nО.В. Щетинкиной",
        "title": "О проведении мониторинга",
        "text": "Сообщаем, что мониторинг будет проведён в установленные сроки.",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def draft_letter(author, **fields):
    """The author drafts a letter through the flow's start page; its approval."""
    from correspondence.flows import LetterFlow
    from workflows.models import Approval

    if not {"partner_organization", "correspondent", "new_correspondent"} & set(fields):
        fields["new_correspondent"] = "Министерство образования Рязанской области"
    before = set(Approval.objects.values_list("pk", flat=True))
    response = client_for(author).post(LetterFlow.start.reverse("execute"), letter_fields(**fields))
    assert response.status_code == 302, text_of(response)[-3000:]
    return Approval.objects.exclude(pk__in=before).get()


def sign(head, approval, capture):
    """The head signs; the process registers the letter in «Исходящие» (after commit)."""
    with capture(execute=True):
        response = decide(head, approval)
    assert response.status_code == 302, text_of(response)[-3000:]
    approval.refresh_from_db()
    approval.document.refresh_from_db()
    return approval


def send(user, letter, **fields):
    return client_for(user).post(
        reverse("correspondence:send", args=[letter.pk]), {"channel": "email", **fields}
    )
