"""Согласование документа: an uploaded draft approved as it is.

Kept apart from workflows.flows (which holds the four generated processes) only for the size
of the module; its nodes are the same approval loop. The stamp and the number go on the
draft's own file (documents.stamping); registration follows the document's kind."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from .flows import ApprovalHandlers
from .nodes import EachSplit
from .views import DecideView, DocumentStartView, RegisterView, ReviseView


class DocumentFlow(ApprovalHandlers, flow.Flow):
    """Согласование документа

    The draft's author sends it; the people on the route agree, the head approves (the stamp
    is put on its file); it is registered in the journal of its kind."""

    process_title = _("Approval of a document")
    process_description = _(
        "An uploaded draft or a new revision: agreement, the head's approval on its own file, "
        "registration."
    )

    start = (
        flow.Start(DocumentStartView.as_view())
        .Annotation(title=_("Send a document for approval"))
        .Available(lambda user: user.organization_id is not None)
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
        .Then(this.finish)
        .Else(this.register_by_hand)
    )
    register_by_hand = (
        flow.View(RegisterView.as_view())
        .Annotation(title=_("Register"))
        .Assign(this.step_assignee)
        .onCreate(this.bind_step)
        .Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))
