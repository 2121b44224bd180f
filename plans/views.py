"""Планы section: plans and their items, the items assigned to me, extension requests, the
execution report."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.urls import Application

from documents.api import DOCX_TYPE
from documents.importer import ImportRejected
from documents.models import Document

from . import selectors, services
from .forms import (
    CompleteForm,
    ExtensionDecisionForm,
    ExtensionForm,
    ImportItemsForm,
    ItemForm,
    PlanCreateForm,
)
from .models import Extension, Item, Plan
from .rendering import report_docx


def _plan(request, pk) -> Plan:
    return get_object_or_404(selectors.visible_plans(request.user), pk=pk)


def _item(request, pk) -> Item:
    item = get_object_or_404(Item.objects.select_related("plan"), pk=pk)
    _plan(request, item.plan_id)  # 404 unless the plan is visible
    return item


class PlanListView(LoginRequiredMixin, TemplateView):
    template_name = "plans/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plans = list(selectors.visible_plans(user).order_by("-starts_on", "parent_id", "pk"))
        return super().get_context_data(
            plans=_as_tree(plans),
            items=list(selectors.my_items(user)[:100]),
            extensions=list(selectors.extensions_to_decide(user)),
            may_draft=services.may_draft(user),
            today=timezone.localdate(),
            **kwargs,
        )


def _as_tree(plans) -> list[tuple[int, Plan]]:
    """Plans under their parents, as (depth, plan) rows."""
    by_parent, ids = {}, {p.pk for p in plans}
    for plan in plans:
        parent = plan.parent_id if plan.parent_id in ids else None
        by_parent.setdefault(parent, []).append(plan)
    rows = []

    def walk(parent, depth):
        for plan in by_parent.get(parent, []):
            rows.append((depth, plan))
            walk(plan.pk, depth + 1)

    walk(None, 0)
    return rows


class PlanCreateView(LoginRequiredMixin, TemplateView):
    template_name = "plans/create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.may_draft(request.user):
            raise PermissionDenied(_("Plans are drafted by methodists and heads of units."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = PlanCreateForm(user=request.user, initial={"parent": request.GET.get("parent")})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = PlanCreateForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.create_plan(
                    owner=request.user,
                    title=data["title"],
                    period=data["period"],
                    unit=data.get("unit"),
                    parent=data.get("parent"),
                )
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect(reverse("plans:detail", args=[plan.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PlanDetailView(LoginRequiredMixin, TemplateView):
    template_name = "plans/detail.html"

    def get_context_data(self, pk, **kwargs):
        user = self.request.user
        plan = _plan(self.request, pk)
        editable = services.may_edit(user, plan)
        today = timezone.localdate()
        items = list(plan.items.prefetch_related("responsible").select_related("parent_item"))
        return super().get_context_data(
            plan=plan,
            rows=[{"item": item, "state": item.state(today)} for item in items],
            children=list(selectors.visible_plans(user).filter(parent=plan)),
            editable=editable,
            item_form=kwargs.pop("item_form", None) or (ItemForm(plan=plan) if editable else None),
            import_form=kwargs.pop("import_form", None)
            or (ImportItemsForm() if editable else None),
            may_send=editable and plan.status == Plan.Status.DRAFT,
            send_url=_send_url(),
            may_draft_child=services.may_draft(user),
            **kwargs,
        )


def _send_url() -> str:
    from .flows import PlanFlow  # the flow imports the views of the engine, which load late

    return PlanFlow.start.reverse("execute")


class AddItemView(PlanDetailView):
    def post(self, request, pk):
        plan = _plan(request, pk)
        form = ItemForm(request.POST, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_item(
                    plan,
                    user=request.user,
                    number=data["number"],
                    activity=data["activity"],
                    due_text=data["due_text"],
                    due_on=data["due_on"],
                    responsible=data["responsible"],
                    result_form=data["result_form"],
                    parent_item=data.get("parent_item"),
                )
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect(reverse("plans:detail", args=[plan.pk]))
        return self.render_to_response(self.get_context_data(pk=pk, item_form=form), status=400)


class ImportItemsView(PlanDetailView):
    def post(self, request, pk):
        plan = _plan(request, pk)
        form = ImportItemsForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.import_items(
                    plan, user=request.user, name=upload.name, data=upload.read()
                )
            except ImportRejected as error:
                form.add_error("file", error.message)
            except services.PlanRefused as refusal:
                form.add_error("file", refusal.message)
            else:
                messages.success(request, _("Items added: %(n)s.") % {"n": len(report.items)})
                if report.undated:
                    messages.warning(
                        request,
                        _(
                            "No date could be read from the due of items %(items)s: they are due "
                            "at the end of the period; check them."
                        )
                        % {"items": ", ".join(i.number for i in report.undated)},
                    )
                if report.unknown_people:
                    messages.warning(
                        request,
                        _(
                            "Not found among the staff: %(names)s. Name the responsible people of "
                            "those items."
                        )
                        % {"names": ", ".join(report.unknown_people)},
                    )
                return redirect(reverse("plans:detail", args=[plan.pk]))
        return self.render_to_response(self.get_context_data(pk=pk, import_form=form), status=400)


class EditItemView(LoginRequiredMixin, TemplateView):
    template_name = "plans/item_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.item = _item(request, kwargs["pk"])
        if not services.may_edit(request.user, self.item.plan):
            raise PermissionDenied(_("Only the plan's owner edits a plan being drafted."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        item = self.item
        form = ItemForm(
            plan=item.plan,
            initial={
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
            data = form.cleaned_data
            try:
                services.update_item(
                    item,
                    user=request.user,
                    number=data["number"],
                    activity=data["activity"],
                    due_text=data["due_text"],
                    due_on=data["due_on"],
                    responsible=data["responsible"],
                    result_form=data["result_form"],
                    parent_item=data.get("parent_item"),
                )
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect(reverse("plans:detail", args=[item.plan_id]))
        return self.render_to_response(self.get_context_data(form=form, item=item), status=400)


class RemoveItemView(LoginRequiredMixin, View):
    def post(self, request, pk):
        item = _item(request, pk)
        try:
            services.remove_item(item, user=request.user)
        except services.PlanRefused as refusal:
            messages.error(request, refusal.message)
        return redirect(reverse("plans:detail", args=[item.plan_id]))


class ItemView(LoginRequiredMixin, TemplateView):
    template_name = "plans/item.html"

    def get_context_data(self, pk, **kwargs):
        user = self.request.user
        item = _item(self.request, pk)
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
            or (CompleteForm() if open_for_me else None),
            extension_form=kwargs.pop("extension_form", None)
            or (ExtensionForm() if open_for_me else None),
            decision_form=ExtensionDecisionForm() if controls else None,
            **kwargs,
        )


class CompleteItemView(ItemView):
    def post(self, request, pk):
        item = _item(request, pk)
        form = CompleteForm(request.POST, request.FILES)
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
        item = _item(request, pk)
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
        _item(request, extension.item_id)
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
    item = _item(request, pk)
    if not item.result_file:
        raise Http404
    return FileResponse(
        item.result_file.open("rb"),
        as_attachment=True,
        filename=item.result_file.name.rsplit("/", 1)[-1],
    )


class ReportView(LoginRequiredMixin, TemplateView):
    template_name = "plans/report.html"

    def get_context_data(self, pk, **kwargs):
        report = selectors.execution_report(_plan(self.request, pk))
        return super().get_context_data(report=report, chart=_chart(report), **kwargs)


def report_download(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    plan = _plan(request, pk)
    data = report_docx(selectors.execution_report(plan))
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-report.docx"'
    return response


CHART_COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#f9a825",
    "overdue": "#c62828",
    "open": "#90a4ae",
}


LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 210, 540, 28


def _chart(report) -> dict:
    """Stacked bars of items by state: the whole plan, then each responsible person; pixel
    coordinates for the template's SVG (no script needed)."""
    labels = {
        "done_on_time": _("Done on time"),
        "done_late": _("Done late"),
        "overdue": _("Overdue"),
        "open": _("Open"),
    }
    rows = [(_("The whole plan"), report["counts"], report["total"])]
    rows += [(e["person"].initials_name, e, e["total"]) for e in report["people"]]
    bars = []
    for index, (label, counts, total) in enumerate(rows):
        x, segments = float(LABEL_WIDTH), []
        for state in selectors.STATES:
            width = BAR_WIDTH * counts[state] / total if total else 0
            if width:
                segments.append(
                    {
                        "x": int(x),
                        "width": max(int(round(width)), 1),
                        "colour": CHART_COLOURS[state],
                        "count": counts[state],
                        "label": labels[state],
                    }
                )
            x += width
        bars.append({"label": label, "y": index * ROW_HEIGHT, "segments": segments})
    legend_y = len(rows) * ROW_HEIGHT + 6
    legend = [
        {"x": LABEL_WIDTH + 140 * i, "colour": CHART_COLOURS[state], "label": labels[state]}
        for i, state in enumerate(selectors.STATES)
    ]
    return {"bars": bars, "legend": legend, "legend_y": legend_y, "height": legend_y + 20}


