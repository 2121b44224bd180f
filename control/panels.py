"""What control of execution adds to a document's page (documents.panels): «Резолюция» for
the head and deputies, and the card of the document's поручения."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import panels

from . import selectors, services, sources


def register():
    panels.register_action(_resolution, order=40)
    panels.register_panel("control/_document_panel.html", _assignments, order=8)


def _resolution(user, document):
    if document.current_version_id is None or not services.may_resolve(user, document):
        return []
    return [
        panels.Action(
            _("Resolution"),
            reverse("control:resolution", args=[document.pk]),
            hint=_("Assign executors and a deadline, on control."),
        )
    ]


def _assignments(user, document):
    rows = list(
        selectors.visible_assignments(user).filter(document=document).order_by("created_at", "pk")
    )
    if not rows:
        return None
    today = timezone.localdate()
    for row in rows:
        row.url, row.current_state = sources.url_of(row), row.state(today)
    return {"assignments": rows}
