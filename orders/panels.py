"""What orders add to a regulation's page (documents.panels): «Подготовить изменения» for those
who draft orders, while the regulation is in force."""

from django.utils.translation import gettext as _

from documents import lifecycle, panels
from documents.models import Document

from .flows import ORDER_DRAFTERS, AmendmentFlow


def register():
    panels.register_action(_amend, order=50)


def _amend(user, document):
    if (
        document.kind != Document.Kind.REGULATION
        or document.current_version_id is None
        or document.status not in lifecycle.FINAL  # a draft is edited, a superseded one left
        or user.organization_id != document.organization_id
        or not user.roles & ORDER_DRAFTERS
    ):
        return []
    url = f"{AmendmentFlow.start.reverse('execute')}?regulation={document.pk}"
    return [panels.Action(label=_("Draft changes"), url=url, slot=panels.AMENDMENTS)]
