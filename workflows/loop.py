"""The approval loop, declared once: stage → decide (one task per approver, in parallel) → stage
decided → returned? → revise → stage / next stage? → stage / approved → registration →
registered? → (register by hand) → after registration.

A process's flow mixes it in — `class MyFlow(ApprovalLoop, flow.Flow)` — and declares its own
`start` (leading to `this.stage`), `after_registration` (its own first node once registered)
and what follows up to its end. Viewflow copies the nodes of a plain mixin into each flow
(`Flow.__init_subclass__` walks `dir(cls)` and shallow-copies every node), so `this.x` binds
per flow. Two traps, checked against viewflow 2.4:
- never use a concrete Flow as a base: its subclass's nodes stay bound to the base;
- never put boundary events (`.OnTimeout()`, `.OnError()`) on the nodes here: the copy is
  shallow, so one would be shared by every flow.
Renaming a node here renames it in every flow: stored `flow_task` strings need a data
migration (see conclusions/migrations/0001_flow_strings.py).
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from . import selectors, services
from .nodes import EachSplit
from .views import DecideView, RegisterView, ReviseView


class ApprovalLoop:
    lock_impl = lock.select_for_update_lock  # the stage Join needs a real lock
    process_summary_template = "{{ process.approval.document.title }}"

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
        .Then(this.after_registration)
        .Else(this.register_by_hand)
    )
    register_by_hand = (
        flow.View(RegisterView.as_view())
        .Annotation(title=_("Register"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.after_registration)
    )

    # --- what the nodes do (they only call services) ----------------------------------------

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
