"""Согласование документа, read as its diagram: an uploaded draft (or a new revision) goes
through the approval loop (workflows.loop) as it is; the stamp and the number go on its own
file (documents.stamping); registration follows the document's kind."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.loop import ApprovalLoop
from workflows.views import ProcessStartView

from .forms import DocumentApprovalForm


class DocumentStartView(ProcessStartView):
    """Send an uploaded draft (`?document=<id>`, from the document's page) along a route."""

    form_class = DocumentApprovalForm

    def get_initial(self):
        return {**super().get_initial(), "document": self.request.GET.get("document")}


class DocumentFlow(ApprovalLoop, flow.Flow):
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
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    )
    end = flow.End().Annotation(title=_("End"))
