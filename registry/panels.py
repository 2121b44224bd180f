"""What the registry shows on a document's page (documents.panels): «Зарегистрировать» for the
clerk or the head, when the lifecycle lets the document be registered."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents import lifecycle, panels
from documents.models import Document

from .permissions import can_manage


def register():
    panels.register_action(_register, order=10)


def _register(user, document):
    if document.status == Document.Status.REGISTERED or not can_manage(user, document.organization):
        return []
    try:
        lifecycle.check_registrable(document, actor=user)
    except lifecycle.LifecycleRefused:
        return []
    return [
        panels.Action(label=_("Register"), url=reverse("registry:register", args=[document.pk]))
    ]
