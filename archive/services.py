"""Writes of the archive: the expert commission, inventories and acts of destruction on their
way through the approval engine, the ЭК's protocols and reviews, transfers to the archive and
the destruction itself. Every refusal is an ArchiveRefused with the reason; every write is one
transaction and an entry of the archive's log (documents keep their own audit logs)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Refused
from common.russian import inflect_phrase
from documents.services import destroy_documents, files_of
from orgs.models import Organization, User
from registry.models import Case
from workflows import naming
from workflows.models import ApprovalStep
from workflows.services import notify

from . import selectors
from .models import (
    ActEntry,
    Commission,
    DestructionAct,
    Event,
    Inventory,
    InventoryEntry,
    Review,
    Transfer,
    TransferredCase,
)
from .selectors import State

MAX_EXTENSION_YEARS = 50


class ArchiveRefused(Refused):
    """A rule of the archive said no."""


class NotAllowed(ArchiveRefused):
    status = 403


class WrongState(ArchiveRefused):
    status = 409


def _log(organization, action, *, actor=None, details=""):
    return Event.objects.create(
        organization=organization, action=action, actor=actor, details=details[:5000]
    )


def _keeper(actor, organization):
    if not selectors.may_keep(actor, organization):
        raise NotAllowed(_("Only the clerk or the head keeps the archive of the organisation."))


def _member(actor, organization):
    if not (actor.is_superuser or selectors.is_commission_member(actor, organization)):
        raise NotAllowed(_("Only members of the expert commission do this."))


def _protocol(number, date, today):
    number = " ".join((number or "").split())
    if not number:
        raise ArchiveRefused(_("Give the number of the commission's protocol."))
    if date is None:
        raise ArchiveRefused(_("Give the date of the commission's protocol."))
    if date > today:
        raise ArchiveRefused(_("The protocol's date is in the future."))
    return number[:50]


def _case_label(state) -> str:
    return f"{state.case.index} «{state.case.title[:80]}» ({state.year})"


# --- the expert commission --------------------------------------------------------------------


@transaction.atomic
def name_commission(
    *, organization, chair, secretary=None, members=(), archive=None, order="", actor
) -> Commission:
    _keeper(actor, organization)
    people = [p for p in (chair, secretary, *members) if p is not None]
    if chair is None:
        raise ArchiveRefused(_("Name the chair of the expert commission."))
    if any(p.organization_id != organization.pk or not p.is_active for p in people):
        raise ArchiveRefused(_("The commission is made of people of the organisation."))
    if archive is not None and archive.pk == organization.pk:
        archive = None  # its own archive
    commission, _created = Commission.objects.update_or_create(
        organization=organization,
        defaults={"chair": chair, "secretary": secretary, "archive": archive, "order": order[:200]},
    )
    commission.members.set([p for p in members if p not in (chair, secretary)])
    _log(
        organization,
        Event.Action.COMMISSION,
        actor=actor,
        details=", ".join(p.get_full_name() or p.username for p in commission.people()),
    )
    return commission


def commission_people(document) -> list[User]:
    """The route's «Экспертная комиссия» stage: its chair (the author, often the secretary,
    never decides on their own document)."""
    commission = selectors.commission_of(document.organization)
    if commission is None or commission.chair_id == document.author_id:
        return []
    return [commission.chair] if commission.chair.is_active else []


# --- inventories ------------------------------------------------------------------------------


def check_inventory(*, organization, year, kind, today=None) -> list:
    """The cases an inventory of `kind` for `year` lists, or a refusal."""
    today = today or timezone.localdate()
    open_cases = (
        [
            case
            for case in organization.nomenclatures.get(year=year).cases.select_related(
                "retention_rule"
            )
            if not selectors.is_closed(case, today)
            and (
                case.retention_rule.personnel
                if kind == Inventory.Kind.PERSONNEL
                else case.retention_rule.is_permanent
            )
        ]
        if organization.nomenclatures.filter(year=year).exists()
        else []
    )
    if open_cases:
        raise ArchiveRefused(
            _("The case %(index)s «%(title)s» is still open: an inventory lists closed cases.")
            % {"index": open_cases[0].index, "title": open_cases[0].title[:80]}
        )
    found = selectors.inventory_candidates(organization, year=year, kind=kind, today=today)
    if not found:
        raise ArchiveRefused(
            _("%(year)s has no closed cases of this kind waiting for an inventory.")
            % {"year": year}
        )
    return found


def next_inventory_number(organization, kind) -> int:
    """Inventories number their cases through the years (валовая нумерация)."""
    last = (
        InventoryEntry.objects.filter(inventory__organization=organization, inventory__kind=kind)
        .exclude(inventory__status=Inventory.Status.CANCELLED)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def inventory_drafted(approval) -> Inventory:
    """The inventory went on approval (workflows.kinds hook): its record and its cases."""
    data, document = approval.form, approval.document
    inventory = Inventory.objects.create(
        organization=document.organization,
        year=data["year"],
        kind=data["section"],
        document=document,
    )
    _put_entries(inventory, data)
    _log(
        document.organization,
        Event.Action.DRAFTED,
        actor=approval.initiator,
        details=document.title,
    )
    return inventory


def _put_entries(inventory, data):
    check = {
        s.case.pk
        for s in selectors.inventory_candidates(
            inventory.organization, year=inventory.year, kind=inventory.kind
        )
    }
    rows = data["cases"]
    if any(row["case"] not in check for row in rows):
        raise WrongState(_("A case of the inventory is no longer waiting for one: draft it again."))
    InventoryEntry.objects.bulk_create(
        InventoryEntry(inventory=inventory, case_id=row["case"], number=row["number"])
        for row in rows
    )


def inventory_revised(approval):
    inventory = Inventory.objects.select_for_update().get(document=approval.document)
    inventory.entries.all().delete()
    _put_entries(inventory, approval.form)


# --- protocols and decisions of the commission -------------------------------------------------


def record_of(document):
    """The inventory or the act a document is."""
    return (
        Inventory.objects.filter(document=document).first()
        or DestructionAct.objects.filter(document=document).first()
    )


@transaction.atomic
def record_protocol(*, record, number, date, actor, today=None):
    """The ЭК's protocol that agreed an inventory or an act (it goes into the stamp
    «СОГЛАСОВАНО Протокол ЭК от … № …»)."""
    today = today or timezone.localdate()
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _member(actor, record.organization)
    if record.status != record.Status.ON_APPROVAL:
        raise WrongState(_("The protocol is recorded while the document is on approval."))
    record.number, record.date = _protocol(number, date, today), date
    record.save(update_fields=["number", "date"])
    _log(
        record.organization,
        Event.Action.PROTOCOL,
        actor=actor,
        details=f"{record.document.title}: протокол {record.protocol}",
    )
    return record


def before_decision(approval, step, *, decision, user):
    """The ЭК agrees with its protocol recorded; the head approves an act only once the
    inventories of permanent cases of the act's years are approved."""
    if decision not in (ApprovalStep.Decision.AGREE, ApprovalStep.Decision.AGREE_WITH_REMARKS):
        return
    record = record_of(approval.document)
    if record is None:
        return
    commission = selectors.commission_of(record.organization)
    final = naming.is_final(step)
    if not final and commission is not None and step.assignee in commission.people():
        if not record.number:
            raise ArchiveRefused(
                _("Record the commission's protocol (its number and date) before agreeing.")
            )
    if final and isinstance(record, DestructionAct):
        years = {case.nomenclature.year for case in record.cases.select_related("nomenclature")}
        waiting = selectors.uninventoried_permanent(record.organization, years)
        if waiting:
            raise ArchiveRefused(
                _(
                    "The inventory of permanent cases for %(year)s is not approved yet "
                    "(%(case)s): an act of destruction is approved after it."
                )
                % {"year": waiting[0].year, "case": waiting[0].case.index}
            )


