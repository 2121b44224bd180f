"""The archive's card on a task page of its processes (workflows.kinds.task_template)."""

from django import template
from django.urls import reverse

from .. import selectors, services
from ..forms import ProtocolForm
from ..models import Inventory

register = template.Library()


@register.simple_tag
def archive_task_card(approval, user):
    record = services.record_of(approval.document)
    if record is None:
        return None
    member = selectors.is_commission_member(user, record.organization)
    editable = member and record.status == record.Status.ON_APPROVAL
    name = "archive:inventory_protocol" if isinstance(record, Inventory) else "archive:act_protocol"
    return {
        "record": record,
        "form": ProtocolForm(initial={"number": record.number, "date": record.date})
        if editable
        else None,
        "action": reverse(name, args=[record.pk]),
    }
