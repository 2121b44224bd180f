"""The work plan as a process kind of the approval engine: its document is built from the
plan's items, and the plan follows its approval (sent, withdrawn, its items read from a
corrected file, assigned once registered)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.importer import analyse, extract
from documents.models import Document
from documents.services import add_generated_version
from orgs.roles import Role
from workflows.kinds import ProcessKind

from . import services
from .documents import GENERATOR, plan_rows, plan_stamp
from .flows import PlanFlow
from .forms import PlanForm
from .models import Plan


class PlanKind(ProcessKind):
    code = "plan"
    label = gettext_lazy("Work plan")
    flow = PlanFlow
    form = PlanForm
    icon = "event_note"
    revise_template = "plans/_revise.html"  # the items are corrected on the plan's page
    # The head approves; the drafter adds who agrees before (the heads of the services whose
    # staff the items name), or the head fixes them on the route.
    route = ({"participants": [{"role": Role.HEAD}], "days": 3, "required": True},)
    document_kind = Document.Kind.PLAN
    generator = GENERATOR
    file_name = "plan.docx"
    journal = "plans"

    def document_form(self, form_data) -> dict:
        """A plan's form holds its rows as they are now: the document is built from them."""
        return {**form_data, "rows": plan_rows(Plan.objects.get(pk=form_data["plan"]))}

    def create_document(self, form_data, *, form, initiator) -> Document:
        """A plan has one document whatever happens to its approvals: sent again after a
        cancelled approval, it gets a new version of the same document."""
        plan = Plan.objects.select_related("document").get(pk=form_data["plan"])
        if plan.document is None:
            return super().create_document(form_data, form=form, initiator=initiator)
        with transaction.atomic():
            add_generated_version(
                plan.document,
                generator=self.generator,
                form=self.document_form(form_data),
                author=initiator,
                name=self.file_name,
            )
        return plan.document

    def requisites(self, approval, step) -> dict:
        return {"approval": plan_stamp(step)}

    def submitted(self, approval, form):
        services.submitted(form.cleaned_data["plan"], approval.document)

    def check_upload(self, approval, name, data):
        """A corrected plan file becomes the plan's items: each row must name its people."""
        if str(name).lower().endswith(".docx"):
            services.check_revised_rows(
                approval.document.plan, analyse(extract(name, data)).plan_items
            )

    def uploaded(self, approval, version, *, user):
        services.items_from_revision(approval.document.plan, version, user=user)

    def unchanged(self, approval, *, user, comment):
        # The owner edited the items on the plan's page: the document follows them.
        self.regenerate(
            approval, form=approval.form, user=user, comment=comment or _("Revised plan")
        )

    def cancelled(self, approval):
        services.withdrawn(approval.document.plan)
