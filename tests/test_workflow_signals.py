"""What the approval engine announces to the apps above it: an approval ended, after commit."""

import pytest

from conclusions.flows import ExpertConclusionFlow
from orders.flows import OrderFlow
from workflows.models import Approval
from workflows.signals import CANCELLED, DONE, approval_finished

from .workflow_helpers import CONCLUSION, ORDER, client_for, decide, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, approval, outcome, **kwargs):
        # What a listener sees: the committed record.
        approval.refresh_from_db()
        calls.append((approval.pk, outcome, approval.status, approval.document.status))

    approval_finished.connect(listener, dispatch_uid="test-listener")
    yield calls
    approval_finished.disconnect(dispatch_uid="test-listener")


def test_a_conclusion_run_to_its_end_is_announced_once_after_commit(
    people, lab_deputy, journals, heard, django_capture_on_commit_callbacks
):
    start(ExpertConclusionFlow, people["methodist"], CONCLUSION, experts=[people["methodist"].pk])
    approval = Approval.objects.get(initiator=people["methodist"])
    assert decide(lab_deputy, approval).status_code == 302
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert decide(people["head"], approval).status_code == 302
    assert heard == []  # not while the transaction that closes it is open
    for callback in callbacks:
        callback()
    assert heard == [(approval.pk, DONE, "done", "registered")]


def test_a_withdrawn_approval_is_announced_and_a_refused_withdrawal_is_not(
    people, journals, heard, django_capture_on_commit_callbacks
):
    start(OrderFlow, people["methodist"], ORDER, visas=[people["senior"].pk])
    approval = Approval.objects.get(initiator=people["methodist"])
    url = f"/workflow/approvals/{approval.pk}/cancel/"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["methodist2"]).post(url, {"reason": "не нужен"})  # a stranger to it
        client_for(people["methodist"]).post(url, {"reason": " "})  # no reason given
    assert heard == []
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["methodist"]).post(url, {"reason": "Передумали"})
    assert heard == [(approval.pk, CANCELLED, "cancelled", "draft")]
