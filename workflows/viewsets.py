from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from viewflow import viewprop
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    FlowChartView,
    WorkflowArchiveListView,
    WorkflowInboxListView,
    WorkflowQueueListView,
)
from viewflow.workflow.flow.views.filters import (
    DashboardTaskListViewFilter,
    FlowArchiveListFilter,
    FlowUserTaskListFilter,
)
from viewflow.workflow.flow.viewset import FlowViewset, WorkflowAppViewset

from orgs.tokens import ApiTokensView

from . import dashboard, kinds, selectors
from .route_views import RouteEditView, RoutesView
from .views import (
    DashboardView,
    NotificationsView,
    SubstitutionsView,
    acknowledgement_sheet,
    approval_sheet,
    cancel_approval,
    reassign_step,
)


class VisibleProcessListView(DashboardProcessListView):
    """Viewflow lists every process of a flow; ours only those the user may see, with the
    columns named (Viewflow derives «Process id», «Brief» from attribute names) and the whole
    title of the document."""

    title = _("Processes")
    columns = ("process_id", "brief", "status", "created", "finished", "active_tasks")

    def get_queryset(self):
        visible = selectors.visible_approvals(self.request.user).values("pk")
        return (
            super()
            .get_queryset()
            .filter(approval__in=visible)
            .select_related("approval__document")
            .order_by("-created", "-pk")
        )

    def process_id(self, process):
        return super().process_id(process)

    process_id.short_description = _("#")

    def brief(self, process):
        return process.approval.document.title

    brief.short_description = _("Document")

    def status(self, process):
        return process.approval.get_status_display()

    status.short_description = _("Status")

    def active_tasks(self, process):
        return process.active_tasks_count

    active_tasks.short_description = _("Open tasks")


