"""The Поручения section of the application frame."""

from django.urls import path
from django.utils.translation import gettext_lazy
from viewflow.urls import Application

from . import views


class ControlApp(Application):
    app_name = "control"
    title = gettext_lazy("Assignments")
    icon = "assignment_turned_in"
    menu_template_name = None

    index_path = path("", views.ListView.as_view(), name="index")
    assignment_path = path("<int:pk>/", views.AssignmentView.as_view(), name="assignment")
    report_path = path("<int:pk>/report/", views.ReportView.as_view(), name="report")
    delegate_path = path("<int:pk>/delegate/", views.DelegateView.as_view(), name="delegate")
    extension_path = path("<int:pk>/extension/", views.ExtensionView.as_view(), name="extension")
    accept_path = path("<int:pk>/accept/", views.AcceptView.as_view(), name="accept")
    return_path = path("<int:pk>/return/", views.ReturnView.as_view(), name="send_back")
    result_path = path("<int:pk>/result/", views.result_file, name="result_file")
    decide_path = path(
        "extensions/<int:pk>/decide/", views.DecideExtensionView.as_view(), name="decide"
    )
    resolution_path = path(
        "documents/<int:pk>/resolution/", views.ResolutionView.as_view(), name="resolution"
    )
    discipline_path = path("discipline/", views.DisciplineView.as_view(), name="discipline")
    discipline_file_path = path(
        "discipline.<str:fmt>", views.discipline_download, name="discipline_file"
    )
