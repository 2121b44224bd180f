"""Amendments to regulations: drafted against a revision, applied as a new revision on the
amending order's effective date. The only way an approved regulation's text changes."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import amendments
from ..importer import extract
from ..lifecycle import FINAL
from ..models import Amendment, Document
from ..rendering import render_revision
from ..requisites import requisites_of
from ..selectors import document_outline
from ..storage import rows_of, store_version

# What a consolidated revision does not inherit from the version it is built on: it is a new
# rendering by the system, not the agreed file with requisites, nor a generated form.
NOT_INHERITED = ("requisites", "base_version", "generator", "form")


def draft_amendment(regulation, operations, *, author=None, effective_date=None) -> Amendment:
    """Changes to a regulation in force, checked against its current revision
    (AmendmentInvalid lists every problem; nothing is stored then)."""
    if regulation.kind != Document.Kind.REGULATION or regulation.current_version is None:
        raise amendments.AmendmentInvalid([_("Only a regulation with a text can be amended.")])
    if regulation.status not in FINAL:
        raise amendments.AmendmentInvalid(
            [_("Only an approved regulation is amended; a draft is edited as a draft.")]
        )
    operations = [amendments.normalise(op) for op in operations]
    errors = amendments.check(document_outline(regulation.current_version), operations)
    if errors:
        raise amendments.AmendmentInvalid(errors)
    return Amendment.objects.create(
        regulation=regulation,
        base_version=regulation.current_version,
        operations=operations,
        effective_date=effective_date,
        author=author,
    )


@transaction.atomic
def apply_amendment(amendment, *, today=None) -> Amendment:
    """Apply a signed amendment: a new revision of the regulation with the header of amending
    orders and a note on every changed clause. When another amendment changed the regulation
    since this one was drafted, the operations are checked again against the newer revision;
    a clause both touched, or an operation that no longer applies, is a conflict: nothing is
    applied and the conflict is recorded."""
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != Amendment.Status.SIGNED:
        return amendment
    regulation = Document.objects.select_for_update().get(pk=amendment.regulation_id)
    current = regulation.current_version
    outline = document_outline(current)
    problems = []
    if current.pk != amendment.base_version_id:
        problems = amendments.conflicts(
            document_outline(amendment.base_version), outline, amendment.operations
        )
    problems += amendments.check(outline, amendment.operations)
    if problems:
        amendment.status = Amendment.Status.CONFLICT
        amendment.conflict = "\n".join(dict.fromkeys(problems))
        amendment.save(update_fields=["status", "conflict"])
        return amendment

    order = amendment.order
    order_date = order.date or (today or timezone.localdate())
    new_outline = amendments.consolidate(
        outline, amendment.operations, date=order_date, number=order.number
    )
    orders = list(current.structure.get("amending_orders") or [])
    orders.append({"date": order_date.isoformat(), "number": order.number, "document": order.pk})
    header = amendments.revision_header(
        [{"date": datetime.date.fromisoformat(o["date"]), "number": o["number"]} for o in orders]
    )
    stamp = (requisites_of(current) or {}).get("approval") or current.structure.get("approval")
    structure = {
        **{k: v for k, v in current.structure.items() if k not in NOT_INHERITED},
        "approval": stamp,
        "amending_orders": orders,
        "revision_header": header,
    }
    _sections, plan_items = rows_of(current)
    data = render_revision(
        regulation,
        structure=structure,
        outline=new_outline,
        plan_items=plan_items,
        stamp=stamp,
        registration={"number": regulation.number, "date": regulation.date.isoformat()}
        if regulation.number
        else None,
    )
    reference = amendments.order_reference(order_date, order.number)
    version = store_version(
        regulation,
        name=f"revision-{current.number + 1}.docx",
        data=data,
        text=extract("revision.docx", data).text,
        structure=structure,
        sections=new_outline,
        plan_items=plan_items,
        comment=f"Редакция приказа {reference}",
    )
    amendment.status = Amendment.Status.APPLIED
    amendment.result_version = version
    amendment.applied_at = timezone.now()
    amendment.conflict = ""
    amendment.save(update_fields=["status", "result_version", "applied_at", "conflict"])
    return amendment


def apply_due_amendments(today=None) -> int:
    """Apply every signed amendment whose effective date has come (Celery beat, daily)."""
    today = today or timezone.localdate()
    due = Amendment.objects.filter(status=Amendment.Status.SIGNED).filter(
        Q(effective_date__isnull=True) | Q(effective_date__lte=today)
    )
    applied = 0
    for amendment in due.order_by("effective_date", "pk"):
        if apply_amendment(amendment, today=today).status == Amendment.Status.APPLIED:
            applied += 1
    return applied
