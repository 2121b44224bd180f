"""План работы, read as its diagram: the people on its route agree, the head approves
(УТВЕРЖДЕН; the approval loop, workflows.loop); registered; then each item goes to its
responsible people as a controlled assignment."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from orgs.roles import Role
from workflows.loop import ApprovalLoop
from workflows.views import ProcessStartView

from . import services
from .forms import PlanForm

PLAN_DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST, Role.DEPUTY_DIRECTOR}


class PlanStartView(ProcessStartView):
    """Send a drafted plan (`?plan=<id>`, from the plan's page) along its route."""

    form_class = PlanForm

    def get_initial(self):
        return {**super().get_initial(), "plan": self.request.GET.get("plan")}


class PlanFlow(ApprovalLoop, flow.Flow):
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
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.assign_items)
        .Annotation(title=_("Items to their responsible people"))
        .Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def assign_items(self, activation):
        services.activate(self.approval(activation).document.plan)