def approved(approval):
    """Approved and registered (the flow's step after registration)."""
    record = (
        type(record_of(approval.document))
        .objects.select_for_update()
        .get(document=approval.document)
    )
    record.status = record.Status.APPROVED
    record.approved_on = approval.document.date or timezone.localdate()
    record.save(update_fields=["status", "approved_on"])
    _log(record.organization, Event.Action.APPROVED, details=approval.document.title)
    if approval.initiator is not None:
        notify(
            approval.initiator,
            _("Approved: %(title)s") % {"title": approval.document.title[:200]},
            url=record.get_absolute_url(),
        )
    return record


def cancelled(approval):
    record = record_of(approval.document)
    if record is not None and record.status == record.Status.ON_APPROVAL:
        record.status = record.Status.CANCELLED
        record.save(update_fields=["status"])
        _log(record.organization, Event.Action.CANCELLED, details=approval.document.title)


@transaction.atomic
def decide_review(
    *, case, decision, protocol_number, protocol_date, actor, years=None, today=None
) -> Review:
    """The ЭК's expert review of an ЭПК case whose term ran out."""
    today = today or timezone.localdate()
    organization = case.nomenclature.organization
    _member(actor, organization)
    state = next(iter(selectors.case_states(organization, today=today, cases=[case])), None)
    if state is None or state.state != State.TO_REVIEW:
        raise WrongState(
            _("The case %(index)s does not wait for the commission's review.")
            % {"index": case.index}
        )
    if protocol_date is not None and state.expires and protocol_date.year < state.expires:
        raise ArchiveRefused(
            _("The commission reviews the case once its term has run out (1 January %(year)s).")
            % {"year": state.expires}
        )
    if decision not in Review.Decision.values:
        raise ArchiveRefused(_("Choose the commission's decision."))
    if decision == Review.Decision.EXTEND:
        if not years or not 1 <= years <= MAX_EXTENSION_YEARS:
            raise ArchiveRefused(
                _("Keep it from 1 to %(n)s years more.") % {"n": MAX_EXTENSION_YEARS}
            )
    else:
        years = None
    review = Review.objects.create(
        case=case,
        decision=decision,
        years=years,
        number=_protocol(protocol_number, protocol_date, today),
        date=protocol_date,
        decided_by=actor,
    )
    _log(
        organization,
        Event.Action.REVIEW,
        actor=actor,
        details=f"{_case_label(state)}: {review.get_decision_display()}"
        + (f" ({years})" if years else "")
        + f", протокол {review.protocol}",
    )
    return review


