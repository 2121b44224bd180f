"""The approval processes, read as their diagrams.

Every process runs its document along an approval route (workflows.routes): each stage is one
`decide` task per approver (EachSplit) joined before the next stage; a return sends the task
to the author (`revise`) and the route restarts as its template says. Handlers only call
services.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from orgs.roles import Role

from . import selectors, services
from .nodes import EachSplit
from .views import (
    AcknowledgeView,
    AmendmentStartView,
    ConclusionStartView,
    DecideView,
    OrderStartView,
    PlanStartView,
    RegisterView,
    ReviseView,
)

DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST}
PLAN_DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST, Role.DEPUTY_DIRECTOR}
ORDER_DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST, Role.DEPUTY_DIRECTOR, Role.CLERK}


class ApprovalHandlers:
    """What the approval loop's nodes do; each flow below wires the loop itself."""

    lock_impl = lock.select_for_update_lock  # the stage Join needs a real lock
    process_summary_template = "{{ process.approval.document.title }}"

    def has_view_permission(self, user, obj=None):
        # Object-level: a process is seen by its participants and the organisation's leaders.
        if obj is None:
            return user.is_authenticated
        approval = selectors.approval_of_process(obj)
        return approval is not None and selectors.can_view_approval(user, approval)

    def has_manage_permission(self, user, obj=None):
        return user.is_superuser

    @staticmethod
    def approval(activation):
        return activation.process.artifact

    def stage_steps(self, activation):
        return [{"step": step.pk} for step in services.open_stage(self.approval(activation))]

    def step_assignee(self, activation):
        """The person of the step behind the task; `revise` and `register` open theirs here."""
        if "step" not in activation.task.data:
            approval = self.approval(activation)
            opener = {
                "revise": services.open_revision,
                "register_by_hand": services.registration_step,
            }[activation.flow_task.name]
            activation.task.data = {"step": opener(approval).pk}
        return services.step_of(activation.task).assignee

    def bind_step(self, activation):
        services.bind_task(services.step_of(activation.task), activation.task)

    def was_returned(self, activation):
        return services.stage_returned(self.approval(activation))

    def advance(self, activation):
        return services.advance(self.approval(activation))

    def approve(self, activation):
        services.approve(self.approval(activation))

    def register(self, activation):
        services.register(self.approval(activation))

    def is_registered(self, activation):
        return not self.approval(activation).registration_error

    def complete(self, activation):
        services.complete(self.approval(activation))


