"""Приказ and Изменения в положение, read as their diagrams (the approval loop from stage to
registration is workflows.loop)."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from orgs.roles import Role
from workflows import services as engine
from workflows.loop import ApprovalLoop
from workflows.nodes import EachSplit
from workflows.views import AcknowledgeView

from . import services
from .views import AmendmentStartView, OrderStartView

ORDER_DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST, Role.DEPUTY_DIRECTOR, Role.CLERK}


class OrderFlow(ApprovalLoop, flow.Flow):
    """Приказ

    Drafted from the template; visas by the listed people, signature by the head; registered in
    the orders journal; its executors get поручения on control (with a deadline); then
    acknowledged by the listed staff."""

    process_title = _("Order")
    process_description = _(
        "Visas by the listed people, the head's signature, registration in the orders journal, "
        "acknowledgement by the listed staff."
    )

    start = (
        flow.Start(OrderStartView.as_view())
        .Annotation(title=_("Draft an order"))
        .Available(lambda user: bool(user.roles & ORDER_DRAFTERS))
        .Next(this.stage)
    )
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.to_control)
        .Annotation(title=_("Executors' assignments on control"))
        .Next(this.needs_acknowledgement)
    )
    needs_acknowledgement = (
        flow.If(this.has_acknowledgers)
        .Annotation(title=_("Acknowledgement needed?"))
        .Then(this.acknowledgement)
        .Else(this.finish)
    )
    acknowledgement = (
        EachSplit()
        .Annotation(title=_("Acknowledgement"))
        .Next(this.acknowledge, data_source=this.acknowledgement_steps)
    )
    acknowledge = (
        flow.View(AcknowledgeView.as_view())
        .Annotation(title=_("Acknowledge"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.acknowledged)
    )
    acknowledged = flow.Join().Annotation(title=_("Everybody acknowledged")).Next(this.finish)
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def to_control(self, activation):
        services.put_on_control(self.approval(activation))

    def has_acknowledgers(self, activation):
        return bool(self.approval(activation).acknowledgers)

    def acknowledgement_steps(self, activation):
        approval = self.approval(activation)
        return [{"step": step.pk} for step in engine.open_acknowledgements(approval)]


class AmendmentFlow(ApprovalLoop, flow.Flow):
    """Изменения в положение

    Changes to a regulation's clauses: agreed by the unit's lead and further approvers, the
    head signs the amending order; registered in the orders journal; the changes apply on the
    effective date as a new revision of the regulation."""

    process_title = _("Amendment to a regulation")
    process_description = _(
        "The unit's lead agrees, the head signs the amending order; it is registered and the "
        "changes make a new revision of the regulation on the effective date."
    )

    start = (
        flow.Start(AmendmentStartView.as_view())
        .Annotation(title=_("Draft changes to a regulation"))
        .Available(lambda user: bool(user.roles & ORDER_DRAFTERS))
        .Next(this.stage)
    )
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.enact)
        .Annotation(title=_("Changes into the regulation"))
        .Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def enact(self, activation):
        services.enact(self.approval(activation))
