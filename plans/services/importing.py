"""Plan items read from .docx plan tables: imported into a draft, or taken from a corrected
file in the revise task."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from documents.importer import analyse, extract
from orgs.models import User

from ..dues import read_due
from ..models import Plan
from .base import PlanRefused
from .drafting import add_item, may_edit, remove_item


@dataclass
class ImportReport:
    items: list = field(default_factory=list)
    # Rows whose due said nothing dateable: they are due at the period's end; check them.
    undated: list = field(default_factory=list)
    # Names in the responsible column that match nobody of the organisation.
    unknown_people: list = field(default_factory=list)
    # The plan had items up to this number, which the file's numbers repeated: the imported
    # items were numbered after them (None: the file's numbers were kept).
    renumbered_after: int | None = None


# The leading number of an item's number: 3 of «3», «3.», «3.1».
_LEADING = re.compile(r"^\s*(\d+)(.*)$", re.DOTALL)


def _leading(number: str) -> int | None:
    match = _LEADING.match(number or "")
    return int(match.group(1)) if match else None


def _shift(number: str, offset: int) -> str:
    match = _LEADING.match(number or "")
    return f"{int(match.group(1)) + offset}{match.group(2)}" if match else number


def match_people(text: str, organization) -> tuple[list[User], list[str]]:
    """The staff a «Ответственный» cell names («Иванова О. А., Кузнецова Е.П.»), by surname
    and, when given, initials; names that match nobody (or several people) are returned
    apart."""
    staff = list(User.objects.filter(organization=organization, is_active=True))
    found, unknown = [], []
    for name in re.split(r"[,;\n]|\sи\s", text or ""):
        name = name.strip(" .")
        if not name:
            continue
        words = re.findall(r"[А-ЯЁA-Z][а-яёa-z-]+|[А-ЯЁA-Z](?=\.)", name)
        surname = next((w for w in words if len(w) > 1), None)
        initials = [w[0] for w in words if w != surname]
        matches = [
            p
            for p in staff
            if surname
            and p.last_name.replace("ё", "е").lower() == surname.replace("ё", "е").lower()
            and all(
                i == (p.first_name[:1], p.middle_name[:1])[n] for n, i in enumerate(initials[:2])
            )
        ]
        if len(matches) == 1:
            if matches[0] not in found:
                found.append(matches[0])
        else:
            unknown.append(name)
    return found, unknown


@transaction.atomic
def import_items(plan, *, user, name, data) -> ImportReport:
    """Add the rows of the plan table in a .docx (columns №, мероприятие, сроки, ответственный,
    форма результата) to a plan being drafted."""
    if not may_edit(user, plan):
        raise PlanRefused(_("Only the plan's owner edits a plan being drafted."))
    rows = analyse(extract(name, data)).plan_items  # ImportRejected for unsafe files
    if not rows:
        raise PlanRefused(
            _("The file has no plan table (columns «Мероприятие», «Сроки», «Ответственный»).")
        )
    report = ImportReport()
    offset, report.renumbered_after = _numbering_after_existing(plan, rows)
    for row in rows:
        if offset:
            row = {**row, "number": _shift(row["number"], offset)}
        people, unknown = match_people(row["responsible"], plan.organization)
        item, exact = _add_row(plan, user, row, people)
        report.items.append(item)
        if not exact:
            report.undated.append(item)
        report.unknown_people += [n for n in unknown if n not in report.unknown_people]
    return report


def _numbering_after_existing(plan, rows) -> tuple[int, int | None]:
    """How far to shift the file's item numbers, and after which existing number.

    A plan table numbers its rows from 1; imported into a plan that has items already, those
    numbers would repeat the plan's own (1, 2, 1, 2, 3, 4). A methodist adding a second table
    means its rows to follow the plan's items, so they are numbered after the last one: the
    file's 1, 2, 2.1, 3 become 3, 4, 4.1, 5 after items 1 and 2 (the file's sub-numbers and
    gaps kept). A file that already continues the plan's numbering (3, 4 after 1, 2) is kept
    as it is."""
    existing = [_leading(number) for number in plan.items.values_list("number", flat=True)]
    if not existing:
        return 0, None
    last = max((n for n in existing if n is not None), default=len(existing))
    imported = [n for n in (_leading(row["number"]) for row in rows) if n is not None]
    if not imported or min(imported) > last:
        return 0, None
    return last + 1 - min(imported), last


def _add_row(plan, user, row, people):
    """An item from a row of a plan table (its due read in the plan's period); returns the
    item and whether the due was dateable."""
    due = read_due(row["due"], plan.period)
    item = add_item(
        plan,
        user=user,
        activity=row["activity"],
        due_on=due.due_on,
        starts_on=due.starts_on,
        due_text=row["due"],
        responsible=people,
        responsible_text=row["responsible"],
        result_form=row["result_form"],
        number=row["number"],
        section=row.get("section", ""),
    )
    return item, due.exact


def check_revised_rows(plan, rows) -> list:
    """The rows of a corrected plan file (uploaded in the revise task), each with the staff it
    names; refused, before anything is stored, when a row names nobody of the organisation."""
    if not rows:
        raise PlanRefused(
            _("The file has no plan table (columns «Мероприятие», «Сроки», «Ответственный»).")
        )
    matched = []
    for number, row in enumerate(rows, start=1):
        people, unknown = match_people(row["responsible"], plan.organization)
        if not people or unknown:
            raise PlanRefused(
                _(
                    "Row %(n)s: «%(names)s» matches nobody of the organisation; name the "
                    "responsible people by surname and initials."
                )
                % {"n": number, "names": ", ".join(unknown) or row["responsible"] or "—"}
            )
        matched.append((row, people))
    return matched


@transaction.atomic
def items_from_revision(plan, version, *, user) -> Plan:
    """The corrected file is the plan now: its rows replace the items of the returned plan,
    so what is approved and what is controlled are the same."""
    rows = [
        {
            key: getattr(item, key)
            for key in ("number", "activity", "due", "responsible", "result_form", "section")
        }
        for item in version.plan_items.all()
    ]
    matched = check_revised_rows(plan, rows)
    for item in list(plan.items.all()):
        remove_item(item, user=user)
    for row, people in matched:
        _add_row(plan, user, row, people)
    return plan