class ExpertConclusionFlow(ApprovalHandlers, flow.Flow):
    """Экспертное заключение

    A methodist drafts the conclusion; the head of the service agrees, the head approves; it is
    registered, filed and published to the information bank."""

    process_title = _("Expert conclusion")
    process_description = _(
        "The head of the service agrees, the head approves; then registration, filing and "
        "publication to the information bank."
    )

    start = (
        flow.Start(ConclusionStartView.as_view())
        .Annotation(title=_("Draft an expert conclusion"))
        .Available(lambda user: bool(user.roles & DRAFTERS))
        .Next(this.stage)
    )
    stage = (
        EachSplit()
        .Annotation(title=_("Approval stage"))
        .Next(this.decide, data_source=this.stage_steps)
    )
    decide = (
        flow.View(DecideView.as_view())
        .Annotation(title=_("Agree"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage_decided)
    )
    stage_decided = flow.Join().Annotation(title=_("Stage decided")).Next(this.returned)
    returned = (
        flow.If(this.was_returned)
        .Annotation(title=_("Returned for revision?"))
        .Then(this.revise)
        .Else(this.next_stage)
    )
    revise = (
        flow.View(ReviseView.as_view())
        .Annotation(title=_("Revise"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage)
    )
    next_stage = (
        flow.If(this.advance)
        .Annotation(title=_("Next stage?"))
        .Then(this.stage)
        .Else(this.approved)
    )
    approved = flow.Function(this.approve).Annotation(title=_("Approved")).Next(this.registration)
    registration = (
        flow.Function(this.register).Annotation(title=_("Registration")).Next(this.registered)
    )
    registered = (
        flow.If(this.is_registered)
        .Annotation(title=_("Registered?"))
        .Then(this.publication)
        .Else(this.register_by_hand)
    )
    register_by_hand = (
        flow.View(RegisterView.as_view())
        .Annotation(title=_("Register"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.publication)
    )
    publication = (
        flow.Function(this.publish).Annotation(title=_("Publication to the bank")).Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def publish(self, activation):
        services.publish(self.approval(activation))


class OrderFlow(ApprovalHandlers, flow.Flow):
    """Приказ

    Drafted from the template; visas by the listed people, signature by the head; registered in
    the orders journal; then acknowledged by the listed staff."""

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
    stage = (
        EachSplit()
        .Annotation(title=_("Approval stage"))
        .Next(this.decide, data_source=this.stage_steps)
    )
    decide = (
        flow.View(DecideView.as_view())
        .Annotation(title=_("Visa or signature"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage_decided)
    )
    stage_decided = flow.Join().Annotation(title=_("Stage decided")).Next(this.returned)
    returned = (
        flow.If(this.was_returned)
        .Annotation(title=_("Returned for revision?"))
        .Then(this.revise)
        .Else(this.next_stage)
    )
    revise = (
        flow.View(ReviseView.as_view())
        .Annotation(title=_("Revise"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage)
    )
    next_stage = (
        flow.If(this.advance).Annotation(title=_("Next stage?")).Then(this.stage).Else(this.signed)
    )
    signed = flow.Function(this.approve).Annotation(title=_("Signed")).Next(this.registration)
    registration = (
        flow.Function(this.register).Annotation(title=_("Registration")).Next(this.registered)
    )
    registered = (
        flow.If(this.is_registered)
        .Annotation(title=_("Registered?"))
        .Then(this.needs_acknowledgement)
        .Else(this.register_by_hand)
    )
    register_by_hand = (
        flow.View(RegisterView.as_view())
        .Annotation(title=_("Register"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
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

    def has_acknowledgers(self, activation):
        return bool(self.approval(activation).acknowledgers)

    def acknowledgement_steps(self, activation):
        approval = self.approval(activation)
        return [{"step": step.pk} for step in services.open_acknowledgements(approval)]


class AmendmentFlow(ApprovalHandlers, flow.Flow):
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
    stage = (
        EachSplit()
        .Annotation(title=_("Approval stage"))
        .Next(this.decide, data_source=this.stage_steps)
    )
    decide = (
        flow.View(DecideView.as_view())
        .Annotation(title=_("Agreement or signature"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage_decided)
    )
    stage_decided = flow.Join().Annotation(title=_("Stage decided")).Next(this.returned)
    returned = (
        flow.If(this.was_returned)
        .Annotation(title=_("Returned for revision?"))
        .Then(this.revise)
        .Else(this.next_stage)
    )
    revise = (
        flow.View(ReviseView.as_view())
        .Annotation(title=_("Revise"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage)
    )
    next_stage = (
        flow.If(this.advance).Annotation(title=_("Next stage?")).Then(this.stage).Else(this.signed)
    )
    signed = flow.Function(this.approve).Annotation(title=_("Signed")).Next(this.registration)
    registration = (
        flow.Function(this.register).Annotation(title=_("Registration")).Next(this.registered)
    )
    registered = (
        flow.If(this.is_registered)
        .Annotation(title=_("Registered?"))
        .Then(this.enactment)
        .Else(this.register_by_hand)
    )
    register_by_hand = (
        flow.View(RegisterView.as_view())
        .Annotation(title=_("Register"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.enactment)
    )
    enactment = (
        flow.Function(this.enact)
        .Annotation(title=_("Changes into the regulation"))
        .Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def enact(self, activation):
        services.enact(self.approval(activation))


class PlanFlow(ApprovalHandlers, flow.Flow):
    """План работы

    The head of the service drafts the plan; the people on its route agree it, the head
    approves it (УТВЕРЖДЕН); it is registered and each item goes to its responsible people as
    a controlled assignment."""

    process_title = _("Work plan")
    process_description = _(
        "Agreement, the head's approval, registration; then the items are assigned to their "
        "responsible people and their execution is controlled."
    )

    start = (
        flow.Start(PlanStartView.as_view())
        .Annotation(title=_("Send a plan for approval"))
        .Available(lambda user: bool(user.roles & PLAN_DRAFTERS))
        .Next(this.stage)
    )
    stage = (
        EachSplit()
        .Annotation(title=_("Approval stage"))
        .Next(this.decide, data_source=this.stage_steps)
    )
    decide = (
        flow.View(DecideView.as_view())
        .Annotation(title=_("Agreement or approval"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage_decided)
    )
    stage_decided = flow.Join().Annotation(title=_("Stage decided")).Next(this.returned)
    returned = (
        flow.If(this.was_returned)
        .Annotation(title=_("Returned for revision?"))
        .Then(this.revise)
        .Else(this.next_stage)
    )
    revise = (
        flow.View(ReviseView.as_view())
        .Annotation(title=_("Revise"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.stage)
    )
    next_stage = (
        flow.If(this.advance)
        .Annotation(title=_("Next stage?"))
        .Then(this.stage)
        .Else(this.approved)
    )
    approved = flow.Function(this.approve).Annotation(title=_("Approved")).Next(this.registration)
    registration = (
        flow.Function(this.register).Annotation(title=_("Registration")).Next(this.registered)
    )
    registered = (
        flow.If(this.is_registered)
        .Annotation(title=_("Registered?"))
        .Then(this.assignment)
        .Else(this.register_by_hand)
    )
    register_by_hand = (
        flow.View(RegisterView.as_view())
        .Annotation(title=_("Register"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.assignment)
    )
    assignment = (
        flow.Function(this.assign_items)
        .Annotation(title=_("Items to their responsible people"))
        .Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def assign_items(self, activation):
        services.activate_plan(self.approval(activation))
