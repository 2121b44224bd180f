"""The pages of control of execution: the lists of поручения, an assignment with its actions,
a resolution on a document, the discipline report (page, .xlsx, .docx)."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.downloads import attachment, file_name, stored_file
from documents.selectors import visible_documents

from . import reports, selectors, services, sources
from .forms import (
    DelegateForm,
    ExtensionDecisionForm,
    ExtensionForm,
    PeriodForm,
    ReportForm,
    ResolutionForm,
    ReturnForm,
)
from .models import Assignment, Extension

S = Assignment.Status


def visible_assignment(request, pk) -> Assignment:
    """The assignment, or 404 for one the user may not see (no hint it exists)."""
    return get_object_or_404(selectors.visible_assignments(request.user), pk=pk)


class ListView(LoginRequiredMixin, TemplateView):
    template_name = "control/index.html"
    # Rows a page: a head oversees tens of thousands (the earlier version showed the first 200
    # and no way to the rest).
    PAGE = 50
    TABS = (
        ("mine", gettext_lazy("I execute")),
        ("control", gettext_lazy("On my control")),
        ("all", gettext_lazy("All of the organisation")),
    )

    def get_context_data(self, **kwargs):
        user = self.request.user
        which = self.request.GET.get("which", "mine")
        if which not in dict(self.TABS):
            which = "mine"
        state = self.request.GET.get("state", "")
        try:
            page = min(max(int(self.request.GET.get("page") or 1), 1), 10_000)
        except ValueError:
            page = 1
        today = timezone.localdate()
        start = (page - 1) * self.PAGE
        # One row more than a page: whether there is a next page, without counting them all.
        rows = list(
            selectors.listing(user, which=which, state=state, today=today)[
                start : start + self.PAGE + 1
            ]
        )
        more, rows = len(rows) > self.PAGE, rows[: self.PAGE]
        for row in rows:
            row.url = sources.url_of(row)
            row.current_state = row.state(today)
        return super().get_context_data(
            tabs=[(key, str(label)) for key, label in self.TABS
                  if key != "all" or selectors.overseen_by(user) != []],
            which=which,
            state=state,
            assignments=rows,
            previous_page=page - 1 if page > 1 else None,
            next_page=page + 1 if more else None,
            today=today,
            **kwargs,
        )


class AssignmentView(LoginRequiredMixin, TemplateView):
    template_name = "control/assignment.html"

    def get_context_data(self, pk, **kwargs):
        user = self.request.user
        assignment = visible_assignment(self.request, pk)
        here = sources.controlled_here(assignment)
        executes = here and assignment.status == S.OPEN and services.may_execute(user, assignment)
        controls = services.may_control(user, assignment)
        return super().get_context_data(
            assignment=assignment,
            state=assignment.state(timezone.localdate()),
            source_url=None if here else sources.url_of(assignment),
            delegated=list(assignment.delegated.select_related("executor")),
            extensions=list(assignment.extensions.select_related("requested_by", "decided_by")),
            report_form=kwargs.pop("report_form", None)
            or (ReportForm(user=user) if executes else None),
            delegate_form=kwargs.pop("delegate_form", None)
            or (DelegateForm(organization_id=assignment.organization_id) if executes else None),
            extension_form=kwargs.pop("extension_form", None)
            or (ExtensionForm() if executes else None),
            decides=controls and assignment.status == S.REPORTED,
            return_form=kwargs.pop("return_form", None) or ReturnForm(),
            decision_form=ExtensionDecisionForm() if controls else None,
            **kwargs,
        )


class _Action(AssignmentView):
    """A POST on an assignment's page: the form, the service, back to the page."""

    form_name = ""
    success = ""

    def form(self, assignment):
        raise NotImplementedError

    def act(self, assignment, form):
        raise NotImplementedError

    def post(self, request, pk):
        assignment = visible_assignment(request, pk)
        form = self.form(assignment)
        if form.is_valid():
            try:
                self.act(assignment, form)
            except services.ControlRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, self.success)
                return redirect(reverse("control:assignment", args=[pk]))
        context = self.get_context_data(pk=pk, **{self.form_name: form})
        return self.render_to_response(context, status=400)


class ReportView(_Action):
    form_name = "report_form"
    success = _("The report is sent to the controller.")

    def form(self, assignment):
        return ReportForm(self.request.POST, self.request.FILES, user=self.request.user)

    def act(self, assignment, form):
        data, upload = form.cleaned_data, form.cleaned_data.get("file")
        services.report(
            assignment,
            user=self.request.user,
            text=data["text"],
            result_document=data.get("document"),
            file_name=upload.name if upload else None,
            file_data=upload.read() if upload else None,
        )


