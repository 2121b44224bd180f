"""Orders and amendments to regulations as process kinds of the approval engine."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.models import Amendment, Document
from orgs.roles import Role
from workflows.kinds import ProcessKind
from workflows.services import WorkflowRefused
from workflows.sheet import signer

from . import services
from .documents import GENERATOR
from .flows import AmendmentFlow, OrderFlow
from .forms import AmendmentForm, OrderForm


class OrderKind(ProcessKind):
    code = "order"
    label = gettext_lazy("Order")
    flow = OrderFlow
    form = edit_form = OrderForm
    icon = "gavel"
    # Visas (added by the initiator), then the head's signature.
    route = ({"participants": [{"role": Role.HEAD}], "days": 2, "required": True},)
    document_kind = Document.Kind.ORDER
    generator = GENERATOR
    file_name = "order.docx"
    journal = "orders_main"

    def requisites(self, approval, step) -> dict:
        return {"signature": signer(step)}  # an order is signed, not stamped


class AmendmentKind(OrderKind):
    code = "amendment"
    label = gettext_lazy("Amendment to a regulation")
    flow = AmendmentFlow
    form = edit_form = AmendmentForm
    icon = "edit_note"
    accepts_upload = False
    # Seed 004 §6.1: agreed with the unit's lead, signed by the head (the order is of the same
    # level as the one that approved the regulation).
    route = (
        {"participants": [{"role": "unit_lead"}], "days": 3, "required": True},
        {"participants": [{"role": Role.HEAD}], "days": 2, "required": True},
    )

    def submitted(self, approval, form):
        services.draft(approval, approval.form["amendment"])

    def check_upload(self, approval, name, data):
        raise WorkflowRefused(
            _("The amending order is made from its list of changes, which is what takes "
              "effect: correct the changes in the form instead of uploading a file.")
        )

    def form_revised(self, approval, form_data):
        services.redraft(approval, form_data["amendment"])

    def cancelled(self, approval):
        Amendment.objects.filter(order=approval.document).update(status=Amendment.Status.CANCELLED)
