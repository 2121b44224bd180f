"""The order process, deadlines (reminders and escalation under frozen time) and the
acknowledgement of signed orders."""

import datetime
import io

import docx
import openpyxl
import pytest
import time_machine
from django.utils import timezone

from documents.models import Document
from orders.flows import OrderFlow
from orgs.selectors import superior_of
from registry.exports import AUTOMATIC, journal_xlsx
from workflows.models import Approval, ApprovalStep, AuditEntry, Notification
from workflows.services import sweep_deadlines

from .workflow_helpers import ORDER, act, client_for, decide, open_task, rows, start

pytestmark = pytest.mark.django_db


def _start(people, **extra):
    response = start(OrderFlow, people["methodist"], ORDER, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Approval.objects.get(initiator=people["methodist"])


def _paragraphs(document):
    out = docx.Document(io.BytesIO(document.current_version.file.read()))
    return [p.text for p in out.paragraphs]


def test_serial_visas_signature_registration_and_acknowledgement(people, journals):
    approval = _start(
        people,
        visas=[people["senior"].pk, people["deputy"].pk],
        acknowledgers=[people["teacher"].pk, people["methodist2"].pk],
        executors=[people["senior"].pk],
    )
    document = approval.document
    assert document.kind == Document.Kind.ORDER
    text = _paragraphs(document)
    assert "ПРИКАЗ" in text and "ПРИКАЗЫВАЮ:" in text
    assert "1. Провести муниципальный этап олимпиады." in text
    # The executor named in an item of its own, in the accusative, before the control clause.
    assert "3. Назначить ответственной за исполнение настоящего приказа А.С. Попову." in text
    assert "4. Контроль за исполнением приказа оставляю за собой." in text

    # Visas one after another, then the head's signature.
    assert [s["participants"] for s in approval.route] == [
        [people["senior"].pk],
        [people["deputy"].pk],
        [people["head"].pk],
    ]
    decide(people["senior"], approval)
    assert not ApprovalStep.objects.filter(assignee=people["head"]).exists()
    decide(people["deputy"], approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    document.refresh_from_db()
    assert document.status == Document.Status.REGISTERED and document.number == "01-01/1"
    assert any(line.startswith("Директор") for line in _paragraphs(document))
    # In the journal's spreadsheet: signed by the head, prepared by the methodist, registered
    # by the system (the process did it).
    entry = document.registrations.get()
    book = openpyxl.load_workbook(
        io.BytesIO(journal_xlsx(entry.journal, entry.journal.entries.all()))
    )
    header = [c.value for c in book.active[3]]
    (row,) = book.active.iter_rows(min_row=4, values_only=True)
    assert row[header.index("Зарегистрировал")] == AUTOMATIC
    assert row[header.index("Исполнитель")] == people["methodist"].initials_name
    assert row[header.index("Подписал")].endswith(people["head"].initials_name)
    # The approval sheet: to the order by its title, the head's decision is the signature.
    sheet = docx.Document(io.BytesIO(approval.sheet.read()))
    assert "к приказу «О проведении муниципального этапа олимпиады»" in [
        p.text for p in sheet.paragraphs
    ]
    assert [row.cells[3].text for row in sheet.tables[0].rows][-1] == "Подписано"
    # Signed and registered: now the staff acknowledge it.
    assert approval.status == Approval.Status.APPROVED
    teacher_step = open_task(people["teacher"], approval, purpose="acknowledgement")
    assert teacher_step.due_at is not None
    # The teacher can read the order they must acknowledge.
    assert client_for(people["teacher"]).get(f"/documents/{document.pk}/").status_code == 200
    assert act(people["teacher"], teacher_step).status_code == 302
    approval.refresh_from_db()
    assert approval.status == Approval.Status.APPROVED  # waits for everybody
    # Лист ознакомления from the document's page: who has, when, and who has not yet.
    page = client_for(people["methodist"]).get(f"/documents/{document.pk}/").content.decode()
    url = f"/workflow/approvals/{approval.pk}/acknowledgements/"
    assert url in page and "Лист ознакомления" in page
    sheet = docx.Document(io.BytesIO(client_for(people["methodist"]).get(url).content))
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in [p.text for p in sheet.paragraphs]
    assert "с приказом «О проведении муниципального этапа олимпиады»" in [
        p.text for p in sheet.paragraphs
    ]
    rows = {r.cells[2].text: r.cells[3].text for r in sheet.tables[0].rows[1:]}
    assert rows[people["teacher"].initials_name] == timezone.localdate().strftime("%d.%m.%Y")
    assert rows[people["methodist2"].initials_name] == "не ознакомлен(а)"
    assert "Ознакомлены: 1 из 2. Не ознакомлены: 1." in [p.text for p in sheet.paragraphs]
    assert any(
        p.text.startswith("Ознакомление отмечено в системе «Регламент» и записано")
        for p in sheet.paragraphs
    )
    act(people["methodist2"], open_task(people["methodist2"], approval, "acknowledgement"))
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    acknowledged = AuditEntry.objects.filter(approval=approval, action="acknowledge")
    assert {e.actor for e in acknowledged} == {people["teacher"], people["methodist2"]}
    assert all(s.decided_at for s in approval.steps.filter(purpose="acknowledgement"))


def test_parallel_visas_make_one_stage(people, journals):
    approval = _start(people, visas=[people["senior"].pk, people["deputy"].pk], parallel_visas="on")
    assert approval.route[0]["participants"] == [people["senior"].pk, people["deputy"].pk]
    assert len(approval.route) == 2
    decide(people["deputy"], approval)
    decide(people["senior"], approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE  # nobody to acknowledge


def test_order_form_errors_are_shown_and_nothing_is_started(people, journals):
    response = start(
        OrderFlow, people["methodist"], {**ORDER, "title": "Проведение", **rows("items", " ", " ")}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Заголовок приказа начинается с «О …»." in page
    assert page.count("Обязательное поле.") == 1  # the items
    assert not Approval.objects.exists() and not Document.objects.exists()
    # Staff without a drafting role cannot start an order.
    assert start(OrderFlow, people["teacher"], ORDER).status_code == 403


def test_reminder_before_deadline_and_escalation_when_overdue(people, journals, lab_deputy):
    start_at = timezone.now()
    with time_machine.travel(start_at, tick=False):
        approval = _start(people, visas=[people["senior"].pk])
    step = open_task(people["senior"], approval)
    assert step.due_at == start_at + datetime.timedelta(days=2)

    with time_machine.travel(start_at + datetime.timedelta(hours=12), tick=False):
        assert sweep_deadlines() == {"reminded": 0, "escalated": 0}
    with time_machine.travel(start_at + datetime.timedelta(days=1, hours=1), tick=False):
        assert sweep_deadlines() == {"reminded": 1, "escalated": 0}
        assert sweep_deadlines() == {"reminded": 0, "escalated": 0}  # once per step
    reminder = Notification.objects.get(
        recipient=people["senior"], subject__startswith="Напоминание"
    )
    assert reminder.url == step.task_url
    with time_machine.travel(start_at + datetime.timedelta(days=2, hours=1), tick=False):
        assert sweep_deadlines() == {"reminded": 0, "escalated": 1}
        assert sweep_deadlines() == {"reminded": 0, "escalated": 0}
    step.refresh_from_db()
    # The senior methodist's superior (the lab's lead) is told.
    superior = superior_of(people["senior"])
    assert superior is not None and step.escalated_to == superior
    assert Notification.objects.filter(
        recipient=superior, subject__startswith="Просрочено"
    ).exists()
    assert AuditEntry.objects.filter(approval=approval, action="escalate").count() == 1
    # The dashboard lists the overdue task.
    with time_machine.travel(start_at + datetime.timedelta(days=2, hours=1), tick=False):
        page = client_for(people["senior"]).get("/workflow/dashboard/").content.decode()
    assert "просрочено" in page and approval.document.title in page
    # A decided step is neither reminded nor escalated.
    decide(people["senior"], approval)
    with time_machine.travel(start_at + datetime.timedelta(days=10), tick=False):
        result = sweep_deadlines()
    head_step = open_task(people["head"], approval)
    assert result == {"reminded": 1, "escalated": 1} and head_step.escalated_at is not None


def test_cancel_withdraws_the_document(people, journals):
    approval = _start(people, visas=[people["senior"].pk])
    client = client_for(people["methodist2"])
    client.post(f"/workflow/approvals/{approval.pk}/cancel/", {"reason": "не нужен"})
    approval.refresh_from_db()
    assert approval.status == Approval.Status.IN_PROGRESS  # a stranger to it: nothing happens
    client_for(people["methodist"]).post(
        f"/workflow/approvals/{approval.pk}/cancel/", {"reason": "Передумали"}
    )
    approval.refresh_from_db()
    assert approval.status == Approval.Status.CANCELLED
    assert approval.document.status == Document.Status.DRAFT
    step = ApprovalStep.objects.get(assignee=people["senior"])
    assert step.task.status == "CANCELED"
    assert AuditEntry.objects.filter(approval=approval, action="cancel").exists()