class DelegateView(_Action):
    form_name = "delegate_form"
    success = _("The part is delegated.")

    def form(self, assignment):
        return DelegateForm(self.request.POST, organization_id=assignment.organization_id)

    def act(self, assignment, form):
        services.delegate(assignment, user=self.request.user, **form.cleaned_data)


class ExtensionView(_Action):
    form_name = "extension_form"
    success = _("The request is sent to the controller.")

    def form(self, assignment):
        return ExtensionForm(self.request.POST)

    def act(self, assignment, form):
        services.request_extension(assignment, user=self.request.user, **form.cleaned_data)


class ReturnView(_Action):
    form_name = "return_form"
    success = _("The assignment is returned to the executor.")

    def form(self, assignment):
        return ReturnForm(self.request.POST)

    def act(self, assignment, form):
        services.send_back(assignment, user=self.request.user, **form.cleaned_data)


class AcceptView(LoginRequiredMixin, View):
    def post(self, request, pk):
        assignment = visible_assignment(request, pk)
        try:
            services.accept(assignment, user=request.user)
        except services.ControlRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The assignment is taken off control."))
        return redirect(reverse("control:assignment", args=[pk]))


class DecideExtensionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        extension = get_object_or_404(Extension, pk=pk)
        visible_assignment(request, extension.assignment_id)
        form = ExtensionDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a decision."))
        else:
            try:
                services.decide_extension(
                    extension,
                    user=request.user,
                    approve=form.cleaned_data["decision"] == Extension.Status.APPROVED,
                    remarks=form.cleaned_data["remarks"],
                )
            except services.ControlRefused as refusal:
                messages.error(request, refusal.message)
        return redirect(reverse("control:assignment", args=[extension.assignment_id]))


def result_file(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    assignment = visible_assignment(request, pk)
    if not assignment.result_file:
        raise Http404
    return stored_file(assignment.result_file, _("Assignment result"), assignment.text[:60])


class ResolutionView(LoginRequiredMixin, TemplateView):
    """«Резолюция» on a document of the organisation, by its head or a deputy."""

    template_name = "control/resolution.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.document = get_object_or_404(visible_documents(request.user), pk=kwargs["pk"])
        if not services.may_resolve(request.user, self.document):
            raise PermissionDenied(_("Only the head or a deputy writes resolutions."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ResolutionForm(organization=self.document.organization))
        return super().get_context_data(document=self.document, **kwargs)

    def post(self, request, pk):
        form = ResolutionForm(request.POST, organization=self.document.organization)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.write_resolution(
                    document=self.document,
                    author=request.user,
                    text=data["text"],
                    executor=data["executor"],
                    co_executors=list(data.get("co_executors") or []),
                    controller=data.get("controller"),
                    deadline=data.get("deadline"),
                    working_days=data.get("working_days"),
                )
            except services.ControlRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The resolution is written; the executors have it."))
                return redirect(self.document.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _period(request) -> tuple[PeriodForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    initial = {"start": today.replace(month=1, day=1), "end": today.replace(month=12, day=31)}
    form = PeriodForm(request.GET or None, initial=initial)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, initial["start"], initial["end"]


class DisciplineView(LoginRequiredMixin, TemplateView):
    template_name = "control/discipline.html"

    def get_context_data(self, **kwargs):
        form, start, end = _period(self.request)
        report = selectors.discipline(self.request.user, start=start, end=end)
        return super().get_context_data(
            form=form,
            report=report,
            chart=reports.chart(report),
            query=self.request.GET.urlencode(),
            **kwargs,
        )


def discipline_download(request, fmt):
    if fmt not in ("xlsx", "docx"):
        raise Http404
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    _form, start, end = _period(request)
    report = selectors.discipline(request.user, start=start, end=end)
    title = _("Execution discipline")
    period = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    if fmt == "xlsx":
        data, content_type = reports.discipline_xlsx(report), reports.XLSX_TYPE
    else:
        data, content_type = reports.discipline_docx(report, compiler=request.user), reports.DOCX
    return attachment(data, file_name(title, period, extension=fmt), content_type)


def dashboard_card(user) -> dict:
    """«Мои поручения» on the dashboard and which are overdue."""
    today = timezone.localdate()
    # A plan's items have their own card («Мои пункты планов»): not twice.
    rows = list(
        selectors.listing(user, which="mine", today=today).exclude(
            source__in=sources.self_controlled()
        )[:20]
    )
    return {
        "assignments": [(row, sources.url_of(row)) for row in rows],
        "overdue": [
            {"title": row.text[:200], "due": row.deadline, "url": sources.url_of(row)}
            for row in rows
            if row.status == S.OPEN and row.deadline < today
        ],
    }