# --- transfer to the archive ------------------------------------------------------------------


@transaction.atomic
def record_transfer(
    *, organization, cases, number, date, actor, received_by="", reason="", today=None
) -> Transfer:
    """Cases of approved inventories handed over to the archive by an act of acceptance."""
    today = today or timezone.localdate()
    _keeper(actor, organization)
    number = " ".join((number or "").split())[:50]
    if not number or date is None:
        raise ArchiveRefused(_("Give the number and the date of the act of acceptance."))
    if date > today:
        raise ArchiveRefused(_("The act's date is in the future."))
    if not cases:
        raise ArchiveRefused(_("Choose the cases handed over."))
    states = selectors.case_states(organization, today=date, cases=cases)
    if len(states) != len(set(getattr(c, "pk", c) for c in cases)):
        raise ArchiveRefused(_("Only closed cases of the organisation are handed over."))
    reason = " ".join((reason or "").split())[:1000]
    for state in states:
        if state.state == State.IN_ARCHIVE:
            raise WrongState(
                _("The case %(case)s is in the archive already.") % {"case": _case_label(state)}
            )
        if state.state not in (State.INVENTORIED, State.TRANSFER_DUE, State.TRANSFER_OVERDUE):
            raise WrongState(
                _("The case %(case)s is not in an approved inventory: it cannot be handed over.")
                % {"case": _case_label(state)}
            )
        if state.inventory.approved_on and date < state.inventory.approved_on:
            raise ArchiveRefused(
                _("The case %(case)s is handed over before its inventory was approved (%(on)s).")
                % {"case": _case_label(state), "on": f"{state.inventory.approved_on:%d.%m.%Y}"}
            )
        if state.state != State.TRANSFER_DUE and not reason:
            raise ArchiveRefused(
                _(
                    "The case %(case)s is handed over outside its term (%(start)s – %(end)s): "
                    "state the reason."
                )
                % {
                    "case": _case_label(state),
                    "start": f"{state.transfer_from:%d.%m.%Y}",
                    "end": f"{state.transfer_until:%d.%m.%Y}",
                }
            )
    commission = selectors.commission_of(organization)
    archive = commission.archive if commission and commission.archive_id else None
    transfer = Transfer.objects.create(
        organization=organization,
        number=number,
        date=date,
        # «Архив Муниципального казённого учреждения …»: the organisation in the genitive.
        archive_name=archive.name
        if archive
        else f"Архив {inflect_phrase(organization.name, 'gent')}",
        received_by=" ".join((received_by or "").split())[:300],
        reason=reason,
        created_by=actor,
    )
    TransferredCase.objects.bulk_create(
        TransferredCase(transfer=transfer, case=state.case) for state in states
    )
    _log(
        organization,
        Event.Action.TRANSFER,
        actor=actor,
        details=f"{transfer}: "
        + ", ".join(s.case.index for s in states)
        + (f"; {reason}" if reason else ""),
    )
    return transfer


