"""What the archive adds to a document's page (documents.panels): an inventory's or an
act's card with a link to its record, and the card of a document destroyed by an act (the
act, and every removed file's name, size and SHA-256)."""

from django.utils.translation import gettext as _

from documents import panels

from . import services


def register():
    panels.register_panel("archive/_document_panel.html", _card, order=5)


def _card(user, document):
    record = services.record_of(document)
    destruction = getattr(document, "destruction", None) if document.status == "destroyed" else None
    if record is None and destruction is None:
        return None
    return {
        "record": record,
        "destruction": destruction,
        "title": _("Destroyed by an act") if destruction else _("Archive"),
    }