class PlansApp(Application):
    app_name = "plans"
    title = gettext_lazy("Plans")
    icon = "event_note"
    menu_template_name = None

    index_path = path("", PlanListView.as_view(), name="index")
    create_path = path("new/", PlanCreateView.as_view(), name="create")
    detail_path = path("<int:pk>/", PlanDetailView.as_view(), name="detail")
    add_item_path = path("<int:pk>/items/new/", AddItemView.as_view(), name="add_item")
    import_path = path("<int:pk>/import/", ImportItemsView.as_view(), name="import")
    report_path = path("<int:pk>/report/", ReportView.as_view(), name="report")
    report_docx_path = path("<int:pk>/report.docx", report_download, name="report_docx")
    item_path = path("items/<int:pk>/", ItemView.as_view(), name="item")
    edit_path = path("items/<int:pk>/edit/", EditItemView.as_view(), name="edit_item")
    remove_path = path("items/<int:pk>/remove/", RemoveItemView.as_view(), name="remove_item")
    complete_path = path("items/<int:pk>/complete/", CompleteItemView.as_view(), name="complete")
    extension_path = path(
        "items/<int:pk>/extension/", RequestExtensionView.as_view(), name="extension"
    )
    result_path = path("items/<int:pk>/result/", result_file, name="result_file")
    decide_path = path(
        "extensions/<int:pk>/decide/", DecideExtensionView.as_view(), name="decide_extension"
    )
