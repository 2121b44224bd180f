"""What the search shows on a document's page (documents.panels): the bank publication (a note
and the button) and similar documents."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents import panels
from documents.models import Document

from .backends import get_backend
from .bank import can_publish


def register():
    panels.register_action(_bank, order=30)
    panels.register_panel("search/_similar.html", _similar, order=90)


def _bank(user, document):
    publication = getattr(document, "publication", None)
    shown = []
    if publication is not None and not publication.restricted:
        shown.append(
            panels.Action(
                label=str(publication.category),
                url=f"{reverse('search:index')}?category={publication.category.code}",
                slot=panels.NOTES,
                hint=_("In the bank") + ": ",
            )
        )
    publishable = document.status in (Document.Status.APPROVED, Document.Status.REGISTERED)
    if publishable and can_publish(user, document):
        label = _("Bank publication") if publication else _("Publish to the bank")
        shown.append(panels.Action(label=label, url=reverse("search:publish", args=[document.pk])))
    return shown


def _similar(user, document):
    try:
        similar = get_backend().similar(document, user=user, limit=5)
    except Exception:  # the page must open even when the search engine is down
        return None
    return {"similar": similar} if similar else None
