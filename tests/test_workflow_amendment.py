"""Amending a regulation end to end, through the test client as the real roles: a methodist
composes the changes with a preview, the department's senior methodist agrees, the head signs,
the order is registered and the changes become a new revision on the effective date."""

import datetime
import io
from pathlib import Path

import docx
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from docx.oxml.ns import qn

from documents import services as document_services
from documents.models import Amendment, Document
from orders.flows import AmendmentFlow
from workflows.models import Approval, Notification

from .record_helpers import approved
from .workflow_helpers import client_for, decide, urls_loaded

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"
NEW_31 = "Аналитическая деятельность: мониторинг качества образования."


@pytest.fixture
def regulation(org_tree, people):
    lab = org_tree["units"]["imc-02"]
    lab.head = people["senior"]  # the department's lead agrees its regulation's changes
    lab.save()
    path = next(SEEDS.glob("004_*.txt"))
    return approved(  # in force: approved on paper, entered from the archive
        document_services.create_document(
            organization=org_tree["centre"], unit=lab, name=path.name, data=path.read_bytes()
        )
    )


def _rows(*changes):
    data = {}
    for n, change in enumerate(changes):
        for key, value in change.items():
            data[f"operations-{n}-{key}"] = value
    return data


CHANGES = (
    {"op": "set", "clause": "3.1", "text": NEW_31},
    {"op": "add", "clause": "3.7", "text": "Деятельность в сфере наставничества."},
    {"op": "repeal", "clause": "5.7"},
)


def _post(user, regulation, *changes, **extra):
    urls_loaded()
    data = {"regulation": regulation.pk, "control": "Контроль оставляю за собой.", **extra}
    data.update(_rows(*changes))
    return client_for(user).post(AmendmentFlow.start.reverse("execute"), data)


def _text(document) -> str:
    out = docx.Document(io.BytesIO(document.current_version.file.read()))
    return "\n".join(p.text for p in out.paragraphs)


def test_amendment_end_to_end(people, regulation, journals, django_capture_on_commit_callbacks):
    urls_loaded()
    methodist = client_for(people["methodist"])
    start_url = AmendmentFlow.start.reverse("execute")
    page = methodist.get(f"{start_url}?regulation={regulation.pk}")
    assert page.status_code == 200 and 'name="operations-0-clause"' in page.content.decode()

    # Preview: the redline of the changed clauses, nothing sent.
    preview = _post(people["methodist"], regulation, *CHANGES, preview="1")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<ins>Деятельность в сфере наставничества.</ins>" in html and "<del>" in html
    assert not Approval.objects.exists()

    # An operation that does not apply is refused with the reason.
    refused = _post(people["methodist"], regulation, {"op": "set", "clause": "9.9", "text": "x"})
    assert refused.status_code == 200
    assert "нет пункта 9.9" in refused.content.decode()
    assert not Approval.objects.exists() and not Amendment.objects.exists()

    sent = _post(people["methodist"], regulation, *CHANGES)
    assert sent.status_code == 302, sent.content.decode()[:3000]
    approval = Approval.objects.get(kind="amendment")
    amendment = Amendment.objects.get()
    order = approval.document
    assert amendment.order == order and amendment.status == Amendment.Status.ON_APPROVAL
    assert approval.route == [
        {"participants": [people["senior"].pk], "days": 3},
        {"participants": [people["head"].pk], "days": 2},
    ]
    assert order.kind == Document.Kind.ORDER
    # The title names the regulation as the text does; the changes say when they apply.
    assert order.title.startswith("О внесении изменений в Положение об отделе мониторинга")
    text = _text(order)
    assert "Внести в Положение об отделе мониторинга" in text
    assert "утверждённое приказом от 31.08.2017 № 69/1, следующие изменения:" in text
    assert "2. Настоящие изменения вступают в силу со дня подписания настоящего приказа." in text
    assert f"1) пункт 3.1 изложить в следующей редакции: «{NEW_31}»;" in text
    assert "3) пункт 5.7 признать утратившим силу." in text

    # The methodist cannot agree; the senior methodist agrees, the head signs.
    assert decide(people["senior"], approval).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(people["head"], approval).status_code == 302
    approval.refresh_from_db()
    order.refresh_from_db()
    amendment.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert order.status == Document.Status.REGISTERED and order.number == "01-01/1"
    assert amendment.status == Amendment.Status.APPLIED

    regulation.refresh_from_db()
    revision = regulation.current_version
    assert revision.number == 2
    today = timezone.localdate().strftime("%d.%m.%Y")
    clause = revision.clauses.get(number="3.1")
    assert clause.text == NEW_31
    assert clause.note == f"(п. 3.1 в ред. приказа от {today} № 01-01/1)"
    assert revision.structure["revision_header"] == f"(в ред. приказа от {today} № 01-01/1)"
    # The consolidated text names no executor: not the uploader, not the amendment's author.
    rendered = docx.Document(io.BytesIO(revision.file.read()))
    assert not rendered.element.body.findall(f".//{qn('w:framePr')}")
    assert people["methodist"].last_name not in "\n".join(p.text for p in rendered.paragraphs)
    assert Notification.objects.filter(
        recipient=people["methodist"], subject__startswith="Изменения внесены"
    ).exists()

    # The regulation's page: the consolidated text with notes, the history of amending orders,
    # earlier revisions and their comparison.
    page = client_for(people["teacher"]).get(f"/documents/{regulation.pk}/").content.decode()
    assert clause.note in page and "01-01/1" in page
    assert f"/documents/{regulation.pk}/compare/?a=1&amp;b=2" in page
    old = client_for(people["teacher"]).get(f"/documents/{regulation.pk}/?version=1")
    assert NEW_31 not in old.content.decode() and "Аналитическая и регулирующая" in (
        old.content.decode()
    )
    compared = client_for(people["teacher"]).get(f"/documents/{regulation.pk}/compare/?a=1&b=2")
    assert compared.status_code == 200
    assert "<ins>Деятельность в сфере наставничества.</ins>" in compared.content.decode()
    bad = client_for(people["teacher"]).get(f"/documents/{regulation.pk}/compare/?a=1&b=9")
    assert bad.status_code == 404