class TaskChoices:
    """Viewflow's task filters offer the nodes by their code names («Экспертное
    заключение/Decide»): ours by their titles («Экспертное заключение: Согласование или
    утверждение»)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tasks = self.queryset.order_by("flow_task").values_list("flow_task", flat=True)
        self.filters["flow_task"].field.choices = [
            (get_task_ref(node), f"{node.flow_class.process_title}: {node.task_title}")
            for node in tasks.distinct()
        ]


class UserTaskFilter(TaskChoices, FlowUserTaskListFilter):
    pass


class ArchiveFilter(TaskChoices, FlowArchiveListFilter):
    pass


class ProcessTaskFilter(TaskChoices, DashboardTaskListViewFilter):
    pass


class VisibleTaskListView(DashboardTaskListView):
    """A flow's tasks: the people's (a gateway's is nobody's), named as in the inbox."""

    filterset_class = ProcessTaskFilter

    def get_queryset(self):
        visible = selectors.visible_approvals(self.request.user).values("pk")
        return (
            super()
            .get_queryset()
            .filter(process__approval__in=visible, step__isnull=False)
            .select_related(*ROW_RELATIONS)
        )

    def flow_task(self, task):
        return _step(task).title

    flow_task.short_description = _("Task")

    def process_summary(self, task):
        return task.process.approval.document.title

    process_summary.short_description = _("Document")


# Each row shows the document's full title, the step as it is called (workflows.naming) and
# its due date: fetch them with the tasks, so a page costs the same number of queries however
# many rows it has.
ROW_RELATIONS = ("process", "process__approval__document", "owner", "step__approval__document")


class TaskColumns:
    """The columns of the inbox, queue and archive. Viewflow's own show the node's title
    («Согласование или утверждение») twice and the process's brief, cut to the column: ours
    name the step (the head's «Утверждение», «Подписание»), the whole title and the due date."""

    columns = ("task_id", "flow_task", "process_brief", "due", "created")
    # Tasks of approvals are assigned to named people: nothing to assign or unassign in bulk.
    bulk_actions = ()

    def flow_task(self, task):
        step = _step(task)
        return step.title if step is not None else task.title

    flow_task.short_description = _("Task")

    def process_brief(self, task):
        return super().process_brief(task)

    process_brief.short_description = _("Document")

    def due(self, task):
        step = _step(task)
        if step is None or step.due_at is None:
            return ""
        text = date_format(timezone.localtime(step.due_at), "d.m.Y H:i")
        if step.is_overdue:
            return format_html("{} <b>{}</b>", text, _("overdue"))
        return text

    due.short_description = pgettext_lazy("task", "Due")

    def created(self, task):
        return timesince(task.created)

    created.short_description = _("Assigned")


def _step(task):
    try:
        return task.step
    except ObjectDoesNotExist:
        return None


class InboxView(TaskColumns, WorkflowInboxListView):
    filterset_class = UserTaskFilter

    def get_context_data(self, **kwargs):
        # What else waits for the person — поручения, plan items — stands above their tasks:
        # the dashboard's cards (workflows.dashboard), the inbox being where people look.
        # Only the cards with something in them (each card's template shows nothing otherwise).
        cards = [
            card
            for card in dashboard.cards(self.request.user)
            if any(value for key, value in card["context"].items() if key not in ("today",))
        ]
        return super().get_context_data(inbox_cards=cards, **kwargs)

    def flow_task(self, task):
        # The step's name opens the task (the title opens the process, «#3/18» is not read).
        title, step = super().flow_task(task), _step(task)
        url = step.task_url if step is not None else ""
        return format_html('<a href="{}">{}</a>', url, title) if url else title

    flow_task.short_description = _("Task")

    @viewprop
    def queryset(self):
        return super().queryset.select_related(*ROW_RELATIONS)


class QueueView(TaskColumns, WorkflowQueueListView):
    filterset_class = UserTaskFilter

    @viewprop
    def queryset(self):
        return super().queryset.select_related(*ROW_RELATIONS)


class ArchiveView(TaskColumns, WorkflowArchiveListView):
    filterset_class = ArchiveFilter
    columns = ("task_id", "flow_task", "process_brief", "created", "finished")

    @viewprop
    def queryset(self):
        return super().queryset.select_related(*ROW_RELATIONS)


class VisibleChartView(FlowChartView):
    """A process's chart shows where that process stands: it is checked as the process page
    is (the flow's object-level has_view_permission), not only the flow's chart."""

    def dispatch(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None:
            processes = self.flow_class.process_class._default_manager.filter(
                flow_class=self.flow_class
            )
            process = get_object_or_404(processes, pk=process_pk)
            if not self.flow_class.instance.has_view_permission(request.user, obj=process):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProcessViewset(FlowViewset):
    process_list_view_class = VisibleProcessListView
    chart_view_class = VisibleChartView
    task_list_view_class = VisibleTaskListView


class TasksApp(WorkflowAppViewset):
    """One inbox, queue and archive for every approval process, plus the dashboard,
    notifications and substitutes.

    Viewflow shows the section only to users who may view one of its flows; every member of
    staff has an inbox (it lists only their own tasks), so the section is open to all of them.
    """

    title = _("Tasks")
    icon = "assignment"

    def __init__(self, **kwargs):
        super().__init__(
            # Every registered process (workflows.kinds), in the order the apps registered.
            flow_viewsets=[ProcessViewset(k.flow, icon=k.icon) for k in kinds.all_kinds()],
            **kwargs,
        )

    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated

    dashboard_path = path("dashboard/", DashboardView.as_view(), name="dashboard")
    notifications_path = path("notifications/", NotificationsView.as_view(), name="notifications")
    substitutions_path = path("substitutions/", SubstitutionsView.as_view(), name="substitutions")
    sheet_path = path("approvals/<int:pk>/sheet/", approval_sheet, name="approval_sheet")
    acknowledgement_sheet_path = path(
        "approvals/<int:pk>/acknowledgements/",
        acknowledgement_sheet,
        name="acknowledgement_sheet",
    )
    cancel_path = path("approvals/<int:pk>/cancel/", cancel_approval, name="approval_cancel")
    routes_path = path("routes/", RoutesView.as_view(), name="routes")
    route_edit_path = path("routes/<str:process>/", RouteEditView.as_view(), name="route_edit")
    reassign_path = path("steps/<int:pk>/reassign/", reassign_step, name="step_reassign")
    # The person's own API tokens: issued and revoked here (orgs.tokens).
    tokens_path = path("tokens/", ApiTokensView.as_view(), name="api_tokens")
