"""The expert-conclusion process end to end, through the test client as the real roles."""

import io

import docx
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from conclusions.flows import ExpertConclusionFlow
from documents.models import Document
from workflows.models import Approval, ApprovalStep, AuditEntry, Notification

from .docx_factory import new_document, to_bytes
from .workflow_helpers import (
    CONCLUSION,
    act,
    client_for,
    decide,
    open_task,
    start,
    start_conclusion,
    urls_loaded,
)

pytestmark = pytest.mark.django_db




def _text(document_or_version) -> str:
    version = getattr(document_or_version, "current_version", document_or_version)
    out = docx.Document(io.BytesIO(version.file.read()))
    cells = [c.text for t in out.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in out.paragraphs] + cells)


def test_happy_path_registers_files_publishes_and_notifies(
    people, lab_deputy, journals, django_capture_on_commit_callbacks
):
    approval = start_conclusion(people)
    document = approval.document
    assert document.kind == Document.Kind.CONCLUSION
    assert document.status == Document.Status.ON_APPROVAL
    # «Рабочая программа по математике для 5 класса»: what it is on, in the accusative.
    assert document.title == "Экспертное заключение на рабочую программу по математике для 5 класса"
    text = _text(document)
    for part in (
        "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ",
        "с 01.10.2026 по 15.10.2026",
        "путём анализа документов, посещения уроков.",
        "Тезисы",
        "Рекомендации",
        "рекомендуется к использованию",
    ):
        assert part in text
    # Route: the lab's head of service, then the head.
    assert approval.route == [
        {"participants": [lab_deputy.pk], "days": 3},
        {"participants": [people["head"].pk], "days": 2},
    ]
    assert Notification.objects.filter(recipient=lab_deputy, approval=approval).exists()
    assert not ApprovalStep.objects.filter(assignee=people["head"]).exists()

    assert decide(lab_deputy, approval).status_code == 302
    step = ApprovalStep.objects.get(assignee=lab_deputy)
    assert (step.decision, step.version) == ("agree", document.versions.get(number=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(people["head"], approval, "agree", "Учесть замечания.")
    assert response.status_code == 302

    approval.refresh_from_db()
    document.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert document.status == Document.Status.REGISTERED
    assert document.number == "01-02/1"
    entry = document.registrations.get()
    assert entry.journal == journals["conclusions"] and entry.case.index == "01-02"
    # The final version carries the approval stamp and the registration number.
    final = _text(document)
    assert "УТВЕРЖДАЮ" in final and "Директор" in final and "01-02/1" in final
    assert document.versions.count() == 3
    # Published to the bank; the author is told.
    assert document.publication.category.code == "methodical"
    assert Notification.objects.filter(
        recipient=people["methodist"], subject__startswith="Завершено"
    ).exists()
    assert any(m.to == ["methodist@example.org"] for m in mail.outbox)
    # The approval sheet lists both decisions.
    assert approval.sheet
    sheet = docx.Document(io.BytesIO(approval.sheet.read()))
    rows = [[c.text for c in r.cells] for r in sheet.tables[0].rows]
    assert rows[0] == ["№", "Должность", "Инициалы, фамилия", "Решение", "Замечания", "Дата",
                       "Подпись"]
    assert rows[1][2] == lab_deputy.initials_name and rows[1][3] == "Согласовано"
    # The head's decision at the last stage is the approval.
    assert rows[2][3] == "Утверждено с замечаниями" and "Учесть замечания." in rows[2][4]
    texts = [p.text for p in sheet.paragraphs]
    assert texts[0] == document.organization.name
    assert "к экспертному заключению на рабочую программу по математике для 5 класса" in texts
    assert any(t.startswith("Решения приняты участниками согласования в системе") for t in texts)
    # Downloaded from the page after registration, it carries the registration too.
    document.refresh_from_db()
    served = client_for(people["methodist"]).get(f"/workflow/approvals/{approval.pk}/sheet/")
    served_texts = [p.text for p in docx.Document(io.BytesIO(served.content)).paragraphs]
    assert f"№ {document.number} от {document.date:%d.%m.%Y}" in served_texts
    actions = list(AuditEntry.objects.filter(approval=approval).values_list("action", flat=True))
    for action in ("start", "assign", "decide", "register", "publish", "finish"):
        assert action in actions
    # The document page shows the decisions and the audit log.
    page = client_for(people["methodist"]).get(f"/documents/{document.pk}/").content.decode()
    assert "Лист согласования" in page and "Учесть замечания." in page


def test_restricted_conclusion_is_not_published(people, lab_deputy, journals):
    approval = start_conclusion(people, restricted="on")
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert not hasattr(approval.document, "publication")


def test_without_a_journal_a_clerk_registers_by_hand(people, lab_deputy, nomenclature, journal):
    approval = start_conclusion(people)
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.APPROVED
    assert "no active journal" in approval.registration_error or approval.registration_error
    step = open_task(people["clerk"], approval, purpose="registration")
    assert act(people["clerk"], step, {"journal": journal.pk}).status_code == 302
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert approval.document.number == "01-01/1"


def _returned_then_revised(people, lab_deputy, restart):
    from workflows.models import RouteTemplate

    RouteTemplate.objects.create(
        organization=people["head"].organization,
        process="conclusion",
        restart=restart,
        stages=[
            {"participants": [{"role": "deputy_director"}], "days": 3, "required": True},
            {"participants": [{"role": "head"}], "days": 2, "required": True},
        ],
    )
    approval = start_conclusion(people)
    decide(lab_deputy, approval)
    # The head returns it: remarks are required.
    step = open_task(people["head"], approval)
    response = act(people["head"], step, {"decision": "return", "remarks": ""})
    assert response.status_code == 200 and "Напишите замечания" in response.content.decode()
    act(people["head"], step, {"decision": "return", "remarks": "Уточнить сроки."})
    approval.refresh_from_db()
    assert approval.status == Approval.Status.ON_REVISION
    assert approval.document.status == Document.Status.RETURNED
    revision = open_task(people["methodist"], approval, purpose="revision")
    assert Notification.objects.filter(
        recipient=people["methodist"], url=revision.task_url
    ).exists()
    out = new_document()
    for line in ("ЗАКЛЮЧЕНИЕ", "Сроки уточнены: 01.10.2026 – 15.10.2026."):
        out.add_paragraph(line)
    file = SimpleUploadedFile("v2.docx", to_bytes(out))
    assert (
        act(
            people["methodist"], revision, {"comment": "Сроки уточнены"}, {"file": file}
        ).status_code
        == 302
    )
    approval.refresh_from_db()
    assert approval.round == 2 and approval.status == Approval.Status.IN_PROGRESS
    return approval


def test_return_restarts_the_route_for_everyone(people, lab_deputy, journals):
    approval = _returned_then_revised(people, lab_deputy, "all")
    # Everyone again, from the first stage, on the new version.
    assert not ApprovalStep.objects.filter(assignee=people["head"], decided_at=None).exists()
    decide(lab_deputy, approval)
    second = ApprovalStep.objects.filter(assignee=lab_deputy).order_by("pk").last()
    assert second.round == 2 and second.version.number == 2
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert ApprovalStep.objects.filter(assignee=lab_deputy, purpose="decision").count() == 2


def test_return_restarts_only_with_those_who_returned(people, lab_deputy, journals):
    approval = _returned_then_revised(people, lab_deputy, "returned")
    # The deputy, who agreed, is not asked again; the head decides on version 2.
    assert not ApprovalStep.objects.filter(assignee=lab_deputy, decided_at=None).exists()
    step = open_task(people["head"], approval)
    assert step.round == 2 and step.version.number == 2
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert ApprovalStep.objects.filter(assignee=lab_deputy, purpose="decision").count() == 1


def test_parallel_stage_waits_for_everyone(people, journals):
    """Without a named head of service every deputy director agrees, in parallel; additional
    approvers make a parallel stage before the head."""
    approval = start_conclusion(people, add_approvers=[people["senior"].pk])
    deputies = {people["deputy"].pk, people["deputy2"].pk}
    assert set(approval.route[0]["participants"]) == deputies
    assert approval.route[1]["participants"] == [people["senior"].pk]
    decide(people["deputy"], approval)
    assert not ApprovalStep.objects.filter(assignee=people["senior"]).exists()
    decide(people["deputy2"], approval)
    decide(people["senior"], approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE


def test_substitute_receives_tasks_and_the_record_says_for_whom(people, lab_deputy, journals):
    import datetime

    from workflows.services import name_substitute

    today = datetime.date.today()
    name_substitute(
        people["head"],
        substitute=people["deputy2"],
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=7),
    )
    approval = start_conclusion(people)
    decide(lab_deputy, approval)
    # The head's task went to the acting substitute; the head has none.
    assert not ApprovalStep.objects.filter(assignee=people["head"]).exists()
    step = open_task(people["deputy2"], approval)
    assert step.on_behalf_of == people["head"]
    decide(people["deputy2"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    entry = AuditEntry.objects.get(approval=approval, action="decide", actor=people["deputy2"])
    assert entry.on_behalf_of == people["head"]
    sheet = docx.Document(io.BytesIO(approval.sheet.read()))
    assert f"за {people['head'].initials_name}" in sheet.tables[0].rows[2].cells[2].text
    assert "И.о. директора" in _text(approval.document)
    page = client_for(people["methodist"]).get(f"/documents/{approval.document_id}/")
    assert f"за {people['head'].initials_name}" in page.content.decode()


def test_methodist_cannot_approve_and_author_never_approves(people, lab_deputy, journals):
    approval = start_conclusion(people)
    step = open_task(lab_deputy, approval)
    # Another methodist (not assigned) cannot act on the deputy's task.
    for outsider in (people["methodist2"], people["methodist"], people["stranger"]):
        response = act(outsider, step, {"decision": "agree"})
        assert response.status_code == 403
    step.refresh_from_db()
    assert step.decided_at is None
    # A route that would make the author approve their own document is refused.
    response = start(
        ExpertConclusionFlow,
        people["methodist"],
        CONCLUSION,
        experts=[people["methodist"].pk],
        add_approvers=[people["methodist"].pk],
    )
    assert response.status_code == 200
    assert Approval.objects.filter(initiator=people["methodist"]).count() == 1
    # A head cannot even start a conclusion (methodists draft them).
    assert start(ExpertConclusionFlow, people["head"], CONCLUSION).status_code == 403


def test_author_cannot_decide_on_own_document_even_as_substitute(people, lab_deputy, journals):
    """If the author is named acting for an approver, the task stays with the approver."""
    import datetime

    from workflows.services import WorkflowRefused, name_substitute
    from workflows.services import decide as decide_service

    today = datetime.date.today()
    name_substitute(lab_deputy, substitute=people["methodist"], starts_on=today, ends_on=today)
    approval = start_conclusion(people)
    step = open_task(lab_deputy, approval)
    assert step.on_behalf_of is None
    with pytest.raises(WorkflowRefused):
        decide_service(step, user=people["methodist"], decision="agree")


def test_stranger_gets_403_or_404_on_draft_and_process(people, lab_deputy, journals):
    approval = start_conclusion(people)
    document = approval.document
    process_url = ExpertConclusionFlow.instance.reverse(
        "process_detail", args=[approval.process_id]
    )
    for outsider in (people["stranger"], people["teacher"], people["methodist2"]):
        client = client_for(outsider)
        assert client.get(f"/documents/{document.pk}/").status_code == 404
        assert client.get(f"/documents/{document.pk}/docx/").status_code == 404
        assert client.get(process_url).status_code == 403
        listing = client.get(ExpertConclusionFlow.instance.reverse("process_list"))
        assert document.title not in listing.content.decode()
    # Participants and the organisation's leaders see it.
    for insider in (people["methodist"], lab_deputy, people["head"], people["deputy2"]):
        client = client_for(insider)
        assert client.get(f"/documents/{document.pk}/").status_code == 200
        assert client.get(process_url).status_code == 200
    # The head, not yet asked, sees it as the organisation's head; a deputy of another
    # organisation does not.
    assert (
        client_for(people["stranger"]).get(f"/workflow/approvals/{approval.pk}/sheet/").status_code
        == 404
    )


def test_participants_read_the_draft_in_search_too(people, lab_deputy, journals):
    """The database backend filters with documents.selectors.readable_by; the Elasticsearch
    documents carry the participants as readers."""
    from search.backends import get_backend
    from search.readers import readers_for, readers_of
    from search.services import drain_outbox

    senior = people["senior"]  # not a leader: reads the draft only as a participant
    approval = start_conclusion(people, add_approvers=[senior.pk])
    drain_outbox()
    document = approval.document
    assert set(readers_of(document)) & set(readers_for(senior))
    assert not set(readers_of(document)) & set(readers_for(people["methodist2"]))
    found = get_backend().search("математике", user=senior)
    assert document.pk in [hit.document_id for hit in found.hits]
    hidden = get_backend().search("математике", user=people["methodist2"])
    assert document.pk not in [hit.document_id for hit in hidden.hits]


def _reassign(user, step, to, reason="В отпуске"):
    from django.urls import reverse

    url = reverse("workflow:step_reassign", args=[step.pk])
    return client_for(user).post(url, {"assignee": to.pk if to else "", "reason": reason})


def test_head_reassigns_an_open_task_and_the_new_person_decides(people, lab_deputy, journals):
    approval = start_conclusion(people)
    step = open_task(lab_deputy, approval)
    # The document page offers the head the hand-over form for the open task.
    page = client_for(people["head"]).get(f"/documents/{approval.document_id}/").content.decode()
    assert f"/workflow/steps/{step.pk}/reassign/" in page
    methodist_page = client_for(people["methodist"]).get(f"/documents/{approval.document_id}/")
    assert f"/workflow/steps/{step.pk}/reassign/" not in methodist_page.content.decode()

    response = _reassign(people["head"], step, people["deputy2"])
    assert response.status_code == 302
    step.refresh_from_db()
    approval.refresh_from_db()
    assert step.assignee == people["deputy2"] and step.task.owner == people["deputy2"]
    assert approval.route[0]["participants"] == [people["deputy2"].pk]
    assert approval.participants.filter(pk=people["deputy2"].pk).exists()
    entry = approval.audit_entries.get(action=AuditEntry.Action.REASSIGN)
    assert entry.actor == people["head"] and "В отпуске" in entry.details
    assert Notification.objects.filter(recipient=people["deputy2"], approval=approval).exists()
    assert Notification.objects.filter(recipient=lab_deputy, subject__contains="Кузнецова").exists()

    # The old assignee may no longer act; the new one does, and the route goes on.
    assert act(lab_deputy, step, {"decision": "agree"}).status_code == 403
    assert decide(people["deputy2"], approval).status_code == 302
    assert open_task(people["head"], approval).stage == 1


def test_reassignment_refusals(people, lab_deputy, journals):
    approval = start_conclusion(people)
    step = open_task(lab_deputy, approval)
    # Not a leader of the organisation; no reason; the author; a stranger's organisation.
    assert _reassign(people["methodist"], step, people["deputy2"]).status_code == 302
    assert _reassign(people["head"], step, people["deputy2"], reason=" ").status_code == 302
    assert _reassign(people["head"], step, people["methodist"]).status_code == 302
    assert _reassign(people["head"], step, people["stranger"]).status_code == 302
    assert _reassign(people["head"], step, None).status_code == 302
    step.refresh_from_db()
    assert step.assignee == lab_deputy
    assert not approval.audit_entries.filter(action=AuditEntry.Action.REASSIGN).exists()
    # Somebody who cannot see the approval gets 404, not a hint that it exists.
    assert _reassign(people["stranger"], step, people["deputy2"]).status_code == 404
    # A decided task cannot be handed over.
    decide(lab_deputy, approval)
    assert _reassign(people["head"], step, people["deputy2"]).status_code == 302
    step.refresh_from_db()
    assert step.assignee == lab_deputy


def _route_post(stages, **limits):
    data = {
        "restart": "returned",
        "max_stages": 3,
        "stages-TOTAL_FORMS": len(stages),
        "stages-INITIAL_FORMS": 0,
        **limits,
    }
    for n, stage in enumerate(stages):
        for key, value in stage.items():
            data[f"stages-{n}-{key}"] = value
    return data


def test_head_sets_the_route_and_its_limits(people, journals):
    from django.urls import reverse

    from workflows.models import RouteTemplate

    head = client_for(people["head"])
    page = head.get(reverse("workflow:routes")).content.decode()
    assert "Заместитель директора" in page  # the built-in default, described by roles
    assert reverse("workflow:route_edit", args=["conclusion"]) in page
    assert reverse("workflow:routes") in head.get(reverse("workflow:dashboard")).content.decode()
    url = reverse("workflow:route_edit", args=["conclusion"])
    assert head.get(url).status_code == 200

    # Senior methodist, then the head; initiators may neither add approvers nor skip stages.
    stages = [
        {"roles": ["senior_methodist"], "days": 2, "required": "on"},
        {"roles": ["head"], "days": 1, "required": "on"},
        {"days": 3},  # the empty extra row is ignored
    ]
    response = head.post(url, _route_post(stages))
    assert response.status_code == 302, response.content.decode()[:2000]
    template = RouteTemplate.objects.get(organization=people["head"].organization)
    assert template.stages == [
        {"participants": [{"role": "senior_methodist"}], "days": 2, "required": True},
        {"participants": [{"role": "head"}], "days": 1, "required": True},
    ]
    assert (template.restart, template.initiator_may_add, template.max_stages) == (
        "returned",
        False,
        3,
    )

    # A methodist's next conclusion follows it, and adding approvers is refused.
    refused = start(
        ExpertConclusionFlow,
        people["methodist"],
        CONCLUSION,
        experts=[people["methodist"].pk],
        add_approvers=[people["deputy"].pk],
    )
    assert refused.status_code == 200 and not Approval.objects.exists()
    assert "Этот маршрут не позволяет добавлять согласующих" in refused.content.decode()
    urls_loaded()
    form = client_for(people["methodist"]).get(ExpertConclusionFlow.start.reverse("execute"))
    assert 'name="add_approvers"' not in form.content.decode()
    approval = start_conclusion(people)
    assert approval.route == [
        {"participants": [people["senior"].pk], "days": 2},
        {"participants": [people["head"].pk], "days": 1},
    ]
    assert approval.restart == "returned"

    # Limits below the route's own length, or a route without stages, are refused.
    assert head.post(url, _route_post(stages[:2], max_stages=1)).status_code == 400
    assert head.post(url, _route_post([{"days": 3}])).status_code == 400
    template.refresh_from_db()
    assert len(template.stages) == 2 and template.max_stages == 3


def test_only_the_head_edits_routes(people):
    from django.urls import reverse

    for who in ("deputy", "methodist", "clerk"):
        client = client_for(people[who])
        assert client.get(reverse("workflow:routes")).status_code == 403
        url = reverse("workflow:route_edit", args=["order"])
        assert client.post(url, _route_post([{"roles": ["head"], "days": 1}])).status_code == 403
    assert client_for(people["head"]).get("/workflow/routes/nonsense/").status_code == 404


def test_a_process_chart_is_shown_only_to_who_may_see_the_process(people, lab_deputy, journals):
    approval = start_conclusion(people)
    chart = ExpertConclusionFlow.instance.reverse("process_chart", args=[approval.process_id])
    for outsider in (people["stranger"], people["teacher"], people["methodist2"]):
        assert client_for(outsider).get(chart).status_code == 403
    for insider in (people["methodist"], lab_deputy, people["head"]):
        response = client_for(insider).get(chart)
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    missing = ExpertConclusionFlow.instance.reverse("process_chart", args=[10**9])
    assert client_for(people["head"]).get(missing).status_code == 404
    # The flow's own chart (no process in it) stays open to staff.
    flow_chart = ExpertConclusionFlow.instance.reverse("chart")
    assert client_for(people["stranger"]).get(flow_chart).status_code == 200
