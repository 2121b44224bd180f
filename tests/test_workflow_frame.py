"""The Задачи section: inbox, dashboard, process page with its diagram, the embedded schedule."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from conclusions.flows import ExpertConclusionFlow
from workflows.models import Approval, Notification

from .workflow_helpers import CONCLUSION, client_for, start

pytestmark = pytest.mark.django_db


def _start(people):
    response = start(
        ExpertConclusionFlow, people["methodist"], CONCLUSION, experts=[people["methodist"].pk]
    )
    assert response.status_code == 302
    return Approval.objects.get()


def test_inbox_dashboard_and_process_page_with_diagram(people, lab_deputy, journals):
    approval = _start(people)
    title = approval.document.title
    deputy = client_for(lab_deputy)
    inbox = deputy.get("/workflow/inbox/")
    assert inbox.status_code == 200 and title[:40] in inbox.content.decode()
    assert title in deputy.get("/workflow/dashboard/").content.decode()
    mine = client_for(people["methodist"]).get("/workflow/dashboard/").content.decode()
    assert "Мои документы в работе" in mine and title in mine
    flow = ExpertConclusionFlow.instance
    detail = deputy.get(flow.reverse("process_detail", args=[approval.process_id]))
    assert detail.status_code == 200
    chart = deputy.get(flow.reverse("process_chart", args=[approval.process_id]))
    assert chart.status_code == 200 and b"<svg" in chart.content
    assert "Согласование" in chart.content.decode()  # node titles in Russian
    # The start form is in Russian.
    form = client_for(people["methodist"]).get(flow.start.reverse("execute")).content.decode()
    assert "Экспертная группа" in form and "Отправить на согласование" in form


def test_embedded_schedule_runs_reminders_without_a_broker(people, lab_deputy, journals):
    """`make run` starts run_schedule beside the server: the beat entries run in-process."""
    approval = _start(people)
    later = timezone.now() + datetime.timedelta(days=2, hours=12)
    with time_machine.travel(later, tick=False):
        call_command("run_schedule", "--once")
    assert Notification.objects.filter(
        recipient=lab_deputy, subject__startswith="Напоминание", approval=approval
    ).exists()
    step = approval.steps.get(assignee=lab_deputy)
    assert step.reminded_at is not None and step.escalated_at is None  # due in 3 days
    with time_machine.travel(later + datetime.timedelta(days=1), tick=False):
        call_command("run_schedule", "--once")
    step.refresh_from_db()
    assert step.escalated_at is not None


def test_inbox_queries_do_not_grow_with_rows(people, lab_deputy, journals):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def inbox_queries():
        client = client_for(lab_deputy)
        client.get("/workflow/inbox/")  # session and caches warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/workflow/inbox/").status_code == 200
        return len(captured.captured_queries)

    start(ExpertConclusionFlow, people["methodist"], CONCLUSION, experts=[people["methodist"].pk])
    one = inbox_queries()
    for _ in range(3):
        start(
            ExpertConclusionFlow, people["methodist2"], CONCLUSION, experts=[people["methodist"].pk]
        )
    assert Approval.objects.count() == 4
    assert inbox_queries() == one


def test_admin_edits_routes_and_shows_the_record_read_only(
    people, lab_deputy, journals, admin_client
):
    approval = _start(people)
    assert admin_client.get("/admin/workflows/routetemplate/add/").status_code == 200
    assert admin_client.get("/admin/workflows/approval/").status_code == 200
    assert admin_client.get("/admin/workflows/auditentry/").status_code == 200
    page = admin_client.get(f"/admin/workflows/approval/{approval.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content


def _english_words(html: str) -> set[str]:
    """Visible words in Latin letters: labels that escaped translation."""
    import re

    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    # Material icons are ligatures ("assignment"), not words anybody reads.
    html = re.sub(r'<(\w+)[^>]*class="[^"]*icon[^"]*"[^>]*>[^<]*</\1>', " ", html)
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\S+@\S+|&\w+;", " ", text)  # e-mail addresses, entities
    # File formats are named as they are in Russian too («Отчёт (.docx)»).
    return set(re.findall(r"\b[A-Za-z]{3,}\b", text)) - {"BPMN", "Reglament", "docx"}


def test_task_lists_and_the_finished_process_page_speak_russian(people, lab_deputy, journals):
    """Viewflow derives some labels from attribute and node names ("Brief", "Stage decided");
    ours give every one of them Russian words."""
    from .workflow_helpers import decide

    approval = _start(people)
    deputy = client_for(lab_deputy)
    for url in ("/workflow/inbox/", "/workflow/queue/"):
        page = deputy.get(url)
        assert page.status_code == 200
        assert " ".join(sorted(_english_words(page.content.decode()))) == "", url
    decide(lab_deputy, approval)
    decide(people["head"], approval)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    flow = ExpertConclusionFlow.instance
    for url in (
        "/workflow/archive/",
        flow.reverse("process_detail", args=[approval.process_id]),
        "/workflow/flows/expertconclusion/",
    ):
        page = deputy.get(url)
        assert page.status_code == 200
        assert " ".join(sorted(_english_words(page.content.decode()))) == "", url