def test_effective_date_later_and_a_conflicting_second_amendment(
    people, regulation, journals, django_capture_on_commit_callbacks
):
    later = timezone.localdate() + datetime.timedelta(days=10)
    first = _post(people["methodist"], regulation, CHANGES[0], effective_date=later.isoformat())
    assert first.status_code == 302
    second = _post(
        people["methodist2"],
        regulation,
        {"op": "replace", "clause": "3.1", "words": "Аналитическая", "replacement": "Иная"},
    )
    assert second.status_code == 302
    first_approval, second_approval = Approval.objects.order_by("pk")
    for approval in (first_approval, second_approval):
        decide(people["senior"], approval)
        with django_capture_on_commit_callbacks(execute=True):
            decide(people["head"], approval)
    first_amendment = Amendment.objects.get(order=first_approval.document)
    second_amendment = Amendment.objects.get(order=second_approval.document)
    # The first waits for its date; the second applied at once.
    assert first_amendment.status == Amendment.Status.SIGNED
    assert second_amendment.status == Amendment.Status.APPLIED
    regulation.refresh_from_db()
    assert regulation.current_version.number == 2

    # On the effective date the schedule applies the first: clause 3.1 changed since it was
    # drafted, so it is a conflict, shown to its author and never applied.
    with time_machine.travel(later + datetime.timedelta(hours=12), tick=False):
        call_command("run_schedule", "--once")
    first_amendment.refresh_from_db()
    assert first_amendment.status == Amendment.Status.CONFLICT
    assert "3.1" in first_amendment.conflict
    regulation.refresh_from_db()
    assert regulation.current_version.number == 2
    assert Notification.objects.filter(
        recipient=people["methodist"], subject__startswith="Изменения не удалось внести"
    ).exists()
    page = client_for(people["methodist"]).get(f"/documents/{regulation.pk}/").content.decode()
    assert "Конфликт" in page


def test_effective_date_applies_through_the_schedule(people, regulation, journals):
    later = timezone.localdate() + datetime.timedelta(days=3)
    assert _post(people["methodist"], regulation, *CHANGES, effective_date=later.isoformat())
    approval = Approval.objects.get()
    decide(people["senior"], approval)
    decide(people["head"], approval)
    amendment = Amendment.objects.get()
    assert amendment.status == Amendment.Status.SIGNED
    with time_machine.travel(later - datetime.timedelta(days=1), tick=False):
        call_command("run_schedule", "--once")
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.SIGNED
    with time_machine.travel(later + datetime.timedelta(hours=1), tick=False):
        call_command("run_schedule", "--once")
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.APPLIED
    regulation.refresh_from_db()
    assert regulation.current_version.clauses.get(number="5.7").repealed


def test_api_starts_an_amendment_and_refuses_changes_that_do_not_apply(people, regulation):
    from rest_framework.test import APIClient

    urls_loaded()
    client = APIClient()
    client.force_authenticate(people["methodist"])
    form = {
        "regulation": regulation.pk,
        "control": "Контроль оставляю за собой.",
        "operations": [{"op": "repeal", "clause": "9.9"}],
    }
    refused = client.post("/api/v1/processes/", {"kind": "amendment", "form": form}, format="json")
    assert refused.status_code == 400 and "9.9" in str(refused.json())
    form["operations"] = [{"op": "repeal", "clause": "5.7"}]
    started = client.post("/api/v1/processes/", {"kind": "amendment", "form": form}, format="json")
    assert started.status_code == 201, started.json()
    assert started.json()["kind"] == "amendment"
    assert Amendment.objects.get().operations[0]["clause"] == "5.7"
