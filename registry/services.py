"""Writes with business rules for the case nomenclature and registration journals.

Refusals raise RegistryRefused with a message for the user; nothing is half-done because every
write runs in one transaction.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Refused
from documents import lifecycle
from documents.models import Document
from orgs.roles import Role

from .models import Case, Counter, Journal, Nomenclature, Registration
from .numbering import format_number, validate_template

INDEX = re.compile(r"^(\d{2,4})-(\d{1,3})$")


class RegistryRefused(Refused):
    """A rule of the registry said no (HTTP 400 in the API)."""


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
    categories = {"permanent": [0, 0, 0], "long": [0, 0, 0], "temporary": [0, 0, 0]}
    for case in nomenclature.cases.select_related("retention_rule"):
        years = case.retention_rule.years
        key = "permanent" if years is None else ("long" if years > 10 else "temporary")
        counts = categories[key]
        counts[0] += 1
        counts[1] += bool(case.carried_over or case.carried_from_id)
        counts[2] += bool(case.epk)
    record = {
        key: {"total": c[0], "carried_over": c[1], "epk": c[2]} for key, c in categories.items()
    }
    record["total"] = {
        k: sum(record[c][k] for c in categories) for k in ("total", "carried_over", "epk")
    }
    return record


# --- journals and registration --------------------------------------------------------------


def save_journal(journal: Journal) -> Journal:
    """Validate the number template and save."""
    try:
        validate_template(journal.number_template)
    except ValidationError as error:
        raise RegistryRefused(error.messages[0]) from None
    journal.save()
    return journal


def approved_nomenclature(organization, year) -> Nomenclature:
    nomenclature = Nomenclature.objects.filter(
        organization=organization, year=year, status=Nomenclature.Status.APPROVED
    ).first()
    if nomenclature is None:
        raise RegistryRefused(
            _("%(org)s has no approved case nomenclature for %(year)s.")
            % {"org": organization, "year": year}
        )
    return nomenclature


def _resolve_case(journal, case, on_date) -> Case:
    """The case to file into on `on_date`: the given one or the journal's default, which must
    belong to the organisation's approved nomenclature for that year and be open."""
    organization = journal.organization
    if case is None:
        if not journal.default_case_index:
            approved_nomenclature(organization, on_date.year)  # the more basic refusal first
            raise RegistryRefused(_("Choose the case to file the document into."))
        # One query in the usual case; the refusals below look closer only when it fails.
        case = (
            Case.objects.select_related("nomenclature")
            .filter(
                nomenclature__organization=organization,
                nomenclature__year=on_date.year,
                nomenclature__status=Nomenclature.Status.APPROVED,
                index=journal.default_case_index,
            )
            .first()
        )
        if case is None:
            approved_nomenclature(organization, on_date.year)
            raise RegistryRefused(
                _("The journal's case %(index)s is not in the nomenclature for %(year)s.")
                % {"index": journal.default_case_index, "year": on_date.year}
            )
    else:
        nomenclature = approved_nomenclature(organization, on_date.year)
        if case.nomenclature_id != nomenclature.pk:
            raise RegistryRefused(
                _("The case %(index)s is not in the approved nomenclature for %(year)s.")
                % {"index": case.index, "year": nomenclature.year}
            )
    if not case.is_open_on(on_date):
        raise RegistryRefused(_("The case %(index)s is closed.") % {"index": case.index})
    return case


def _next_sequence(journal, series: int) -> int:
    """Take the next number of the journal's series.

    One statement increments the counter row and returns the new value; the row stays locked
    until the transaction commits, so concurrent registrations queue on it and numbers come out
    unique and gapless. (SQLite has no row locks: its IMMEDIATE transactions, see settings,
    serialise writers instead.)"""
    table = Counter._meta.db_table
    sql = f"UPDATE {table} SET last = last + 1 WHERE journal_id = %s AND series = %s RETURNING last"
    with connection.cursor() as cursor:
        cursor.execute(sql, [journal.pk, series])
        row = cursor.fetchone()
        if row is None:
            # First number of the series: create the row (a concurrent creator wins harmlessly).
            Counter.objects.bulk_create(
                [Counter(journal=journal, series=series)], ignore_conflicts=True
            )
            cursor.execute(sql, [journal.pk, series])
            row = cursor.fetchone()
    return row[0]


