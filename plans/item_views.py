"""The pages of a plan's items: edit, remove, the item itself, completion, extensions, the
result file."""


from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from common.downloads import stored_file
from documents.models import Document

from . import services
from .forms import (
    CompleteForm,
    ExtensionDecisionForm,
    ExtensionForm,
    ItemForm,
)
from .models import Extension, Plan
from .views import visible_item


class EditItemView(LoginRequiredMixin, TemplateView):
    template_name = "plans/item_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.item = visible_item(request, kwargs["pk"])
        if not services.may_edit(request.user, self.item.plan):
            raise PermissionDenied(_("Only the plan's owner edits a plan being drafted."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        item = self.item
        form = ItemForm(
            plan=item.plan,
            initial={
                "section": item.section,
                "number": item.number,
                "activity": item.activity,
                "due_text": item.due_text,
                "due_on": item.due_on,
                "responsible": list(item.responsible.all()),
                "result_form": item.result_form,
                "parent_item": item.parent_item_id,
            },
        )
        return self.render_to_response(self.get_context_data(form=form, item=item))

    def post(self, request, *args, **kwargs):
        item = self.item
        form = ItemForm(request.POST, plan=item.plan)
        if form.is_valid():
            try:
                services.update_item(item, user=request.user, **form.item_fields())
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect(reverse("plans:detail", args=[item.plan_id]))
        return self.render_to_response(self.get_context_data(form=form, item=item), status=400)


class RemoveItemView(LoginRequiredMixin, View):
    def post(self, request, pk):
        item = visible_item(request, pk)
        try:
            services.remove_item(item, user=request.user)
        except services.PlanRefused as refusal:
            messages.error(request, refusal.message)
        return redirect(reverse("plans:detail", args=[item.plan_id]))


class ItemView(LoginRequiredMixin, TemplateView):
    template_name = "plans/item.html"

    def get_context_data(self, pk, **kwargs):
        user = self.request.user
        item = visible_item(self.request, pk)
        plan = item.plan
        open_for_me = (
            plan.status == Plan.Status.APPROVED
            and item.completed_at is None
            and services.is_responsible(user, item)
        )
        controls = services.may_control(user, plan)
        return super().get_context_data(
            item=item,
            plan=plan,
            state=item.state(timezone.localdate()),
            extensions=list(item.extensions.select_related("requested_by", "decided_by")),
            complete_form=kwargs.pop("complete_form", None)
            or (CompleteForm(user=self.request.user) if open_for_me else None),
            extension_form=kwargs.pop("extension_form", None)
            or (ExtensionForm() if open_for_me else None),
            decision_form=ExtensionDecisionForm() if controls else None,
            **kwargs,
        )


class CompleteItemView(ItemView):
    def post(self, request, pk):
        item = visible_item(request, pk)
        form = CompleteForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("file")
            document = None
            if data["document"] is not None:
                document = Document.objects.filter(pk=data["document"]).first()
            try:
                if data["document"] is not None and document is None:
                    raise services.PlanRefused(_("No such document."))
                services.complete_item(
                    item,
                    user=request.user,
                    report=data["report"],
                    result_document=document,
                    file_name=upload.name if upload else None,
                    file_data=upload.read() if upload else None,
                )
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The item is reported done."))
                return redirect(reverse("plans:item", args=[item.pk]))
        return self.render_to_response(self.get_context_data(pk=pk, complete_form=form), status=400)


class RequestExtensionView(ItemView):
    def post(self, request, pk):
        item = visible_item(request, pk)
        form = ExtensionForm(request.POST)
        if form.is_valid():
            try:
                services.request_extension(item, user=request.user, **form.cleaned_data)
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The request is sent to the plan's owner."))
                return redirect(reverse("plans:item", args=[item.pk]))
        return self.render_to_response(
            self.get_context_data(pk=pk, extension_form=form), status=400
        )


class DecideExtensionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        extension = get_object_or_404(Extension.objects.select_related("item"), pk=pk)
        visible_item(request, extension.item_id)
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
            except services.PlanRefused as refusal:
                messages.error(request, refusal.message)
        return redirect(reverse("plans:item", args=[extension.item_id]))


def result_file(request, pk):
    """The file attached as an item's result, to those who see the plan."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    item = visible_item(request, pk)
    if not item.result_file:
        raise Http404
    label = _("Result of item %(number)s") % {"number": item.number} if item.number else ""
    return stored_file(item.result_file, label or _("Item result"), item.plan.title)

