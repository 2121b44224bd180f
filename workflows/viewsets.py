from django.utils.translation import gettext_lazy as _
from viewflow.workflow.flow.viewset import WorkflowAppViewset


class TasksApp(WorkflowAppViewset):
    """One inbox, queue and archive for every approval process.

    Viewflow shows the section only to users who may view one of its flows; every member of
    staff has an inbox (it lists only their own tasks), so the section is open to all of them.
    """

    title = _("Tasks")
    icon = "assignment"

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated
