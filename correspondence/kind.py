"""The outgoing letter as a process kind of the approval engine."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from orgs.roles import Role
from workflows.kinds import ProcessKind
from workflows.sheet import signer

from . import services
from .documents import GENERATOR
from .flows import LetterFlow
from .forms import LetterForm
from .models import Letter


class LetterKind(ProcessKind):
    code = "letter"
    label = _("Outgoing letter")
    flow = LetterFlow
    form = edit_form = LetterForm
    icon = "outgoing_mail"
    accepts_upload = False  # the letter is generated from its form: correct the form
    # The head signs (the initiator adds who agrees before).
    route = ({"participants": [{"role": Role.HEAD}], "days": 2, "required": True},)
    document_kind = Document.Kind.LETTER
    generator = GENERATOR
    file_name = "letter.docx"
    journal = "outgoing"

    def requisites(self, approval, step) -> dict:
        return {"signature": signer(step)}  # a letter is signed, not stamped

    def submitted(self, approval, form):
        services.drafted(approval, form)

    def form_revised(self, approval, form_data):
        Letter.objects.filter(document=approval.document).update(
            partner_organization_id=form_data.get("partner_organization"),
            correspondent_id=form_data.get("correspondent"),
            in_reply_to_id=form_data.get("in_reply_to"),
            summary=form_data["title"],
        )

    def cancelled(self, approval):
        services.approval_cancelled(approval)
