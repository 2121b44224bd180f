"""The Переписка section of the application frame."""

from django.urls import path
from django.utils.translation import gettext_lazy
from viewflow.urls import Application

from . import views


class CorrespondenceApp(Application):
    app_name = "correspondence"
    title = gettext_lazy("Correspondence")
    icon = "mail"
    menu_template_name = None

    index_path = path("", views.LettersView.as_view(), name="index")
    register_path = path(
        "incoming/new/", views.RegisterIncomingView.as_view(), name="register"
    )
    letter_path = path("<int:pk>/", views.LetterView.as_view(), name="letter")
    arrived_path = path(
        "<int:pk>/register/", views.RegisterArrivedView.as_view(), name="register_arrived"
    )
    send_path = path("<int:pk>/send/", views.SendView.as_view(), name="send")
    sent_file_path = path("<int:pk>/file/", views.sent_file, name="sent_file")
    attachment_path = path(
        "attachments/<int:pk>/", views.attachment_file, name="attachment"
    )
