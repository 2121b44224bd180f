"""Reads of the archive: where each closed case of an organisation stands in its cycle
(inventory, transfer, expiry, the ЭК's review, destruction), the lists and reports built on
that, and who may do what.

The cycle (Правила of Росархив, order № 77): retention counts from 1 January of the year
after the case's year; a temporary case may be destroyed from 1 January of the year its term
runs out (year + 1 + term, plus what the ЭК added); cases of permanent retention and on
personnel go into a yearly inventory and are handed to the archive not earlier than one year
and not later than three years after their year ends."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from documents.models import Document
from orgs.models import Unit
from orgs.roles import Role
from orgs.selectors import users_with_role
from registry.models import Case, Nomenclature, Registration, RetentionRule
from registry.services import final_records

from .models import (
    ActEntry,
    Commission,
    DestructionAct,
    Inventory,
    InventoryEntry,
    Review,
    Transfer,
    TransferredCase,
)

KEEPERS = {Role.CLERK, Role.HEAD}


class State:
    """Where a closed case stands (codes; labels in views.STATE_LABELS)."""

    KEPT = "kept"  # its term runs
    TO_INVENTORY = "to_inventory"  # permanent / on personnel, not in an approved inventory
    ON_INVENTORY = "on_inventory"  # in an inventory on approval
    INVENTORIED = "inventoried"  # in an approved inventory, too early to transfer
    TRANSFER_DUE = "transfer_due"
    TRANSFER_OVERDUE = "transfer_overdue"
    IN_ARCHIVE = "in_archive"
    TO_REVIEW = "to_review"  # ЭПК, term out: the ЭК decides
    EXPIRED = "expired"  # may go into an act of destruction
    IN_ACT = "in_act"
    DESTROYED = "destroyed"


@dataclass
class CaseState:
    case: Case
    state: str
    permanent: bool
    personnel: bool
    epk: bool
    expires: int | None  # destroyable from 1 January of this year
    review: Review | None = None
    inventory: Inventory | None = None
    act: DestructionAct | None = None
    transfer: object = None
    documents: int = 0
    first_date: datetime.date | None = None
    last_date: datetime.date | None = None
    chain: list = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.case.nomenclature.year

    @property
    def transfer_from(self) -> datetime.date:
        return transfer_window(self.year)[0]

    @property
    def transfer_until(self) -> datetime.date:
        return transfer_window(self.year)[1]

    @property
    def retention_label(self) -> str:
        """Column «Срок хранения и статья»: the rule's, with what the ЭК decided."""
        rule = self.case.retention_rule
        if self.review and self.review.decision == Review.Decision.PERMANENT:
            return f"Постоянно (ЭК, протокол {self.review.protocol})"
        label = rule.period_label
        if self.epk and "ЭПК" not in label:
            label = label.replace(" л.", " л. ЭПК", 1)
        return label


def transfer_window(year: int) -> tuple[datetime.date, datetime.date]:
    """Not earlier than one year and not later than three years after the year's end."""
    end = datetime.date(year, 12, 31)
    return end.replace(year=year + 1), end.replace(year=year + 3)


def is_closed(case, today) -> bool:
    return not case.carried_over and not case.is_open_on(today)


def commission_of(organization) -> Commission | None:
    return Commission.objects.filter(organization=organization).first()


def is_commission_member(user, organization) -> bool:
    commission = commission_of(organization)
    return commission is not None and user in commission.people()


def may_keep(user, organization) -> bool:
    """The clerk and the head keep the archive of their organisation."""
    return user.is_superuser or (
        user.organization_id == organization.pk and bool(user.roles & KEEPERS)
    )


def keepers_of(organization):
    """The organisation's clerks and head, who keep its archive."""
    found = []
    for role in (Role.CLERK, Role.HEAD):
        found += [p for p in users_with_role(organization, role) if p not in found]
    return found


def may_see(user, organization) -> bool:
    return may_keep(user, organization) or is_commission_member(user, organization)


def _closed(queryset, today):
    """The cases of `queryset` that is_closed keeps, as a condition of the query."""
    return queryset.filter(carried_over=False).filter(
        ~Q(status=Case.Status.OPEN) | Q(closed_on__lt=today)
    )


def _share_related(organization, cases):
    """Each case's nomenclature, retention rule and unit, one instance per row (a year's
    hundreds of cases share a dozen of them: select_related would build one each)."""
    nomenclatures = {n.pk: n for n in Nomenclature.objects.filter(organization=organization)}
    missing = {c.nomenclature_id for c in cases} - nomenclatures.keys()
    if missing:
        nomenclatures.update(Nomenclature.objects.in_bulk(missing))
    rules = RetentionRule.objects.in_bulk({c.retention_rule_id for c in cases})
    units = Unit.objects.in_bulk({c.unit_id for c in cases})
    for case in cases:
        case.nomenclature = nomenclatures[case.nomenclature_id]
        case.retention_rule = rules[case.retention_rule_id]
        case.unit = units[case.unit_id]


