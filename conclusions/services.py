"""What the conclusion's process does after registration: publication to the bank."""

from django.utils import timezone
from django.utils.translation import gettext as _

from search.bank import publish as bank_publish
from search.models import BankCategory
from workflows.models import AuditEntry
from workflows.services import record


def publish(approval) -> bool:
    """Publish an approved conclusion to the information bank unless it is marked restricted."""
    form = approval.form
    if form.get("restricted"):
        record(approval, AuditEntry.Action.PUBLISH, details=_("Restricted: not published."))
        return False
    category = BankCategory.objects.filter(
        code=form.get("category") or "methodical"
    ).first() or BankCategory.objects.get(code="other")
    bank_publish(
        approval.document,
        category=category,
        by=approval.initiator,
        subject=form.get("subject", ""),
        level=form.get("level", ""),
        material_type=_("expert conclusion"),
        author_name=approval.initiator.get_full_name(),
        year=timezone.localdate().year,
    )
    record(approval, AuditEntry.Action.PUBLISH, details=str(category))
    return True
