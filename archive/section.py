"""The Архив section of the application frame."""

from django.urls import path
from django.utils.translation import gettext_lazy
from viewflow.urls import Application

from . import views


class ArchiveApp(Application):
    app_name = "archive"
    title = gettext_lazy("Archive")
    icon = "inventory_2"
    menu_template_name = None

    index_path = path("", views.ArchiveView.as_view(), name="index")
    commission_path = path("commission/", views.CommissionView.as_view(), name="commission")
    inventory_path = path("inventories/<int:pk>/", views.InventoryView.as_view(), name="inventory")
    inventory_protocol_path = path(
        "inventories/<int:pk>/protocol/", views.inventory_protocol, name="inventory_protocol"
    )
    act_path = path("acts/<int:pk>/", views.ActView.as_view(), name="act")
    act_protocol_path = path("acts/<int:pk>/protocol/", views.act_protocol, name="act_protocol")
    act_destroy_path = path("acts/<int:pk>/destroy/", views.act_destroy, name="act_destroy")
    review_path = path("cases/<int:pk>/review/", views.ReviewView.as_view(), name="review")
    transfer_new_path = path("transfers/new/", views.TransferNewView.as_view(), name="transfer_new")
    transfer_path = path("transfers/<int:pk>/", views.TransferView.as_view(), name="transfer")
    transfer_file_path = path(
        "transfers/<int:pk>/act.docx", views.transfer_file, name="transfer_file"
    )