# --- acts of destruction ----------------------------------------------------------------------


def check_act(*, organization, cases, today=None) -> list:
    """The cases of an act of destruction, or the refusal naming the first that cannot go."""
    today = today or timezone.localdate()
    ids = {getattr(c, "pk", c) for c in cases}
    if not ids:
        raise ArchiveRefused(_("Choose the cases whose term has run out."))
    known = Case.objects.filter(pk__in=ids, nomenclature__organization=organization).select_related(
        "nomenclature"
    )
    if known.count() != len(ids):
        raise ArchiveRefused(_("Only cases of the organisation go into its act."))
    for case in known:
        if not selectors.is_closed(case, today):
            raise WrongState(
                _("The case %(index)s «%(title)s» is still open.")
                % {"index": case.index, "title": case.title[:80]}
            )
    states = selectors.case_states(organization, today=today, cases=list(ids))
    for state in states:
        label = _case_label(state)
        if state.permanent:
            raise ArchiveRefused(
                _("The case %(case)s is kept permanently: it is never destroyed.") % {"case": label}
            )
        if state.state == State.TO_REVIEW:
            raise WrongState(
                _("The case %(case)s (ЭПК) waits for the expert commission's review.")
                % {"case": label}
            )
        if state.state in (State.IN_ACT, State.DESTROYED):
            raise WrongState(_("The case %(case)s is in another act already.") % {"case": label})
        if state.state == State.IN_ARCHIVE:
            raise WrongState(_("The case %(case)s is in the archive.") % {"case": label})
        if state.state != State.EXPIRED:
            raise ArchiveRefused(
                _("The term of the case %(case)s runs until 1 January %(year)s.")
                % {"case": label, "year": state.expires}
            )
    return states


def act_drafted(approval) -> DestructionAct:
    data, document = approval.form, approval.document
    act = DestructionAct.objects.create(organization=document.organization, document=document)
    _put_act_entries(act, data)
    _log(
        document.organization,
        Event.Action.DRAFTED,
        actor=approval.initiator,
        details=document.title,
    )
    return act


def _put_act_entries(act, data):
    ids = [row["case"] for row in data["cases"]]
    check_act(organization=act.organization, cases=ids)
    ActEntry.objects.bulk_create(
        ActEntry(act=act, case_id=row["case"], number=row["number"]) for row in data["cases"]
    )


def act_revised(approval):
    act = DestructionAct.objects.select_for_update().get(document=approval.document)
    act.entries.all().delete()
    _put_act_entries(act, approval.form)


