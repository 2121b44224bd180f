"""Планы section: plans and their items, the items assigned to me, extension requests, the
execution report."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from documents.importer import ImportRejected

from . import selectors, services
from .forms import (
    ImportItemsForm,
    ItemForm,
    PlanCreateForm,
)
from .models import Item, Plan


def visible_plan(request, pk) -> Plan:
    return get_object_or_404(selectors.visible_plans(request.user), pk=pk)


def visible_item(request, pk) -> Item:
    item = get_object_or_404(Item.objects.select_related("plan"), pk=pk)
    visible_plan(request, item.plan_id)  # 404 unless the plan is visible
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
        plan = visible_plan(self.request, pk)
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
        plan = visible_plan(request, pk)
        form = ItemForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                services.add_item(plan, user=request.user, **form.item_fields())
            except services.PlanRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect(reverse("plans:detail", args=[plan.pk]))
        return self.render_to_response(self.get_context_data(pk=pk, item_form=form), status=400)


class ImportItemsView(PlanDetailView):
    def post(self, request, pk):
        plan = visible_plan(request, pk)
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
                if report.renumbered_after is not None:
                    messages.warning(
                        request,
                        _(
                            "The plan already had items numbered up to %(last)s, and the file "
                            "numbers its rows from the start: the imported items are numbered "
                            "after them, from %(first)s to %(end)s. Check the numbering."
                        )
                        % {
                            "last": report.renumbered_after,
                            "first": report.items[0].number,
                            "end": report.items[-1].number,
                        },
                    )
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
