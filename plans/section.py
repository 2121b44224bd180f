"""The Планы section of the application frame."""

from django.urls import path
from django.utils.translation import gettext_lazy
from viewflow.urls import Application

from .item_views import (
    CompleteItemView,
    DecideExtensionView,
    EditItemView,
    ItemView,
    RemoveItemView,
    RequestExtensionView,
    result_file,
)
from .report_views import ReportView, report_download
from .views import AddItemView, ImportItemsView, PlanCreateView, PlanDetailView, PlanListView


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
