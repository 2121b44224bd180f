"""The engine's views: the base of every process's start page, the task pages (decide, revise,
register, acknowledge) and the pages of the Задачи section: dashboard, notifications,
substitutes, the approval sheet, the routes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from common.downloads import attachment, file_name
from common.errors import Refused
from documents.downloads import DOCX_TYPE, document_label
from documents.importer import ImportRejected
from orgs.models import User

from . import dashboard, kinds, selectors, services
from .forms import (
    DecisionForm,
    RegistrationForm,
    RevisionForm,
    SubstitutionForm,
)
from .models import ApprovalStep, Notification, Substitution
from .sheet import acknowledgement_sheet_docx, approval_sheet_docx


class ProcessStartView(FormView):
    """Start a process: the form the document is generated from plus route adjustments."""

    template_name = "workflows/start.html"
    form_class = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.request.activation.flow_task.flow_class.process_title, **kwargs
        )

    def form_valid(self, form):
        activation = self.request.activation
        approval = services.submit(form, initiator=self.request.user)
        activation.process.artifact = approval
        activation.execute()
        services.link_process(approval, activation.process)
        messages.success(self.request, _("Sent for approval: %(doc)s") % {"doc": approval.document})
        return redirect(reverse("documents:detail", args=[approval.document_id]))


class StepView(FormView):
    """A task bound to an approval step; Viewflow has already checked that the user owns it."""

    template_name = "workflows/task.html"

    def dispatch(self, request, *args, **kwargs):
        self.step = services.step_of(request.activation.task)
        if not services.can_act(request.user, self.step):
            raise PermissionDenied(_("Only the assigned person can act on this task."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        approval = self.step.approval
        return super().get_context_data(
            step=self.step,
            approval=approval,
            document=approval.document,
            decisions=selectors.decisions(approval),
            heading=self.step.title,
            task_template=kinds.get(approval.kind).task_template,
            **kwargs,
        )

    def done(self):
        self.request.activation.execute()
        return HttpResponseRedirect(reverse("workflow:dashboard"))


class DecideView(StepView):
    form_class = DecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "step": self.step}

    def form_valid(self, form):
        try:
            services.decide(
                self.step,
                user=self.request.user,
                decision=form.cleaned_data["decision"],
                remarks=form.cleaned_data["remarks"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        return self.done()


class ReviseView(StepView):
    """The author's task after a return: correct the process form (the document is generated
    again from it), upload a corrected .docx, or send it back unchanged. Whatever is sent is
    the version the next round decides on, and what gets stamped if they agree. What a kind
    offers comes from its registration (workflows.kinds): `edit_form`, `accepts_upload`,
    `revise_template`."""

    template_name = "workflows/revise.html"
    form_class = RevisionForm

    @property
    def kind(self):
        return kinds.get(self.step.approval.kind)

    def edit_form(self, data=None):
        form_class = self.kind.edit_form
        if form_class is None:
            return None
        approval = self.step.approval
        return form_class(
            data,
            user=self.request.user,
            for_revision=True,
            prefix="edit",
            initial=form_class.initial_from(approval.form, approval),
        )

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.kind.accepts_upload and not self.request.FILES:
            # Corrected through its form only; a file sent anyway is refused with the reason
            # (services.revise), not dropped unseen.
            form.fields.pop("file")
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            edit_form=kwargs.pop("edit_form", None) or self.edit_form(),
            may_upload=self.kind.accepts_upload,
            revise_template=self.kind.revise_template,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("mode") != "form":
            return super().post(request, *args, **kwargs)
        edit_form = self.edit_form(request.POST)
        if edit_form is None:
            raise Http404
        comment = request.POST.get("edit-comment", "")
        if edit_form.is_valid():
            try:
                services.revise(
                    self.step, user=request.user, form=edit_form.form_data(), comment=comment
                )
            except Refused as refusal:
                edit_form.add_error(None, refusal.message)
            else:
                return self.done()
        return self.render_to_response(
            self.get_context_data(edit_form=edit_form, form=self.get_form()),
            status=400,
        )

    def form_valid(self, form):
        upload = form.cleaned_data.get("file")
        try:
            services.revise(
                self.step,
                user=self.request.user,
                name=upload.name if upload else None,
                data=upload.read() if upload else None,
                comment=form.cleaned_data["comment"],
            )
        except ImportRejected as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        return self.done()


class RegisterView(StepView):
    form_class = RegistrationForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organization": self.step.approval.document.organization,
        }

    def get_context_data(self, **kwargs):
        document = self.step.approval.document
        return super().get_context_data(
            already_registered=document.status == document.Status.REGISTERED, **kwargs
        )

    def form_valid(self, form):
        try:
            services.register_by_hand(
                self.step,
                user=self.request.user,
                journal=form.cleaned_data["journal"],
                case=form.cleaned_data["case"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        return self.done()


class AcknowledgeView(StepView):
    form_class = forms.Form

    def form_valid(self, form):
        services.acknowledge(self.step, user=self.request.user)
        return self.done()


# --- the section's own pages -----------------------------------------------------------------


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "workflows/dashboard.html"

    def get_context_data(self, **kwargs):
        cards = dashboard.cards(self.request.user)
        mine = selectors.dashboard(self.request.user)
        elsewhere = dashboard.overdue(cards)
        return super().get_context_data(
            **mine,
            overdue_count=len(mine["overdue"]) + len(elsewhere),
            overdue_elsewhere=elsewhere,
            unread=Notification.objects.filter(
                recipient=self.request.user, read_at__isnull=True
            ).count(),
            edits_routes=services.may_edit_routes(
                self.request.user, self.request.user.organization
            ),
            cards=cards,
            today=timezone.localdate(),
            **kwargs,
        )


class NotificationsView(LoginRequiredMixin, TemplateView):
    template_name = "workflows/notifications.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notifications=Notification.objects.filter(recipient=self.request.user)[:100],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        services.mark_read(request.user)
        return redirect(reverse("workflow:notifications"))


class SubstitutionsView(LoginRequiredMixin, FormView):
    template_name = "workflows/substitutions.html"
    form_class = SubstitutionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            mine=Substitution.objects.filter(person=user).select_related("substitute"),
            acting=Substitution.objects.filter(substitute=user).select_related("person"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.name_substitute(self.request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The substitute is named."))
        return redirect(reverse("workflow:substitutions"))


def approval_sheet(request, pk):
    """The approval sheet (.docx) of an approval the user may see, made from the record each
    time: the decisions (never changed once made) and the document's registration, which may
    come after the sheet stored at approval (that one stays with the approval)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    approval = get_object_or_404(selectors.visible_approvals(request.user), pk=pk)
    name = file_name(_("Approval sheet"), document_label(approval.document), extension="docx")
    return attachment(approval_sheet_docx(approval), name, DOCX_TYPE)


