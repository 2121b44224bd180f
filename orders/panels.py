"""What orders add to a document's page (documents.panels): «Подготовить изменения» on a
regulation for those who draft orders, while it is in force; on a signed order, the list of who
has acknowledged it and when, and who has not yet."""

from django.utils.translation import gettext as _

from documents import lifecycle, panels
from documents.models import Document
from workflows.selectors import acknowledgements

from .flows import ORDER_DRAFTERS, AmendmentFlow


def register():
    panels.register_action(_amend, order=50)
    panels.register_panel("orders/_acknowledgements.html", _acknowledgements, order=5)


def _acknowledgements(user, document):
    if document.kind != Document.Kind.ORDER:
        return None
    steps = acknowledgements(user, document)
    if not steps:
        return None
    done = [step for step in steps if step.decided_at is not None]
    return {
        "steps": steps,
        "done": len(done),
        "waiting": len(steps) - len(done),
        "approval": steps[-1].approval,
    }


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
