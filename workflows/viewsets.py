from django.urls import path
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from viewflow import viewprop
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    WorkflowArchiveListView,
    WorkflowInboxListView,
    WorkflowQueueListView,
)
from viewflow.workflow.flow.viewset import FlowViewset, WorkflowAppViewset

from . import kinds, selectors
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
    """Viewflow lists every process of a flow; ours only those the user may see."""

    def get_queryset(self):
        visible = selectors.visible_approvals(self.request.user).values("pk")
        return super().get_queryset().filter(approval__in=visible)


class VisibleTaskListView(DashboardTaskListView):
    def get_queryset(self):
        visible = selectors.visible_approvals(self.request.user).values("pk")
        return super().get_queryset().filter(process__approval__in=visible)


# Each row shows the process's brief (the document's title): fetch it with the tasks, so a page
# costs the same number of queries however many rows it has.
ROW_RELATIONS = ("process", "process__approval__document", "owner")


class TaskColumns:
    """Column headers Viewflow derives from attribute names ("Brief"), given their words."""

    def brief(self, task):
        return task.brief

    brief.short_description = _("Description")

    def process_brief(self, task):
        return super().process_brief(task)

    process_brief.short_description = _("Document")

    def created(self, task):
        return timesince(task.created)

    created.short_description = _("Assigned")


class InboxView(TaskColumns, WorkflowInboxListView):
    @viewprop
    def queryset(self):
        return super().queryset.select_related(*ROW_RELATIONS)


class QueueView(TaskColumns, WorkflowQueueListView):
    @viewprop
    def queryset(self):
        return super().queryset.select_related(*ROW_RELATIONS)


class ArchiveView(TaskColumns, WorkflowArchiveListView):
    @viewprop
    def queryset(self):
        return super().queryset.select_related(*ROW_RELATIONS)


class ProcessViewset(FlowViewset):
    process_list_view_class = VisibleProcessListView
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