def acknowledgement_sheet(request, pk):
    """Лист ознакомления (.docx) of a signed order: who has acknowledged it, when, and who not
    yet — made from the record each time."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    approval = get_object_or_404(selectors.visible_approvals(request.user), pk=pk)
    name = file_name(
        _("Acknowledgement sheet"), document_label(approval.document), extension="docx"
    )
    return attachment(acknowledgement_sheet_docx(approval), name, DOCX_TYPE)


def cancel_approval(request, pk):
    if request.method != "POST" or not request.user.is_authenticated:
        raise Http404
    approval = get_object_or_404(selectors.visible_approvals(request.user), pk=pk)
    try:
        services.cancel(approval, user=request.user, reason=request.POST.get("reason", ""))
    except Refused as refusal:
        messages.error(request, refusal.message)
    return redirect(reverse("documents:detail", args=[approval.document_id]))


def reassign_step(request, pk):
    """The head or a deputy hands an open task of an approval over to somebody else."""
    if request.method != "POST" or not request.user.is_authenticated:
        raise Http404
    step = get_object_or_404(
        ApprovalStep.objects.filter(approval__in=selectors.visible_approvals(request.user)), pk=pk
    )
    assignee = request.POST.get("assignee", "")
    to = User.objects.filter(pk=assignee).first() if assignee.isdigit() else None
    try:
        if to is None:
            raise services.WorkflowRefused(_("Choose whom to hand the task over to."))
        services.reassign(step, user=request.user, to=to, reason=request.POST.get("reason", ""))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The task is handed over to %(who)s.") % {"who": to})
    return redirect(reverse("documents:detail", args=[step.approval.document_id]))
