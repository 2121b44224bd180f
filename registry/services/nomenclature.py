"""The case nomenclature: cases and their indexes, approval, closing, the yearly rollover,
the final record."""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.roles import Role

from ..models import Case, Nomenclature
from .errors import RegistryRefused

INDEX = re.compile(r"^(\d{2,4})-(\d{1,3})$")

# --- nomenclature ---------------------------------------------------------------------------


def propose_case_index(nomenclature: Nomenclature, unit) -> str:
    """The next free index of the unit's section: unit code + sequence, e.g. «01-05»."""
    taken = [
        int(match.group(2))
        for index in nomenclature.cases.filter(unit=unit).values_list("index", flat=True)
        if (match := INDEX.match(index)) and match.group(1) == unit.code
    ]
    return f"{unit.code}-{max(taken, default=0) + 1:02d}"


def validate_case_index(nomenclature, unit, index: str, exclude_pk=None):
    match = INDEX.match(index or "")
    if not match:
        raise RegistryRefused(
            _("A case index is the unit code, a hyphen and a number, e.g. %(example)s.")
            % {"example": f"{unit.code}-01"}
        )
    if match.group(1) != unit.code:
        raise RegistryRefused(
            _("The index %(index)s must start with the unit code %(code)s.")
            % {"index": index, "code": unit.code}
        )
    clash = nomenclature.cases.filter(index=index).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise RegistryRefused(
            _("Index %(index)s is already used by the case «%(title)s».")
            % {"index": index, "title": clash.title}
        )


def _editable(nomenclature):
    if nomenclature.status == Nomenclature.Status.CLOSED:
        raise RegistryRefused(
            _("The nomenclature for %(year)s is closed.") % {"year": nomenclature.year}
        )


@transaction.atomic
def add_case(
    nomenclature,
    *,
    unit,
    title,
    retention_rule,
    index=None,
    volumes=1,
    epk=None,
    note="",
    carried_over=False,
) -> Case:
    """Add a case to the unit's section; the index is proposed when not given."""
    _editable(nomenclature)
    if unit.organization_id != nomenclature.organization_id:
        raise RegistryRefused(_("The unit belongs to another organisation."))
    index = index or propose_case_index(nomenclature, unit)
    validate_case_index(nomenclature, unit, index)
    return Case.objects.create(
        nomenclature=nomenclature,
        unit=unit,
        index=index,
        title=title,
        volumes=volumes,
        retention_rule=retention_rule,
        epk=retention_rule.epk if epk is None else epk,
        note=note,
        carried_over=carried_over,
    )


