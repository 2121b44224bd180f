"""What the document approval adds to a draft's page (documents.panels): «Отправить на
согласование» for those who edit the draft, when it is a .docx the stamp can go on."""

from django.utils.translation import gettext as _

from documents import panels
from documents.models import Document
from documents.permissions import can_add_version

from .flows import DocumentFlow


def register():
    panels.register_action(_send, order=20)


def _send(user, document):
    version = document.current_version
    if (
        document.status != Document.Status.DRAFT
        or version is None
        or not version.original_name.lower().endswith(".docx")
        or not can_add_version(user, document)
    ):
        return []
    url = f"{DocumentFlow.start.reverse('execute')}?document={document.pk}"
    return [panels.Action(label=_("Send for approval"), url=url)]
