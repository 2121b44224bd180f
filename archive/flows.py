"""The archive's two processes, read as their diagrams: the clerk drafts an inventory of a
year's cases or an act of destruction of expired cases; the expert commission agrees it (with
its protocol), the head approves it, it is registered (the approval loop, workflows.loop);
then the record is approved — an inventory's cases may go to the archive, an act may be
carried out (its own audited action on the act's page)."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.loop import ApprovalLoop
from workflows.views import ProcessStartView

from . import selectors, services
from .forms import DestructionActForm, InventoryForm


def _keeps_archive(user) -> bool:
    return user.organization_id is not None and selectors.may_keep(user, user.organization)


class InventoryStartView(ProcessStartView):
    """`?year=…&section=…` from the archive's page."""

    form_class = InventoryForm

    def get_initial(self):
        initial = super().get_initial()
        for key in ("year", "section"):
            if self.request.GET.get(key):
                initial[key] = self.request.GET[key]
        return initial


class DestructionActStartView(ProcessStartView):
    """`?cases=1&cases=2` from the list of expired cases."""

    form_class = DestructionActForm

    def get_initial(self):
        return {**super().get_initial(), "cases": self.request.GET.getlist("cases")}


class InventoryFlow(ApprovalLoop, flow.Flow):
    """Опись дел

    The clerk drafts the yearly section of an inventory; the expert commission agrees it,
    the head approves it; registered; its cases wait for the archive."""

    process_title = _("Inventory of cases")
    process_description = _(
        "A year's closed cases of permanent retention or on personnel: the expert commission's "
        "agreement, the head's approval, registration."
    )

    start = (
        flow.Start(InventoryStartView.as_view())
        .Annotation(title=_("Draft an inventory"))
        .Available(_keeps_archive)
        .Next(this.stage)
    )
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.to_archive).Annotation(title=_("Inventory approved")).Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def to_archive(self, activation):
        services.approved(self.approval(activation))


class DestructionActFlow(ApprovalLoop, flow.Flow):
    """Акт о выделении к уничтожению

    The clerk drafts the act from the expired cases; the expert commission agrees it, the
    head approves it after the inventories of the same years; registered; the clerk carries
    it out."""

    process_title = _("Act of destruction")
    process_description = _(
        "Expired cases of temporary retention: the expert commission's agreement, the head's "
        "approval after the inventories of the same years, registration; then destruction."
    )

    start = (
        flow.Start(DestructionActStartView.as_view())
        .Annotation(title=_("Draft an act of destruction"))
        .Available(_keeps_archive)
        .Next(this.stage)
    )
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.to_carry_out).Annotation(title=_("Act approved")).Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def to_carry_out(self, activation):
        services.approved(self.approval(activation))