@transaction.atomic
def update_case(case, **fields) -> Case:
    """Change a case's index, title, volumes, retention, ЭПК, note or carried-over mark.
    An edited index is validated as a new one; cases of a closed nomenclature stay as they are."""
    case = Case.objects.select_for_update().select_related("nomenclature", "unit").get(pk=case.pk)
    _editable(case.nomenclature)
    allowed = {"index", "title", "volumes", "retention_rule", "epk", "note", "carried_over"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
    if "index" in fields and fields["index"] != case.index:
        validate_case_index(case.nomenclature, case.unit, fields["index"], exclude_pk=case.pk)
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    return case


@transaction.atomic
def approve_nomenclature(nomenclature, *, approver, order_number, order_date) -> Nomenclature:
    """Approve a draft by the head's order; from then on documents can be filed into it."""
    nomenclature = Nomenclature.objects.select_for_update().get(pk=nomenclature.pk)
    if nomenclature.status != Nomenclature.Status.DRAFT:
        raise RegistryRefused(_("Only a draft nomenclature can be approved."))
    is_head = approver.organization_id == nomenclature.organization_id and approver.has_role(
        Role.HEAD
    )
    if not (is_head or approver.is_superuser):
        raise RegistryRefused(_("The nomenclature is approved by the head of the organisation."))
    if not nomenclature.cases.exists():
        raise RegistryRefused(_("The nomenclature has no cases yet."))
    if not order_number or not order_date:
        raise RegistryRefused(_("Give the number and date of the approving order."))
    nomenclature.status = Nomenclature.Status.APPROVED
    nomenclature.order_number, nomenclature.order_date = order_number, order_date
    nomenclature.approved_by, nomenclature.approved_at = approver, timezone.now()
    nomenclature.save()
    return nomenclature


@transaction.atomic
def close_case(case, *, on_date=None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Case.Status.CLOSED:
        raise RegistryRefused(_("The case %(index)s is already closed.") % {"index": case.index})
    case.status = Case.Status.CLOSED
    case.closed_on = on_date or timezone.localdate()
    case.save(update_fields=["status", "closed_on"])
    return case


@transaction.atomic
def rollover(organization, year: int) -> Nomenclature:
    """Draft the nomenclature for `year` from the previous year's.

    Carried-over cases keep their index and get the notes «Переходящее с …» (new) and
    «Переходящее на …» (old); the other old cases close on 31 December. Running it again adds
    nothing."""
    source = Nomenclature.objects.filter(organization=organization, year=year - 1).first()
    if source is None or source.status == Nomenclature.Status.DRAFT:
        raise RegistryRefused(
            _("There is no approved nomenclature for %(year)s to roll over.") % {"year": year - 1}
        )
    target, _created = Nomenclature.objects.get_or_create(organization=organization, year=year)
    if target.status != Nomenclature.Status.DRAFT:
        return target  # already approved: the rollover happened and was accepted
    existing = set(target.cases.values_list("index", flat=True))
    year_end = datetime.date(year - 1, 12, 31)
    for case in source.cases.select_related("retention_rule").order_by("index"):
        if case.carried_over:
            outgoing = f"Переходящее на {year} г."  # the document's wording, not UI text
            if outgoing not in case.note:
                case.note = f"{case.note}; {outgoing}" if case.note else outgoing
                case.save(update_fields=["note"])
        elif case.status == Case.Status.OPEN and case.closed_on is None:
            case.closed_on = year_end
            case.save(update_fields=["closed_on"])
        if case.index in existing:
            continue
        Case.objects.create(
            nomenclature=target,
            unit=case.unit,
            index=case.index,
            title=case.title,
            volumes=case.volumes,
            retention_rule=case.retention_rule,
            epk=case.epk,
            note=f"Переходящее с {year - 1} г." if case.carried_over else "",
            carried_from=case if case.carried_over else None,
        )
    return target


def final_record(nomenclature) -> dict:
    """Итоговая запись: cases by retention category, each total / carried over / ЭПК."""
    return final_records([nomenclature])[nomenclature.pk]


def final_records(nomenclatures) -> dict:
    """The final records of several nomenclatures in one query: {nomenclature id: record}."""
    ids = [n.pk for n in nomenclatures]
    categories = {
        pk: {"permanent": [0, 0, 0], "long": [0, 0, 0], "temporary": [0, 0, 0]} for pk in ids
    }
    rows = Case.objects.filter(nomenclature_id__in=ids).values_list(
        "nomenclature_id", "retention_rule__years", "carried_over", "carried_from_id", "epk"
    )
    for nomenclature_id, years, carried_over, carried_from, epk in rows:
        key = "permanent" if years is None else ("long" if years > 10 else "temporary")
        counts = categories[nomenclature_id][key]
        counts[0] += 1
        counts[1] += bool(carried_over or carried_from)
        counts[2] += bool(epk)
    records = {}
    for pk, found in categories.items():
        record = {
            key: {"total": c[0], "carried_over": c[1], "epk": c[2]} for key, c in found.items()
        }
        record["total"] = {
            k: sum(record[c][k] for c in found) for k in ("total", "carried_over", "epk")
        }
        records[pk] = record
    return records
