"""The processes moved to their own apps and the approval loop's nodes were renamed: the data
migrations rewrite what Viewflow stored. Processes of every kind are started and left half-way,
their stored strings are put back into the old layout by migrating backwards (the old
`workflows/flows.…` refs and node names, which the code no longer loads), then migrated forward
and continued to their end through the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conclusions.flows import ExpertConclusionFlow
from drafts.flows import DocumentFlow
from orders.flows import AmendmentFlow, OrderFlow
from plans.flows import PlanFlow
from workflows.models import Approval

from .test_agreed_is_registered import (
    _agree,
    _return,
    _start_amendment,
    _start_plan,
)
from .workflow_helpers import CONCLUSION, ORDER, act, client_for, decide, open_task

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OLD_LAYOUT = [("conclusions", None), ("orders", None), ("plans", "0001_initial"), ("drafts", None)]


def stored(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def test_processes_of_every_kind_continue_after_the_move(setting, journals):
    from .test_workflow_document import regulation_docx

    s = setting
    # Half-way through each kind.
    methodist = client_for(s["methodist"])
    methodist.post(
        ExpertConclusionFlow.start.reverse("execute"),
        {**CONCLUSION, "experts": [s["methodist"].pk]},
    )
    conclusion = Approval.objects.get(kind="conclusion")
    decide(s["deputy"], conclusion)  # the head's decision is open
    methodist.post(
        OrderFlow.start.reverse("execute"), {**ORDER, "acknowledgers": [s["teacher"].pk]}
    )
    order = Approval.objects.get(kind="order")
    decide(s["head"], order)  # signed and registered: the acknowledgement is open
    amendment = _start_amendment(s, "Мониторинг качества образования.")  # unit lead to decide
    plan = _start_plan(s, "Семинар методистов.")
    plan_revision = _return(s, plan, "plan")  # returned: the owner's revision is open
    methodist.post(
        "/documents/upload/",
        {"file": SimpleUploadedFile("п.docx", regulation_docx()), "visibility": "organization"},
    )
    draft = s["methodist"].authored_documents.filter(kind="regulation").latest("pk")
    methodist.post(DocumentFlow.start.reverse("execute"), {"document": draft.pk})
    document = Approval.objects.get(kind="document")
    decide(s["head"], document)  # approved; no journal for regulations: the clerk's task

    # Back to the old layout: the strings the code before the move stored.
    migrate(OLD_LAYOUT)
    classes = stored("SELECT DISTINCT flow_class FROM viewflow_process")
    assert classes == {
        "workflows/flows.ExpertConclusionFlow",
        "workflows/flows.OrderFlow",
        "workflows/flows.AmendmentFlow",
        "workflows/flows.PlanFlow",
        "workflows/flows_document.DocumentFlow",
    }
    tasks = stored("SELECT DISTINCT flow_task FROM viewflow_task")
    assert {
        "workflows/flows.OrderFlow.signed",
        "workflows/flows.OrderFlow.needs_acknowledgement",
        "workflows/flows.PlanFlow.revise",
    } <= tasks
    assert not any(t.startswith(("conclusions/", "orders/", "plans/", "drafts/")) for t in tasks)

    migrate(None)  # forward again
    classes = stored("SELECT DISTINCT flow_class FROM viewflow_process")
    assert classes == {
        "conclusions/flows.ExpertConclusionFlow",
        "orders/flows.OrderFlow",
        "orders/flows.AmendmentFlow",
        "plans/flows.PlanFlow",
        "drafts/flows.DocumentFlow",
    }
    assert "orders/flows.OrderFlow.approved" in stored(
        "SELECT DISTINCT flow_task FROM viewflow_task"
    )

    # Every process goes on to its end through the pages.
    decide(s["head"], conclusion)
    act(s["teacher"], open_task(s["teacher"], order, "acknowledgement"))
    _agree(s, amendment, "amendment")
    assert act(s["deputy"], plan_revision, {"mode": "file"}).status_code == 302
    decide(s["head"], plan)
    clerk_task = open_task(s["clerk"], document, "registration")
    assert act(s["clerk"], clerk_task, {"journal": journals["orders"].pk}).status_code == 302
    for approval in (conclusion, order, amendment, plan, document):
        approval.refresh_from_db()
        assert approval.status == Approval.Status.DONE, approval.kind
        assert approval.process.flow_class in (
            ExpertConclusionFlow,
            OrderFlow,
            AmendmentFlow,
            PlanFlow,
            DocumentFlow,
        )