def _series(journal, year):
    return year if journal.yearly_reset else 0


@transaction.atomic
def reserve_number(journal, *, user, on_date=None, case=None) -> Registration:
    """Reserve the next number (for a document that is still being signed)."""
    on_date = on_date or timezone.localdate()
    case = _resolve_case(journal, case, on_date)
    series = _series(journal, on_date.year)
    sequence = _next_sequence(journal, series)
    return Registration.objects.create(
        journal=journal,
        year=on_date.year,
        series=series,
        sequence=sequence,
        number=format_number(
            journal.number_template, n=sequence, case=case.index, year=on_date.year
        ),
        date=on_date,
        status=Registration.Status.RESERVED,
        case=case,
        created_by=user,
    )


def register_document(
    document, journal, *, user, case=None, on_date=None, reservation=None, process=None
) -> Registration:
    """Give `document` its number and date from `journal` and file it into a case of the
    approved nomenclature, all in one transaction. A document is registered at most once, and
    only when its lifecycle allows (approved; a draft of a kind registered on receipt):
    documents.lifecycle.LifecycleRefused otherwise, before any number is taken. `process` is
    the approval whose registration step this is."""
    try:
        return _register(
            document,
            journal,
            user=user,
            case=case,
            on_date=on_date,
            reservation=reservation,
            process=process,
        )
    except IntegrityError:
        # Another registration of the same document won the race (the database's unique
        # constraint is the guard); the counter increment rolled back with this transaction.
        _refuse_if_registered(document)
        raise


def _refuse_if_registered(document):
    current = Registration.objects.filter(
        document=document, status=Registration.Status.REGISTERED
    ).first()
    if current is not None:
        raise RegistryRefused(
            _("The document is already registered: № %(number)s of %(date)s.")
            % {"number": current.number, "date": current.date.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def _register(document, journal, *, user, case, on_date, reservation, process) -> Registration:
    if journal.organization_id != document.organization_id:
        raise RegistryRefused(_("The journal belongs to another organisation."))
    if not journal.is_active:
        raise RegistryRefused(_("The journal is closed."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status == Document.Status.REGISTERED:
        _refuse_if_registered(document)
    lifecycle.check_registrable(document, actor=user, process=process)
    if reservation is not None:
        entry = Registration.objects.select_for_update().get(pk=reservation.pk)
        if entry.journal_id != journal.pk or entry.status != Registration.Status.RESERVED:
            raise RegistryRefused(_("This number is not reserved in this journal."))
        on_date = entry.date
        case = case or entry.case
    on_date = on_date or timezone.localdate()
    case = _resolve_case(journal, case, on_date)
    if reservation is None:
        # Taken last: the counter row stays locked only for the two writes below and the commit.
        series = _series(journal, on_date.year)
        entry = Registration(
            journal=journal,
            year=on_date.year,
            series=series,
            sequence=_next_sequence(journal, series),
            created_by=user,
        )
    entry.number = format_number(
        journal.number_template, n=entry.sequence, case=case.index, year=on_date.year
    )
    entry.date, entry.case, entry.document = on_date, case, document
    entry.status = Registration.Status.REGISTERED
    entry.save()
    lifecycle.register(document, number=entry.number, date=on_date, actor=user, process=process)
    return entry


@transaction.atomic
def cancel(entry, *, user, reason) -> Registration:
    """Cancel a reservation or a registration. The number stays in the journal as cancelled
    and is never given again; a cancelled registration frees its document."""
    if not (reason or "").strip():
        raise RegistryRefused(_("Say why the number is cancelled."))
    entry = Registration.objects.select_for_update().get(pk=entry.pk)
    if entry.status == Registration.Status.CANCELLED:
        raise RegistryRefused(_("The number is already cancelled."))
    if entry.document_id:
        document = Document.objects.select_for_update().get(pk=entry.document_id)
        if document.number == entry.number and document.status == Document.Status.REGISTERED:
            lifecycle.cancel_registration(document, actor=user, reason=reason.strip())
    entry.status = Registration.Status.CANCELLED
    entry.cancelled_at = timezone.now()
    entry.cancel_reason = reason.strip()
    entry.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    return entry
