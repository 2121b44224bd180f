"""The archive's pages: the overview with its report and lists (cases to inventory, to hand
over, to review, to destroy), the expert commission, an inventory's and an act's record (with
the ЭК's protocol and, for an approved act, the dry run and the destruction), the ЭК's review
of a case, transfers to the archive and their act."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from common.downloads import attachment, file_name
from documents.downloads import DOCX_TYPE
from registry.models import Case

from . import selectors, services
from .documents import transfer_docx
from .flows import DestructionActFlow, InventoryFlow
from .forms import CommissionForm, ProtocolForm, ReviewForm, TransferForm
from .models import DestructionAct, Event, Inventory, Transfer
from .selectors import State

STATE_LABELS = {
    State.KEPT: gettext_lazy("Kept: the term runs"),
    State.TO_INVENTORY: gettext_lazy("Waiting for an inventory"),
    State.ON_INVENTORY: gettext_lazy("In an inventory on approval"),
    State.INVENTORIED: gettext_lazy("In an approved inventory"),
    State.TRANSFER_DUE: gettext_lazy("To hand over to the archive"),
    State.TRANSFER_OVERDUE: gettext_lazy("Hand-over overdue"),
    State.IN_ARCHIVE: gettext_lazy("In the archive"),
    State.TO_REVIEW: gettext_lazy("Waiting for the commission's review (ЭПК)"),
    State.EXPIRED: gettext_lazy("Term run out: to destroy"),
    State.IN_ACT: gettext_lazy("In an act of destruction"),
    State.DESTROYED: gettext_lazy("Destroyed"),
}
TABS = (
    ("overview", gettext_lazy("Overview")),
    ("inventory", gettext_lazy("Inventories")),
    ("transfer", gettext_lazy("To the archive")),
    ("review", gettext_lazy("Expert review")),
    ("destruction", gettext_lazy("To destroy")),
    ("cases", gettext_lazy("All closed cases")),
    ("log", gettext_lazy("Log")),
)


def _labelled(states):
    """The states with their labels (a row's label looked up once, not by the template)."""
    for state in states:
        state.label = STATE_LABELS[state.state]
    return states


def _organization(request):
    organization = request.user.organization
    if organization is None or not selectors.may_see(request.user, organization):
        raise PermissionDenied(
            _("The archive is kept by the clerk, the head and the expert commission.")
        )
    return organization


def _mine(request, model, pk):
    organization = _organization(request)
    return get_object_or_404(model.objects.filter(organization=organization), pk=pk), organization


def _back(request, default):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


class ArchiveView(LoginRequiredMixin, TemplateView):
    template_name = "archive/index.html"

    def get_context_data(self, **kwargs):
        request = self.request
        organization = _organization(request)
        tab = request.GET.get("tab", "overview")
        if tab not in dict(TABS):
            tab = "overview"
        report = selectors.report(organization)
        states = _labelled(report["states"])
        inventory_years = {}
        for s in report["to_inventory"]:
            key = (s.year, "personnel" if s.personnel and not s.permanent else "permanent")
            inventory_years[key] = inventory_years.get(key, 0) + 1
        return super().get_context_data(
            organization=organization,
            tab=tab,
            tabs=[(key, str(label)) for key, label in TABS],
            report=report,
            states=states,
            labels=STATE_LABELS,
            commission=selectors.commission_of(organization),
            keeps=selectors.may_keep(request.user, organization),
            member=selectors.is_commission_member(request.user, organization),
            inventory_years=[
                {
                    "year": year,
                    "section": section,
                    "count": count,
                    "label": dict(Inventory.Kind.choices)[section],
                }
                for (year, section), count in sorted(inventory_years.items(), reverse=True)
            ],
            inventories=Inventory.objects.filter(organization=organization).select_related(
                "document"
            )[:100],
            acts=DestructionAct.objects.filter(organization=organization).select_related(
                "document"
            )[:100],
            transfers=Transfer.objects.filter(organization=organization)[:100],
            events=Event.objects.filter(organization=organization).select_related("actor")[:200],
            inventory_url=InventoryFlow.start.reverse("execute"),
            act_url=DestructionActFlow.start.reverse("execute"),
            **kwargs,
        )


class CommissionView(LoginRequiredMixin, TemplateView):
    template_name = "archive/commission.html"

    def form(self, organization, data=None):
        commission = selectors.commission_of(organization)
        initial = {}
        if commission is not None:
            initial = {
                "chair": commission.chair_id,
                "secretary": commission.secretary_id,
                "members": list(commission.members.values_list("pk", flat=True)),
                "archive": commission.archive_id,
                "order": commission.order,
            }
        return CommissionForm(data, organization=organization, initial=initial)

    def get_context_data(self, **kwargs):
        organization = _organization(self.request)
        return super().get_context_data(
            organization=organization,
            keeps=selectors.may_keep(self.request.user, organization),
            form=kwargs.pop("form", None) or self.form(organization),
            **kwargs,
        )

    def post(self, request):
        organization = _organization(request)
        form = self.form(organization, request.POST)
        if form.is_valid():
            try:
                services.name_commission(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except services.ArchiveRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The expert commission is saved."))
                return redirect("archive:index")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RecordView(LoginRequiredMixin, TemplateView):
    """An inventory's or an act's record."""

    model = None

    def get_context_data(self, **kwargs):
        record, organization = _mine(self.request, self.model, kwargs["pk"])
        user = self.request.user
        member = selectors.is_commission_member(user, organization)
        entries = list(record.entries.select_related("case__nomenclature", "case__retention_rule"))
        states = {
            s.case.pk: s
            for s in selectors.case_states(organization, cases=[e.case for e in entries])
        }
        context = {
            "record": record,
            "organization": organization,
            "rows": [(entry, states.get(entry.case_id)) for entry in entries],
            "labels": STATE_LABELS,
            "keeps": selectors.may_keep(user, organization),
            "protocol_form": kwargs.pop("protocol_form", None)
            or (
                ProtocolForm(initial={"number": record.number, "date": record.date})
                if member and record.status == record.Status.ON_APPROVAL
                else None
            ),
        }
        return super().get_context_data(**context, **kwargs)


class InventoryView(RecordView):
    template_name = "archive/inventory.html"
    model = Inventory


class ActView(RecordView):
    template_name = "archive/act.html"
    model = DestructionAct

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        act = context["record"]
        if act.status in (DestructionAct.Status.APPROVED, DestructionAct.Status.DESTROYED):
            if act.status == DestructionAct.Status.APPROVED:
                context["plan"] = services.destruction_plan(act)
        return context


def _protocol(request, model, pk):
    record, _organization_ = _mine(request, model, pk)
    form = ProtocolForm(request.POST)
    if form.is_valid():
        try:
            services.record_protocol(record=record, actor=request.user, **form.cleaned_data)
        except services.ArchiveRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The commission's protocol is recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back(request, record.get_absolute_url())


def inventory_protocol(request, pk):
    if not request.user.is_authenticated or request.method != "POST":
        raise PermissionDenied
    return _protocol(request, Inventory, pk)


def act_protocol(request, pk):
    if not request.user.is_authenticated or request.method != "POST":
        raise PermissionDenied
    return _protocol(request, DestructionAct, pk)


def act_destroy(request, pk):
    """«Уничтожить по акту»: the approved act carried out, once, after the dry run."""
    if not request.user.is_authenticated or request.method != "POST":
        raise PermissionDenied
    act, _organization_ = _mine(request, DestructionAct, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm that the files listed are to be destroyed."))
        return redirect(act.get_absolute_url())
    try:
        plan = services.destroy(act=act, actor=request.user)
    except services.ArchiveRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _(
                "Destroyed by the act %(act)s: %(documents)s documents, %(files)s files; "
                "their cards are kept."
            )
            % {"act": act.label, "documents": len(plan["documents"]), "files": len(plan["files"])},
        )
    return redirect(act.get_absolute_url())


class ReviewView(LoginRequiredMixin, TemplateView):
    template_name = "archive/review.html"

    def case(self):
        organization = _organization(self.request)
        case = get_object_or_404(
            Case.objects.filter(nomenclature__organization=organization).select_related(
                "nomenclature", "retention_rule"
            ),
            pk=self.kwargs["pk"],
        )
        state = next(iter(selectors.case_states(organization, cases=[case])), None)
        return case, state, organization

    def get_context_data(self, **kwargs):
        case, state, organization = self.case()
        return super().get_context_data(
            case=case,
            state=state,
            labels=STATE_LABELS,
            member=selectors.is_commission_member(self.request.user, organization),
            form=kwargs.pop("form", None) or ReviewForm(),
            **kwargs,
        )

    def post(self, request, pk):
        case, _state, _organization_ = self.case()
        form = ReviewForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decide_review(
                    case=case,
                    decision=data["decision"],
                    years=data.get("years"),
                    protocol_number=data["number"],
                    protocol_date=data["date"],
                    actor=request.user,
                )
            except services.ArchiveRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The commission's decision is recorded."))
                return redirect(f"{reverse('archive:index')}?tab=review")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TransferNewView(LoginRequiredMixin, TemplateView):
    template_name = "archive/transfer_new.html"

    def get_context_data(self, **kwargs):
        organization = _organization(self.request)
        form = kwargs.pop("form", None) or TransferForm(
            organization=organization, initial={"cases": self.request.GET.getlist("cases")}
        )
        return super().get_context_data(form=form, organization=organization, **kwargs)

    def post(self, request):
        organization = _organization(request)
        form = TransferForm(request.POST, organization=organization)
        if form.is_valid():
            try:
                transfer = services.record_transfer(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except services.ArchiveRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The cases are marked «in the archive»."))
                return redirect(transfer.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _transfer_states(transfer):
    cases = [entry.case for entry in transfer.entries.select_related("case")]
    return _labelled(selectors.case_states(transfer.organization, cases=cases, today=transfer.date))


class TransferView(LoginRequiredMixin, TemplateView):
    template_name = "archive/transfer.html"

    def get_context_data(self, **kwargs):
        transfer, organization = _mine(self.request, Transfer, kwargs["pk"])
        return super().get_context_data(
            transfer=transfer, states=_transfer_states(transfer), **kwargs
        )


def transfer_file(request, pk):
    """The act of acceptance as a .docx rendered from the record."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    transfer, _organization_ = _mine(request, Transfer, pk)
    data = transfer_docx(transfer, _transfer_states(transfer))
    return attachment(
        data, file_name(f"Акт приёма-передачи № {transfer.number}", extension="docx"), DOCX_TYPE
    )
