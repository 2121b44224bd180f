"""The expert conclusion as a process kind of the approval engine."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from orgs.roles import Role
from workflows.kinds import ProcessKind

from .documents import GENERATOR, conclusion_title
from .flows import ExpertConclusionFlow
from .forms import ConclusionForm


class ConclusionKind(ProcessKind):
    code = "conclusion"
    label = _("Expert conclusion")
    flow = ExpertConclusionFlow
    form = edit_form = ConclusionForm
    icon = "rate_review"
    # Seed 000 §3.3, §6.2: the head of the service agrees, the head approves.
    route = (
        {"participants": [{"role": Role.DEPUTY_DIRECTOR}], "days": 3, "required": True},
        {"participants": [{"role": Role.HEAD}], "days": 2, "required": True},
    )
    document_kind = Document.Kind.CONCLUSION
    generator = GENERATOR
    file_name = "conclusion.docx"
    journal = "conclusions"

    def title(self, form_data) -> str:
        return conclusion_title(form_data)