def chains_of(organization, cases) -> dict:
    """Each case with the cases it continues (carried over from earlier years): the
    organisation's carried-over cases in one query, whatever the length of the chains."""
    known = {case.pk: case for case in cases}
    first = True
    while True:
        wanted = {c.carried_from_id for c in known.values() if c.carried_from_id} - known.keys()
        if not wanted:
            break
        if first:
            found = Case.objects.filter(nomenclature__organization=organization, carried_over=True)
            first = False
        else:
            # A case continued that is no longer marked carried over, or of another
            # organisation: fetched by its key.
            found = Case.objects.filter(pk__in=wanted)
        known.update((c.pk, c) for c in found if c.pk not in known)
    by_case = {}
    for case in cases:
        chain, current = [case], case
        while current.carried_from_id and current.carried_from_id not in {c.pk for c in chain}:
            current.carried_from = known[current.carried_from_id]
            current = current.carried_from
            chain.append(current)
        by_case[case.pk] = chain
    return by_case


def case_states(organization, *, today=None, year=None, cases=None) -> list[CaseState]:
    """Every closed case of the organisation (of `year`, of `cases`) with where it stands.

    A constant number of queries, each selecting by the cases' query (not by a list of their
    keys), whatever the number of cases, documents and years."""
    today = today or timezone.localdate()
    queryset = Case.objects.filter(nomenclature__organization=organization)
    if year is not None:
        queryset = queryset.filter(nomenclature__year=year)
    if cases is not None:
        queryset = queryset.filter(pk__in=[getattr(c, "pk", c) for c in cases])
    selected = _closed(queryset, today)
    closed = list(selected.order_by("-nomenclature__year", "index"))
    if not closed:
        return []
    ids = selected.values("pk")
    chains = chains_of(organization, closed)
    _share_related(
        organization, list({c.pk: c for chain in chains.values() for c in chain}.values())
    )
    reviews = {}
    for review in Review.objects.filter(case__in=ids).order_by("decided_at", "pk"):
        reviews.setdefault(review.case_id, []).append(review)
    listed = dict(
        InventoryEntry.objects.filter(case__in=ids)
        .exclude(inventory__status=Inventory.Status.CANCELLED)
        .values_list("case_id", "inventory_id")
    )
    found = Inventory.objects.select_related("document").in_bulk(set(listed.values()))
    inventories = {case: found[pk] for case, pk in listed.items()}
    listed = dict(
        ActEntry.objects.filter(case__in=ids)
        .exclude(act__status=DestructionAct.Status.CANCELLED)
        .values_list("case_id", "act_id")
    )
    found = DestructionAct.objects.select_related("document").in_bulk(set(listed.values()))
    acts = {case: found[pk] for case, pk in listed.items()}
    listed = dict(
        TransferredCase.objects.filter(case__in=ids).values_list("case_id", "transfer_id")
    )
    found = Transfer.objects.in_bulk(set(listed.values()))
    transfers = {case: found[pk] for case, pk in listed.items()}
    earlier = [c.pk for chain in chains.values() for c in chain[1:]]
    counts = {
        row["case"]: row
        for row in Registration.objects.filter(
            Q(case__in=ids) | Q(case_id__in=earlier) if earlier else Q(case__in=ids),
            status=Registration.Status.REGISTERED,
        )
        .order_by()  # (the journal's ordering would join the journal and its organisation)
        .values("case")
        .annotate(n=Count("pk"), first=Min("date"), last=Max("date"))
    }
    found = []
    for case in closed:
        chain = chains[case.pk]
        rows = [counts[c.pk] for c in chain if c.pk in counts]
        state = _state(
            case,
            today=today,
            reviews=reviews.get(case.pk, []),
            inventory=inventories.get(case.pk),
            act=acts.get(case.pk),
            transfer=transfers.get(case.pk),
        )
        state.chain = chain
        state.documents = sum(row["n"] for row in rows)
        state.first_date = min((row["first"] for row in rows), default=None)
        state.last_date = max((row["last"] for row in rows), default=None)
        found.append(state)
    return found


