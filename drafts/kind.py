"""Согласование документа as a process kind: it writes nothing — the uploaded draft is the
document; its journal and the way it is signed follow the draft's kind."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from orgs.roles import Role
from workflows.kinds import ProcessKind
from workflows.sheet import signer

from .flows import DocumentFlow
from .forms import DocumentApprovalForm

# A document approved as uploaded: the journal its kind is registered in.
JOURNALS_BY_KIND = {
    Document.Kind.ORDER: "orders_main",
    Document.Kind.CONCLUSION: "conclusions",
    Document.Kind.PLAN: "plans",
}


class DraftKind(ProcessKind):
    code = "document"
    label = _("Approval of a document")
    flow = DocumentFlow
    form = DocumentApprovalForm
    icon = "task"
    # The head approves; the initiator adds who agrees before (the lead of the unit whose
    # regulation it is, say), or the head fixes them on the route.
    route = ({"participants": [{"role": Role.HEAD}], "days": 3, "required": True},)

    def create_document(self, form_data, *, form, initiator) -> Document:
        return form.cleaned_data["document"]  # the uploaded draft itself

    def journal_for(self, approval) -> str:
        return JOURNALS_BY_KIND.get(approval.document.kind, "internal")

    def requisites(self, approval, step) -> dict:
        if approval.document.kind == Document.Kind.ORDER:
            return {"signature": signer(step)}  # an order is signed
        return super().requisites(approval, step)
