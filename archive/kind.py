"""The inventory and the act of destruction as process kinds of the approval engine."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from orgs.roles import Role
from workflows.kinds import ProcessKind
from workflows.sheet import signer

from . import services
from .documents import ACT_GENERATOR, INVENTORY_GENERATOR
from .flows import DestructionActFlow, InventoryFlow
from .forms import DestructionActForm, InventoryForm
from .models import Inventory

COMMISSION = "expert_commission"  # a route group (workflows.routes.register_group)
ROUTE = (
    {"participants": [{"role": COMMISSION}], "days": 10, "required": True},
    {"participants": [{"role": Role.HEAD}], "days": 3, "required": True},
)


class ArchiveKind(ProcessKind):
    """What the two have in common: the ЭК, then the head; generated from the form only."""

    edit_form = None  # a returned one is sent back as it is, or withdrawn and drafted anew
    accepts_upload = False
    route = ROUTE
    journal = "archive"  # registry.Journal.Kind.ARCHIVE
    icon = "inventory_2"
    task_template = "archive/_task_card.html"

    def requisites(self, approval, step) -> dict:
        record = services.record_of(approval.document)
        return {
            "approval": {"stamp": "УТВЕРЖДАЮ", **signer(step)},
            "commission": {
                "number": record.number,
                "date": record.date.isoformat() if record.date else None,
            },
        }

    def before_decision(self, approval, step, *, decision, user):
        services.before_decision(approval, step, decision=decision, user=user)

    def cancelled(self, approval):
        services.cancelled(approval)


class InventoryKind(ArchiveKind):
    code = "inventory"
    label = _("Inventory of cases")
    flow = InventoryFlow
    form = InventoryForm
    document_kind = Document.Kind.INVENTORY
    generator = INVENTORY_GENERATOR
    file_name = "inventory.docx"

    def submitted(self, approval, form):
        services.inventory_drafted(approval)


class DestructionActKind(ArchiveKind):
    code = "destruction_act"
    label = _("Act of destruction")
    flow = DestructionActFlow
    form = DestructionActForm
    document_kind = Document.Kind.ACT
    generator = ACT_GENERATOR
    file_name = "destruction_act.docx"

    def requisites(self, approval, step) -> dict:
        found = super().requisites(approval, step)
        record = services.record_of(approval.document)
        years = sorted(
            {case.nomenclature.year for case in record.cases.select_related("nomenclature")}
        )
        inventories = (
            Inventory.objects.filter(
                organization=record.organization,
                year__in=years,
                kind=Inventory.Kind.PERMANENT,
                status=Inventory.Status.APPROVED,
            )
            .select_related("document")
            .order_by("year")
        )
        listed = "; ".join(
            f"за {i.year} год — № {i.document.number} от {i.document.date:%d.%m.%Y}"
            for i in inventories
            if i.document.date
        )
        found["inventories"] = (
            f"Описи дел постоянного хранения утверждены: {listed}."
            if listed
            else "Дел постоянного хранения за эти годы нет."
        )
        return found

    def submitted(self, approval, form):
        services.act_drafted(approval)
