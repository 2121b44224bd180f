"""What correspondence adds to a document's page (documents.panels): the letter's card
(correspondent, numbers, how it came or went) with a link to it, and «Ответить»."""

from django.utils.translation import gettext as _

from documents import panels

from .models import Letter


def register():
    panels.register_panel("correspondence/_document_panel.html", _card, order=4)


def _card(user, document):
    letter = Letter.objects.filter(document=document).select_related(
        "partner_organization", "correspondent", "in_reply_to__document"
    ).first()
    if letter is None:
        return None
    return {"letter": letter, "title": _("Incoming document") if letter.direction == "incoming"
            else _("Outgoing letter")}