def destruction_plan(act) -> dict:
    """The dry run: every document and file the destruction removes, and what it keeps (the
    act itself and other archive records are kept permanently, whatever case they are in)."""
    listed = [entry.case for entry in act.entries.select_related("case")]
    cases = [c for chain in selectors.chains_of(act.organization, listed).values() for c in chain]
    documents = list(selectors.documents_of(cases).order_by("pk"))
    records = _records_among(documents)
    kept = [d for d in documents if d.pk in records]
    documents = [d for d in documents if d.pk not in records]
    return {"documents": documents, "kept": kept, "files": files_of(documents)}


def _records_among(documents) -> set:
    """The ids of those documents that are the archive's own records (inventories, acts)."""
    ids = [d.pk for d in documents]
    return set(
        Inventory.objects.filter(document_id__in=ids).values_list("document_id", flat=True)
    ) | set(
        DestructionAct.objects.filter(document_id__in=ids).values_list("document_id", flat=True)
    )


@transaction.atomic
def destroy(*, act, actor) -> dict:
    """Carry out an approved act: the files of every version of its cases' documents go,
    their search entries with them; the cards stay «уничтожен по акту № … от …»."""
    act = DestructionAct.objects.select_for_update().select_related("document").get(pk=act.pk)
    _keeper(actor, act.organization)
    if act.status == DestructionAct.Status.DESTROYED:
        raise WrongState(_("This act has been carried out already."))
    if act.status != DestructionAct.Status.APPROVED:
        raise WrongState(_("Only an approved act is carried out."))
    plan = destruction_plan(act)
    destroy_documents(plan["documents"], actor=actor, act=act.label)
    act.status = DestructionAct.Status.DESTROYED
    act.destroyed_at, act.destroyed_by = timezone.now(), actor
    act.save(update_fields=["status", "destroyed_at", "destroyed_by"])
    _log(
        act.organization,
        Event.Action.DESTROYED,
        actor=actor,
        details=_("Act %(act)s: %(documents)s documents, %(files)s files")
        % {"act": act.label, "documents": len(plan["documents"]), "files": len(plan["files"])},
    )
    return plan


# --- reminders --------------------------------------------------------------------------------


def remind(*, today=None) -> int:
    """Tell each organisation's clerks and head what is due this year — cases to hand over to
    the archive (and overdue), to destroy, to put into an inventory — and the commission's
    chair what waits for its review; once a year (the log remembers), or again when an
    organisation has something new due after its reminder. Returns the notifications sent."""
    today = today or timezone.localdate()
    sent = 0
    for organization in Organization.objects.filter(expert_commission__isnull=False):
        report = selectors.report(organization, today=today)
        figures = {
            "transfer": len(report["transfer"]),
            "overdue": len(report["overdue"]),
            "destruction": len(report["destruction"]),
            "inventory": len(report["to_inventory"]),
            "review": len(report["review"]),
        }
        if not any(figures.values()):
            continue
        details = f"{today.year}: " + ", ".join(f"{k} {v}" for k, v in figures.items())
        if Event.objects.filter(
            organization=organization, action=Event.Action.REMINDED, details=details
        ).exists():
            continue
        url = reverse("archive:index")
        body = (
            _(
                "To hand over to the archive: %(transfer)s (overdue: %(overdue)s); to destroy: "
                "%(destruction)s; waiting for an inventory: %(inventory)s; for the commission's "
                "review: %(review)s."
            )
            % figures
        )
        subject = _("The archive this year: what is due")
        for person in selectors.keepers_of(organization):
            notify(person, subject, body, url=url)
            sent += 1
        commission = selectors.commission_of(organization)
        if figures["review"] and commission is not None:
            notify(
                commission.chair,
                _("Cases for the commission's review: %(n)s") % {"n": figures["review"]},
                url=f"{url}?tab=review",
            )
            sent += 1
        _log(organization, Event.Action.REMINDED, details=details)
    return sent
