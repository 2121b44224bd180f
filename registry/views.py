"""Реестр section: nomenclatures, cases, journals and the register action, for clerks."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.urls import Application

from common.errors import Refused
from documents import lifecycle
from documents.selectors import visible_documents

from . import exports, permissions, services
from .api import DOCX, XLSX, download
from .forms import ApproveForm, CancelForm, CaseForm, JournalFilterForm, RegisterForm, YearForm
from .models import Case, Journal, Nomenclature, Registration
from .selectors import case_documents, journal_entries


def _scoped(request, model, pk, organization_path):
    obj = get_object_or_404(model, pk=pk)
    organization = organization_path(obj)
    if not permissions.can_view(request.user, organization):
        raise PermissionDenied
    return obj, organization


def _require_manage(request, organization):
    if not permissions.can_manage(request.user, organization):
        raise PermissionDenied(_("Only the clerk or the head keeps the registry."))


class ActionView(LoginRequiredMixin, View):
    """A POST that calls a service; refusals come back as a message on the page."""

    def post(self, request, *args, **kwargs):
        try:
            target = self.act(request, *args, **kwargs)
        except Refused as error:
            messages.error(request, error.message)
            target = _safe_back(request)
        return redirect(target)


def _safe_back(request):
    """Where a refused action returns: the form's `back` or the Referer, only when it points
    to this site (anything else would make the registry an open redirect)."""
    for candidate in (request.POST.get("back"), request.META.get("HTTP_REFERER")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("registry:index")


class RegistryIndexView(LoginRequiredMixin, TemplateView):
    template_name = "registry/index.html"

    def get_context_data(self, **kwargs):
        organization = self.request.user.organization
        return super().get_context_data(
            organization=organization,
            nomenclatures=organization.nomenclatures.all() if organization else [],
            journals=organization.journals.all() if organization else [],
            can_manage=organization is not None
            and permissions.can_manage(self.request.user, organization),
            year_form=YearForm(),
            **kwargs,
        )


class CreateNomenclatureView(ActionView):
    def act(self, request):
        organization = request.user.organization
        if organization is None:
            raise PermissionDenied
        _require_manage(request, organization)
        form = YearForm(request.POST)
        if not form.is_valid():
            raise services.RegistryRefused(_("Give the year."))
        year = form.cleaned_data["year"]
        if request.POST.get("rollover"):
            nomenclature = services.rollover(organization, year)
        else:
            nomenclature, _created = Nomenclature.objects.get_or_create(
                organization=organization, year=year
            )
        return reverse("registry:nomenclature", args=[nomenclature.pk])


class NomenclatureView(LoginRequiredMixin, TemplateView):
    template_name = "registry/nomenclature.html"

    def get_context_data(self, pk, **kwargs):
        nomenclature, organization = _scoped(
            self.request, Nomenclature, pk, lambda n: n.organization
        )
        cases = nomenclature.cases.select_related("unit", "retention_rule").order_by(
            "unit__code", "index"
        )
        sections = []
        for case in cases:
            if not sections or sections[-1]["unit"] != case.unit:
                sections.append({"unit": case.unit, "cases": []})
            sections[-1]["cases"].append(case)
        return super().get_context_data(
            nomenclature=nomenclature,
            sections=sections,
            record=services.final_record(nomenclature),
            can_manage=permissions.can_manage(self.request.user, organization),
            case_form=CaseForm(organization=organization),
            approve_form=ApproveForm(),
            **kwargs,
        )


class AddCaseView(ActionView):
    def act(self, request, pk):
        nomenclature, organization = _scoped(request, Nomenclature, pk, lambda n: n.organization)
        _require_manage(request, organization)
        form = CaseForm(request.POST, organization=organization)
        if not form.is_valid():
            raise services.RegistryRefused(
                "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())
            )
        data = form.cleaned_data
        services.add_case(
            nomenclature,
            unit=data["unit"],
            title=data["title"],
            retention_rule=data["retention_rule"],
            index=data["index"] or None,
            volumes=data["volumes"],
            epk=data["epk"],
            note=data["note"],
            carried_over=data["carried_over"],
        )
        return reverse("registry:nomenclature", args=[pk])


class ApproveNomenclatureView(ActionView):
    def act(self, request, pk):
        nomenclature, _organization = _scoped(request, Nomenclature, pk, lambda n: n.organization)
        form = ApproveForm(request.POST)
        if not form.is_valid():
            raise services.RegistryRefused(_("Give the number and date of the approving order."))
        services.approve_nomenclature(nomenclature, approver=request.user, **form.cleaned_data)
        messages.success(request, _("The nomenclature is approved."))
        return reverse("registry:nomenclature", args=[pk])


def nomenclature_docx(request, pk):
    nomenclature, _organization = _scoped(request, Nomenclature, pk, lambda n: n.organization)
    return download(
        exports.nomenclature_docx(nomenclature, compiler=request.user),
        exports.nomenclature_file_name(nomenclature),
        DOCX,
    )


class CaseView(LoginRequiredMixin, TemplateView):
    template_name = "registry/case.html"

    def get_context_data(self, pk, **kwargs):
        case, organization = _scoped(self.request, Case, pk, lambda c: c.nomenclature.organization)
        return super().get_context_data(
            case=case,
            entries=case_documents(case),
            can_manage=permissions.can_manage(self.request.user, organization),
            **kwargs,
        )


class EditCaseView(LoginRequiredMixin, TemplateView):
    template_name = "registry/case_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.case, self.organization = _scoped(
            request, Case, kwargs["pk"], lambda c: c.nomenclature.organization
        )
        _require_manage(request, self.organization)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        case = self.case
        kwargs.setdefault(
            "form",
            CaseForm(
                organization=self.organization,
                initial={
                    "unit": case.unit,
                    "title": case.title,
                    "index": case.index,
                    "retention_rule": case.retention_rule,
                    "volumes": case.volumes,
                    "epk": case.epk,
                    "note": case.note,
                    "carried_over": case.carried_over,
                },
            ),
        )
        return super().get_context_data(case=case, **kwargs)

    def post(self, request, pk):
        form = CaseForm(request.POST, organization=self.organization)
        form.fields["unit"].disabled = True  # the section of a case does not change
        form.fields["unit"].initial = self.case.unit
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
            data["index"] = data["index"] or self.case.index
            if data["epk"] is None:
                data["epk"] = data["retention_rule"].epk
            try:
                services.update_case(self.case, **data)
            except Refused as error:
                form.add_error("index", error.message)
            else:
                return redirect(reverse("registry:nomenclature", args=[self.case.nomenclature_id]))
        return self.render_to_response(self.get_context_data(form=form))


class CloseCaseView(ActionView):
    def act(self, request, pk):
        case, organization = _scoped(request, Case, pk, lambda c: c.nomenclature.organization)
        _require_manage(request, organization)
        services.close_case(case)
        return reverse("registry:case", args=[pk])


def case_inventory(request, pk):
    case, _organization = _scoped(request, Case, pk, lambda c: c.nomenclature.organization)
    return download(
        exports.case_inventory_docx(case, compiler=request.user),
        exports.inventory_file_name(case),
        DOCX,
    )


def _filtered_entries(request, journal):
    form = JournalFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, journal_entries(journal, **{k: v for k, v in filters.items() if v})


class JournalView(LoginRequiredMixin, TemplateView):
    template_name = "registry/journal.html"

    def get_context_data(self, pk, **kwargs):
        journal, organization = _scoped(self.request, Journal, pk, lambda j: j.organization)
        form, entries = _filtered_entries(self.request, journal)
        return super().get_context_data(
            journal=journal,
            form=form,
            entries=entries,
            query=self.request.GET.urlencode(),
            can_manage=permissions.can_manage(self.request.user, organization),
            cancel_form=CancelForm(),
            **kwargs,
        )


def journal_xlsx(request, pk):
    journal, _organization = _scoped(request, Journal, pk, lambda j: j.organization)
    _form, entries = _filtered_entries(request, journal)
    return download(
        exports.journal_xlsx(journal, entries), exports.journal_file_name(journal), XLSX
    )


class ReserveView(ActionView):
    def act(self, request, pk):
        journal, organization = _scoped(request, Journal, pk, lambda j: j.organization)
        _require_manage(request, organization)
        entry = services.reserve_number(journal, user=request.user)
        messages.success(request, _("Reserved number %(number)s.") % {"number": entry.number})
        return reverse("registry:journal", args=[pk])


class CancelEntryView(ActionView):
    def act(self, request, pk):
        entry, organization = _scoped(request, Registration, pk, lambda e: e.journal.organization)
        _require_manage(request, organization)
        form = CancelForm(request.POST)
        services.cancel(
            entry, user=request.user, reason=form.data.get("reason", "") if form.is_bound else ""
        )
        return reverse("registry:journal", args=[entry.journal_id])


class RegisterDocumentView(LoginRequiredMixin, TemplateView):
    template_name = "registry/register.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.document = get_object_or_404(visible_documents(request.user), pk=kwargs["pk"])
        _require_manage(request, self.document.organization)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RegisterForm(organization=self.document.organization))
        try:  # said before the clerk fills the form: a draft or a document on approval
            lifecycle.check_registrable(self.document, actor=self.request.user)
            refusal = None
        except lifecycle.LifecycleRefused as error:
            refusal = error.message
        return super().get_context_data(document=self.document, refusal=refusal, **kwargs)

    def post(self, request, pk):
        form = RegisterForm(request.POST, organization=self.document.organization)
        if form.is_valid():
            try:
                entry = services.register_document(
                    self.document,
                    form.cleaned_data["journal"],
                    user=request.user,
                    case=form.cleaned_data["case"],
                    on_date=form.cleaned_data["date"],
                )
            except Refused as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Registered: № %(number)s of %(date)s.")
                    % {"number": entry.number, "date": entry.date.strftime("%d.%m.%Y")},
                )
                return redirect(reverse("documents:detail", args=[self.document.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class RegistryApp(Application):
    app_name = "registry"
    title = gettext_lazy("Registry")
    icon = "inventory_2"
    menu_template_name = None

    index_path = path("", RegistryIndexView.as_view(), name="index")
    create_path = path(
        "nomenclatures/new/", CreateNomenclatureView.as_view(), name="nomenclature_create"
    )
    nomenclature_path = path(
        "nomenclatures/<int:pk>/", NomenclatureView.as_view(), name="nomenclature"
    )
    add_case_path = path(
        "nomenclatures/<int:pk>/cases/new/", AddCaseView.as_view(), name="add_case"
    )
    approve_path = path(
        "nomenclatures/<int:pk>/approve/", ApproveNomenclatureView.as_view(), name="approve"
    )
    nomenclature_docx_path = path(
        "nomenclatures/<int:pk>/docx/", nomenclature_docx, name="nomenclature_docx"
    )
    case_path = path("cases/<int:pk>/", CaseView.as_view(), name="case")
    edit_case_path = path("cases/<int:pk>/edit/", EditCaseView.as_view(), name="edit_case")
    close_case_path = path("cases/<int:pk>/close/", CloseCaseView.as_view(), name="close_case")
    inventory_path = path("cases/<int:pk>/inventory/", case_inventory, name="inventory")
    journal_path = path("journals/<int:pk>/", JournalView.as_view(), name="journal")
    xlsx_path = path("journals/<int:pk>/xlsx/", journal_xlsx, name="journal_xlsx")
    reserve_path = path("journals/<int:pk>/reserve/", ReserveView.as_view(), name="reserve")
    cancel_path = path("entries/<int:pk>/cancel/", CancelEntryView.as_view(), name="cancel")
    register_path = path("register/<int:pk>/", RegisterDocumentView.as_view(), name="register")
