"""What the approval pages say, through the test client as the real roles: the head's step is
the approval (an order's the signature) with its own two options, the approvers have three;
the inbox and the process page name the steps and show the whole title; «Отмена» only for who
may withdraw; the acknowledgement list on a signed order; what notifications carry; the
dashboard's overdue count."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from documents.models import Document
from orders.flows import OrderFlow
from plans import services as plan_services
from plans.models import Item
from plans.periods import SCHOOL, Period
from workflows.models import Approval, ApprovalStep, Notification

from .workflow_helpers import (
    ORDER,
    act,
    client_for,
    decide,
    open_task,
    start,
    start_conclusion,
)

pytestmark = pytest.mark.django_db




def _order(people, **extra):
    response = start(OrderFlow, people["methodist"], ORDER, **extra)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Approval.objects.get(initiator=people["methodist"])


def _task_page(user, approval, purpose="decision"):
    step = open_task(user, approval, purpose)
    task = step.task
    url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _options(page) -> list[str]:
    """The labels of the decision's radio buttons, in order (Viewflow's Material radio field
    carries its options as JSON)."""
    import html
    import json

    field = re.search(r'<vf-field-radio-select [^>]*name="decision"[^>]*>', page)
    groups = json.loads(html.unescape(re.search(r'optgroups="([^"]*)"', field.group(0)).group(1)))
    return [group["options"]["label"] for group in groups]


def _text(page) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_approver_agrees_and_head_approves(people, lab_deputy, journals):
    approval = start_conclusion(people)
    page = _task_page(lab_deputy, approval)
    assert _options(page) == [
        "Согласовать",
        "Согласовать с замечаниями",
        "Вернуть на доработку",
    ]
    assert "Согласование: " in _text(page) and "Decide" not in page

    assert decide(lab_deputy, approval).status_code == 302
    page = _task_page(people["head"], approval)
    assert _options(page) == ["Утвердить", "Вернуть на доработку"]
    assert "Утверждение: " in _text(page) and "Decide" not in page
    assert Notification.objects.filter(
        recipient=people["head"], subject__startswith="На утверждение:"
    ).exists()

    # The approvers' third option is not the head's.
    refused = decide(people["head"], approval, "agree_remarks", "Учесть.")
    assert refused.status_code == 200 and "agree_remarks" not in _options(refused.content.decode())
    assert ApprovalStep.objects.get(assignee=people["head"]).decided_at is None
    # Approving with remarks keeps them: «Утверждено с замечаниями» in the record.
    assert decide(people["head"], approval, "agree", "Учесть замечания.").status_code == 302
    head_step = ApprovalStep.objects.get(assignee=people["head"])
    assert head_step.decision == ApprovalStep.Decision.AGREE_WITH_REMARKS
    document_page = _text(
        client_for(people["methodist"]).get(approval.document.get_absolute_url()).content.decode()
    )
    assert "Утверждено с замечаниями" in document_page
    assert "Согласовано" in document_page  # the deputy's decision


def test_visas_agree_and_the_head_signs_an_order(people, journals):
    approval = _order(people, visas=[people["senior"].pk])
    page = _task_page(people["senior"], approval)
    assert _options(page) == ["Согласовать", "Согласовать с замечаниями", "Вернуть на доработку"]
    decide(people["senior"], approval)
    page = _task_page(people["head"], approval)
    assert _options(page) == ["Подписать", "Вернуть на доработку"]
    assert "Подписание: " in _text(page)
    assert Notification.objects.filter(
        recipient=people["head"], subject__startswith="На подпись:"
    ).exists()
    decide(people["head"], approval)
    step = ApprovalStep.objects.get(assignee=people["head"])
    assert step.decision_label == "Подписано"


def test_inbox_rows_name_the_step_the_whole_title_and_the_due_date(people, lab_deputy, journals):
    approval = start_conclusion(people)
    decide(lab_deputy, approval)
    page = client_for(people["head"]).get("/workflow/inbox/").content.decode()
    text = _text(page)
    assert approval.document.title in text  # whole, not cut
    assert "Утверждение" in text and "Согласование или утверждение" not in text
    step = ApprovalStep.objects.get(assignee=people["head"])
    assert timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M") in text
    # The step's name is the link to the task.
    assert f'<a href="{step.task_url}">Утверждение</a>' in page
    # Viewflow's English: the pagination and the bulk selection.
    assert "1–1 из 1" in text and " of " not in text
    assert "vf-list-bulk-actions" not in page
    deputy_inbox = _text(client_for(lab_deputy).get("/workflow/archive/").content.decode())
    assert "Согласование" in deputy_inbox


def test_process_page_lists_the_peoples_steps_and_a_readable_diagram(
    people, lab_deputy, journals
):
    approval = start_conclusion(people)
    decide(lab_deputy, approval, "agree_remarks", "Уточнить критерии.")
    url = approval.process.flow_class.instance.reverse("process_detail", args=[approval.process_id])
    page = client_for(people["head"]).get(url).content.decode()
    text = _text(page)
    for word in (
        "Согласование",
        "Утверждение",
        lab_deputy.get_full_name(),
        people["head"].get_full_name(),
        "Согласовано с замечаниями",
        "Уточнить критерии.",
    ):
        assert word in text, word
    for gateway in ("Есть следующий этап?", "Этап согласования", "Возвращено на доработку?"):
        assert gateway not in text, gateway
    # The diagram is a card of its own at full width, not a thumbnail that opens a modal.
    assert "vf-modal-trigger" not in page and 'class="rg-card rg-chart"' in page
    chart = client_for(people["head"]).get(
        approval.process.flow_class.instance.reverse("process_chart", args=[approval.process_id])
    )
    svg = chart.content.decode()
    assert ">да<" in svg and ">нет<" in svg and ">yes<" not in svg and ">no<" not in svg


def test_withdrawal_is_offered_only_to_who_may_withdraw(people, lab_deputy, journals):
    approval = start_conclusion(people)
    url = approval.process.flow_class.instance.reverse("process_detail", args=[approval.process_id])
    cancel_url = f"/workflow/approvals/{approval.pk}/cancel/"
    # Viewflow's own «Отмена» (its cancel view answers 403 to anybody but a superuser) is gone.
    for user in (people["methodist"], lab_deputy, people["head"]):
        page = client_for(user).get(url).content.decode()
        assert "process_cancel" not in page and "/cancel/\"" not in page.replace(cancel_url, "")
    deputy_page = client_for(lab_deputy).get(url).content.decode()
    assert cancel_url not in deputy_page and "Отозвать с согласования" not in deputy_page
    initiator_page = client_for(people["methodist"]).get(url).content.decode()
    assert cancel_url in initiator_page and "Отозвать с согласования" in initiator_page
    assert cancel_url in client_for(people["head"]).get(url).content.decode()
    response = client_for(people["methodist"]).post(cancel_url, {"reason": "Передумали"})
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.status == Approval.Status.CANCELLED


def test_withdrawal_tells_the_approvers_and_closes_their_notices(people, lab_deputy, journals):
    approval = start_conclusion(people)
    review = Notification.objects.get(recipient=lab_deputy, approval=approval)
    assert review.read_at is None
    client_for(people["methodist"]).post(
        f"/workflow/approvals/{approval.pk}/cancel/", {"reason": "Программа снята."}
    )
    review.refresh_from_db()
    assert review.read_at is not None
    for person in (lab_deputy, people["head"]):
        told = Notification.objects.get(
            recipient=person, approval=approval, subject__startswith="Отозвано с согласования"
        )
        assert told.read_at is None and "Программа снята." in told.body
    assert not Notification.objects.filter(
        recipient=people["methodist"], subject__startswith="Отозвано"
    ).exists()  # who withdrew it knows


def test_return_notification_carries_the_remarks(people, lab_deputy, journals):
    approval = start_conclusion(people)
    decide(lab_deputy, approval, "return", "Нет критериев оценки.")
    notice = Notification.objects.get(
        recipient=people["methodist"], subject__startswith="Возвращено на доработку"
    )
    assert "Нет критериев оценки." in notice.body and lab_deputy.initials_name in notice.body
    assert open_task(people["methodist"], approval, "revision").title == "Доработка"


def test_signed_order_lists_who_acknowledged_and_who_not_yet(people, journals):
    approval = _order(people, acknowledgers=[people["teacher"].pk, people["methodist2"].pk])
    decide(people["head"], approval)
    url = approval.document.get_absolute_url()
    page = _text(client_for(people["methodist"]).get(url).content.decode())
    assert "Ознакомление: ознакомлены 0 из 2, не ознакомлены: 2" in page
    assert people["teacher"].get_full_name() in page and "ещё нет" in page
    act(people["teacher"], open_task(people["teacher"], approval, "acknowledgement"))
    step = ApprovalStep.objects.get(assignee=people["teacher"], purpose="acknowledgement")
    page = _text(client_for(people["head"]).get(url).content.decode())
    assert "ознакомлены 1 из 2, не ознакомлены: 1" in page
    assert timezone.localtime(step.decided_at).strftime("%d.%m.%Y %H:%M") in page


def test_dashboard_counts_what_it_marks_overdue(people, org_tree):
    plan = plan_services.create_plan(
        owner=people["deputy"], title="План работы", period=Period(SCHOOL, "year", 2026)
    )
    item = plan_services.add_item(
        plan,
        user=people["deputy"],
        activity="Провести семинар",
        due_on=datetime.date.today() - datetime.timedelta(days=3),
        responsible=[people["methodist"]],
    )
    plan.document = Document.objects.create(
        organization=plan.organization, kind=Document.Kind.PLAN, title=plan.title
    )
    plan.save(update_fields=["document"])
    plan_services.activate(plan)
    assert Item.objects.get(pk=item.pk).due_on < datetime.date.today()
    page = _text(client_for(people["methodist"]).get("/workflow/dashboard/").content.decode())
    assert "Провести семинар" in page and "просрочено" in page
    assert "Просрочено: 1" in page and "Просрочено: 0" not in page


def test_viewflow_task_pages_speak_russian(people, lab_deputy, journals):
    """The flow's task list, the task filter and a task's page (reached from the archive)
    name the steps; Viewflow's code names («Decide», «Stage», «Start») and its raw task data
    are not shown."""
    approval = start_conclusion(people)
    decide(lab_deputy, approval)
    flow = approval.process.flow_class.instance
    tasks = client_for(people["head"]).get(flow.reverse("task_list")).content.decode()
    for word in ("Decide", "Stage", "Start", "Process summary"):
        assert word not in _text(tasks), word
    assert "Утверждение" in _text(tasks)
    processes = _text(client_for(people["head"]).get(flow.reverse("process_list")).content.decode())
    for word in ("Process id", "Brief", "Active tasks", "Списко"):
        assert word not in processes, word
    assert approval.document.title in processes and "Открытые задачи" in processes
    inbox = client_for(people["head"]).get("/workflow/inbox/").content.decode()
    # The task filter's options (a JSON attribute of Viewflow's select).
    label = json.dumps("Экспертное заключение: Согласование или утверждение")[1:-1]
    assert "/Decide" not in inbox and label in inbox
    step = ApprovalStep.objects.get(assignee=lab_deputy)
    detail = client_for(people["head"]).get(
        step.task.flow_task.reverse("detail", args=[step.task.process_id, step.task_id])
    )
    assert detail.status_code == 200
    text = _text(detail.content.decode())
    assert "Согласование: " in text and "Согласовано" in text
    assert "{'step'" not in text and "Отменить назначение" not in text
