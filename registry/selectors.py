"""Reads of the registry shared by views, the API and exports."""

from .models import Case, Registration


def case_documents(case: Case):
    """Registrations filed in `case`, in registration order (the case inventory)."""
    return (
        Registration.objects.filter(case=case, status=Registration.Status.REGISTERED)
        .select_related("document", "journal")
        .order_by("date", "journal_id", "sequence")
    )


def journal_entries(
    journal, *, year=None, date_from=None, date_to=None, number=None, status=None, kind=None
):
    """Entries of a journal, filtered as the clerk's journal view filters them."""
    qs = journal.entries.select_related("document", "case", "created_by")
    if year:
        qs = qs.filter(year=year)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if number:
        qs = qs.filter(number__icontains=number)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(document__kind=kind)
    return qs.order_by("series", "sequence")
