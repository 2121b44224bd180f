"""Registration journals: number templates, reservation, registration of a document (one
transaction, gapless numbers), cancellation."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import lifecycle
from documents.models import Document

from ..models import Case, Counter, Journal, Nomenclature, Registration
from ..numbering import format_number, validate_template
from .errors import RegistryRefused

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
            .order_by("pk")  # not the model's ordering: it joins the nomenclature's
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
        series = _series(journal, on_date.year)
        entry = Registration(journal=journal, year=on_date.year, series=series, created_by=user)

    def number() -> str:
        # Called by the lifecycle once the status change and its log are written: the counter
        # row stays locked only for this entry, the document's number and the commit (every
        # registration of the journal waits for that lock, so what it covers sets the pace).
        if reservation is None:
            entry.sequence = _next_sequence(journal, entry.series)
        entry.number = format_number(
            journal.number_template, n=entry.sequence, case=case.index, year=on_date.year
        )
        entry.date, entry.case, entry.document = on_date, case, document
        entry.status = Registration.Status.REGISTERED
        entry.save()
        return entry.number

    lifecycle.register(
        document, number=number, date=on_date, actor=user, process=process, locked=True
    )
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
