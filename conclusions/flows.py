"""Экспертное заключение, read as its diagram: a methodist drafts the conclusion; the head of
the service agrees, the head approves (the approval loop, workflows.loop); it is registered,
filed and published to the information bank."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from orgs.roles import Role
from workflows.loop import ApprovalLoop

from . import services
from .views import ConclusionStartView

DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST}


class ExpertConclusionFlow(ApprovalLoop, flow.Flow):
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
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.publish).Annotation(title=_("Publication to the bank")).Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def publish(self, activation):
        services.publish(self.approval(activation))