def _state(case, *, today, reviews, inventory, act, transfer) -> CaseState:
    rule = case.retention_rule
    review = reviews[-1] if reviews else None
    permanent = rule.is_permanent or (
        review is not None and review.decision == Review.Decision.PERMANENT
    )
    epk = case.epk or rule.epk
    expires = None
    if not permanent:
        extended = sum(r.years or 0 for r in reviews if r.decision == Review.Decision.EXTEND)
        expires = case.nomenclature.year + 1 + rule.years + extended
    found = CaseState(
        case=case,
        state=State.KEPT,
        permanent=permanent,
        personnel=rule.personnel,
        epk=epk,
        expires=expires,
        review=review,
        inventory=inventory,
        act=act,
        transfer=transfer,
    )
    if act is not None:
        destroyed = act.status == DestructionAct.Status.DESTROYED
        found.state = State.DESTROYED if destroyed else State.IN_ACT
    elif transfer is not None:
        found.state = State.IN_ARCHIVE
    elif permanent or rule.personnel and (expires is None or today.year < expires):
        if inventory is None:
            found.state = State.TO_INVENTORY
        elif inventory.status != Inventory.Status.APPROVED:
            found.state = State.ON_INVENTORY
        else:
            start, until = transfer_window(case.nomenclature.year)
            found.state = (
                State.INVENTORIED
                if today < start
                else State.TRANSFER_DUE
                if today <= until
                else State.TRANSFER_OVERDUE
            )
    elif expires is not None and today.year >= expires:
        reviewed = review is not None and review.decision == Review.Decision.DESTROY
        found.state = State.TO_REVIEW if epk and not reviewed else State.EXPIRED
    return found


def by_state(states, *wanted) -> list[CaseState]:
    return [s for s in states if s.state in wanted]


def inventory_candidates(organization, *, year, kind, today=None) -> list[CaseState]:
    """The closed cases of `year` an inventory of `kind` lists: permanent ones (by the rule or
    by the ЭК) or those on personnel, not in another inventory (on approval or approved)."""
    states = case_states(organization, today=today, year=year)
    if kind == Inventory.Kind.PERSONNEL:
        wanted = [s for s in states if s.personnel and not s.permanent]
    else:
        wanted = [s for s in states if s.permanent]
    return [s for s in wanted if s.state == State.TO_INVENTORY]


def uninventoried_permanent(organization, years, *, today=None) -> list[CaseState]:
    """Permanent cases of `years` not yet in an approved inventory (an act of destruction for
    those years waits for their inventory)."""
    found = []
    for year in sorted(set(years)):
        found += [
            s
            for s in case_states(organization, today=today, year=year)
            if s.permanent and s.state in (State.TO_INVENTORY, State.ON_INVENTORY)
        ]
    return found


def report(organization, *, today=None, states=None) -> dict:
    """The archive's report: cases by year of expiry, due for transfer and for destruction
    this year, waiting for the ЭК, and per nomenclature year its final record's permanent
    cases beside the inventoried ones."""
    today = today or timezone.localdate()
    if states is None:
        states = case_states(organization, today=today)
    expiry = {}
    for s in states:
        if s.expires is not None and s.state not in (State.DESTROYED,):
            expiry[s.expires] = expiry.get(s.expires, 0) + 1
    counts = {code: 0 for name, code in vars(State).items() if name.isupper()}
    for s in states:
        counts[s.state] += 1
    years = {}
    nomenclatures = {n.year: n for n in Nomenclature.objects.filter(organization=organization)}
    records = final_records(nomenclatures.values())
    for s in states:
        row = years.get(s.year)
        if row is None:
            record = records[nomenclatures[s.year].pk]
            row = years[s.year] = {
                "year": s.year,
                # The nomenclature's final record (итоговая запись) beside the archive's counts.
                "final": {key: record[key]["total"] for key in ("permanent", "long", "temporary")},
                "closed": 0,
                "permanent": 0,
                "inventoried": 0,
                "in_archive": 0,
                "destroyed": 0,
            }
        row["closed"] += 1
        row["permanent"] += s.permanent
        row["inventoried"] += bool(
            (s.permanent or s.personnel)
            and s.inventory
            and s.inventory.status == Inventory.Status.APPROVED
        )
        row["in_archive"] += s.state == State.IN_ARCHIVE
        row["destroyed"] += s.state == State.DESTROYED
    return {
        "today": today,
        "by_expiry": sorted(expiry.items()),
        "transfer": by_state(states, State.TRANSFER_DUE, State.TRANSFER_OVERDUE),
        "overdue": by_state(states, State.TRANSFER_OVERDUE),
        "to_inventory": by_state(states, State.TO_INVENTORY),
        "destruction": by_state(states, State.EXPIRED),
        "review": by_state(states, State.TO_REVIEW),
        "years": sorted(years.values(), key=lambda row: -row["year"]),
        "counts": counts,
        "states": states,
    }


def documents_of(cases):
    """The documents registered in the cases (and in the cases they continue)."""
    ids = [c.pk for c in cases]
    return Document.objects.filter(
        Q(registrations__case_id__in=ids) & Q(registrations__status=Registration.Status.REGISTERED)
    ).distinct()
