"""The lifecycle of a document: the only code that changes its status.

    draft ─submit─▶ on approval ─approve─▶ approved ─register─▶ registered ─archive─▶ archived
      ▲              │       ▲                ▲                   │  │
      │          return   resubmit            │ cancel registration  │  ├─supersede─▶ superseded
      │              ▼       │                └──────────────────────┘  └─repeal────▶ repealed
      └─withdraw── returned ─┘   (withdraw also from on approval)
    draft ─register─▶ registered           kinds registered on receipt (letters, minutes, notes)
    draft ─enter from archive─▶ registered (or approved, without a number of its own)

Every transition states who may make it, is checked here, and is announced for the audit log
(documents.signals.document_event). Views, the API, flows, commands and the importer call the
functions below; anything else is refused with LifecycleRefused.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import Conflict
from orgs.roles import Role

from . import signals
from .models import Document
from .permissions import can_add_version
from .requisites import derive, with_registration

S = Document.Status
Kind = Document.Kind

# Registered without an approval of their own: letters and other incoming papers, minutes
# (signed by the chair and the secretary), analytical notes (signed by their author).
REGISTERED_ON_RECEIPT = frozenset({Kind.OTHER, Kind.MINUTES, Kind.NOTE, Kind.LETTER})
# The record is final in these: no new version, only an amendment or a new revision.
FINAL = frozenset({S.APPROVED, S.REGISTERED})
CLOSED = frozenset({S.SUPERSEDED, S.REPEALED, S.ARCHIVED, S.DESTROYED})
KEEPERS = frozenset({Role.CLERK, Role.HEAD})


class LifecycleRefused(Conflict):
    """The transition is not allowed from the document's status, or not to this person."""


# --- who may make a transition ---------------------------------------------------------------


def _in_organization(actor, document) -> bool:
    return actor is not None and (
        actor.is_superuser or actor.organization_id == document.organization_id
    )


def _keeper(actor, document) -> bool:
    return actor is not None and (
        actor.is_superuser or (_in_organization(actor, document) and bool(actor.roles & KEEPERS))
    )


def _head(actor, document) -> bool:
    return actor is not None and (
        actor.is_superuser or (_in_organization(actor, document) and actor.has_role(Role.HEAD))
    )


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    label: str
    by_process: bool = False  # only the approval process makes it
    who: object = None  # actor check when no process makes it
    who_text: str = ""


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit",
            frozenset({S.DRAFT}),
            S.ON_APPROVAL,
            gettext_lazy("sent for approval"),
            by_process=True,
        ),
        Transition(
            "return",
            frozenset({S.ON_APPROVAL}),
            S.RETURNED,
            gettext_lazy("returned for revision"),
            by_process=True,
        ),
        Transition(
            "resubmit",
            frozenset({S.RETURNED}),
            S.ON_APPROVAL,
            gettext_lazy("sent for approval again"),
            by_process=True,
        ),
        Transition(
            "withdraw",
            frozenset({S.ON_APPROVAL, S.RETURNED}),
            S.DRAFT,
            gettext_lazy("withdrawn from approval"),
            by_process=True,
        ),
        Transition(
            "approve",
            frozenset({S.ON_APPROVAL}),
            S.APPROVED,
            gettext_lazy("approved"),
            by_process=True,
        ),
        Transition(
            "register",
            frozenset({S.APPROVED, S.DRAFT}),
            S.REGISTERED,
            gettext_lazy("registered"),
            who=_keeper,
            who_text=gettext_lazy("Only the clerk or the head registers documents."),
        ),
        Transition(
            "cancel_registration",
            frozenset({S.REGISTERED}),
            S.APPROVED,
            gettext_lazy("registration cancelled"),
            who=_keeper,
            who_text=gettext_lazy("Only the clerk or the head cancels a registration."),
        ),
        Transition(
            "enter_from_archive",
            frozenset({S.DRAFT}),
            S.REGISTERED,
            gettext_lazy("entered from the archive"),
            who=_keeper,
            who_text=gettext_lazy(
                "Only the clerk or the head enters documents registered before the system."
            ),
        ),
        # Made only by `register` itself, when the new revision is registered.
        Transition(
            "supersede",
            frozenset({S.APPROVED, S.REGISTERED}),
            S.SUPERSEDED,
            gettext_lazy("superseded by a new revision"),
        ),
        Transition(
            "repeal",
            frozenset({S.APPROVED, S.REGISTERED}),
            S.REPEALED,
            gettext_lazy("repealed"),
            who=_head,
            who_text=gettext_lazy("Only the head repeals a document."),
        ),
        Transition(
            "archive",
            frozenset({S.REGISTERED, S.SUPERSEDED, S.REPEALED}),
            S.ARCHIVED,
            gettext_lazy("transferred to the archive"),
            who=_keeper,
            who_text=gettext_lazy("Only the clerk or the head transfers documents to the archive."),
        ),
        Transition(
            "destroy",
            frozenset({S.REGISTERED, S.APPROVED, S.ARCHIVED, S.REPEALED, S.SUPERSEDED}),
            S.DESTROYED,
            gettext_lazy("destroyed"),
            who=_keeper,
            who_text=gettext_lazy("Only the clerk or the head destroys documents by an act."),
        ),
    )
}


def allowed(document, name, *, actor=None, process=None) -> bool:
    """Whether `actor` (or the process) may make transition `name` now (for buttons)."""
    try:
        _check(document, TRANSITIONS[name], actor=actor, process=process)
    except LifecycleRefused:
        return False
    return True


def _check(document, transition, *, actor, process):
    if document.status not in transition.sources:
        raise LifecycleRefused(
            _("A document that is «%(status)s» cannot be %(action)s.")
            % {"status": document.get_status_display(), "action": transition.label}
        )
    if transition.by_process:
        if process is None:
            raise LifecycleRefused(
                _("Only the approval process changes this status; send the document on its route.")
            )
        return
    if process is not None:
        # A step of a process: its automatic registration, or the person its task went to
        # (the clerk, or the initiator where there is no clerk); the engine checked who acts.
        return
    if transition.who is not None and not transition.who(actor, document):
        raise LifecycleRefused(transition.who_text or _("You cannot do this."))


def _change(
    document, name, *, actor=None, process=None, reason="", target=None, fields=(), locked=None
):
    """Lock, check and make transition `name`; `fields` are saved with the status. `locked`:
    the row the caller has locked in this transaction already."""
    transition = TRANSITIONS[name]
    if locked is None:
        locked = Document.objects.select_for_update().get(pk=document.pk)
    _check(locked, transition, actor=actor, process=process)
    old = locked.get_status_display()
    for field in fields:
        setattr(locked, field, getattr(document, field))
    locked.status = target or transition.target
    locked.save(update_fields=["status", *fields, "updated_at"])
    details = f"{old} → {locked.get_status_display()}"
    signals.document_event.send(
        sender=Document,
        document=locked,
        action=signals.STATUS,
        actor=actor,
        details=f"{details}: {reason}" if reason else details,
        process=process,
    )
    document.status, document.updated_at = locked.status, locked.updated_at
    return locked


# --- the approval route (called by the approval engine) --------------------------------------


@transaction.atomic
def submit(document, *, actor, process) -> Document:
    if document.current_version_id is None:
        raise LifecycleRefused(_("The document has no text to approve yet."))
    return _change(document, "submit", actor=actor, process=process)


@transaction.atomic
def return_for_revision(document, *, process, reason="") -> Document:
    return _change(document, "return", process=process, reason=reason)


@transaction.atomic
def resubmit(document, *, actor, process) -> Document:
    return _change(document, "resubmit", actor=actor, process=process)


@transaction.atomic
def withdraw(document, *, actor, process, reason="") -> Document:
    return _change(document, "withdraw", actor=actor, process=process, reason=reason)


@transaction.atomic
def approve(document, *, process, agreed, requisites, comment, actor=None):
    """Everybody on the route agreed on version `agreed`: the document is approved and the
    approved version is `agreed` with the `requisites` (stamp, signature) added — never
    regenerated from anything else. Returns that version."""
    agreed_ok = agreed is not None and agreed.document_id == document.pk
    if not agreed_ok:
        raise LifecycleRefused(_("Nothing was agreed: no version to approve."))
    if agreed.pk != document.current_version_id:
        raise LifecycleRefused(
            _("Version %(n)s was agreed, but the document has a later one.") % {"n": agreed.number}
        )
    _change(document, "approve", actor=actor, process=process)
    document.refresh_from_db()
    return derive(document, base=agreed, requisites=requisites, comment=comment)


# --- registration (called by the registry) ---------------------------------------------------


def check_registrable(document, *, actor=None, process=None):
    """Refuse before a number is taken: a document on approval, or a draft of a kind that needs
    an approval, is not registered."""
    if document.status == S.REGISTERED:
        raise LifecycleRefused(
            _("The document is already registered: № %(number)s of %(date)s.")
            % {"number": document.number, "date": document.date.strftime("%d.%m.%Y")}
        )
    if document.status == S.DRAFT and document.kind not in REGISTERED_ON_RECEIPT:
        raise LifecycleRefused(
            _(
                "«%(kind)s» is registered once it is approved: send the draft for approval "
                "first (documents registered on paper before the system are entered from the "
                "archive)."
            )
            % {"kind": document.get_kind_display()}
        )
    if document.status in (S.ON_APPROVAL, S.RETURNED):
        raise LifecycleRefused(
            _("The document is on approval: it is registered when its approval ends.")
        )
    _check(document, TRANSITIONS["register"], actor=actor, process=process)


def register(document, *, number, date, actor=None, process=None, locked=False) -> Document:
    """The registry gave the document its number and date (registry.services). A document
    approved in the system gets a registered version: the agreed one with the stamp and the
    registration requisites. A new revision replaces the document it supersedes. `number`:
    the number, or a function giving it, called once the status change and its log entry are
    written (the registry takes the journal's next number as late as it can). `locked`:
    the caller read `document` with SELECT … FOR UPDATE in this transaction (the registry
    does), so it is neither read nor locked again, and no savepoint of its own is taken (two
    round trips more while the journal's counter row is locked): a failure here undoes the
    caller's whole transaction, as the registry wants."""
    with transaction.atomic(savepoint=not locked):
        row = document if locked else Document.objects.select_for_update().get(pk=document.pk)
        check_registrable(row, actor=actor, process=process)
        taken_later = callable(number)
        document.number, document.date = ("" if taken_later else number), date
        _change(
            document,
            "register",
            actor=actor,
            process=process,
            fields=("number", "date"),
            locked=row,
        )
        if taken_later:  # taken only now, so saved apart from the status
            document.number = row.number = number()
            Document.objects.filter(pk=row.pk).update(number=document.number)
        if row is not document:
            document.refresh_from_db()
        with_registration(document, comment=_("Registered version"))
        predecessor = document.supersedes
        if predecessor is not None and predecessor.status in FINAL:
            # In the predecessor's own log: the approval behind it is the new revision's.
            _change(
                predecessor,
                "supersede",
                actor=actor,
                reason=_("new revision: %(title)s (document %(id)s)")
                % {"title": document.title, "id": document.pk},
            )
        return document


@transaction.atomic
def cancel_registration(document, *, actor, reason) -> Document:
    """The registration was cancelled in its journal: the number leaves the document, and a
    document approved in the system gets back a version without it."""
    target = S.DRAFT if _never_approved(document) else S.APPROVED
    document.number, document.date = "", None
    _change(
        document,
        "cancel_registration",
        actor=actor,
        reason=reason,
        target=target,
        fields=("number", "date"),
    )
    document.refresh_from_db()
    with_registration(document, comment=_("Registration cancelled"))
    return document


def _never_approved(document) -> bool:
    """Registered on receipt: nothing approved it, so it falls back to a draft."""
    version = document.current_version
    requisites = (version.structure or {}).get("requisites") if version else None
    return document.kind in REGISTERED_ON_RECEIPT and not (requisites or {}).get("approval")


@transaction.atomic
def enter_from_archive(document, *, actor, number="", date=None, reason="") -> Document:
    """A document registered (or approved) on paper before the system existed, entered by a
    clerk or head: marked as from the archive; no journal's counter is touched."""
    number = (number or "").strip()
    if bool(number) != bool(date):
        raise LifecycleRefused(
            _("Give both the number and the date of the registration, or neither.")
        )
    document.number, document.date, document.from_archive = number, date, True
    locked = _change(
        document,
        "enter_from_archive",
        actor=actor,
        reason=reason,
        target=S.REGISTERED if number else S.APPROVED,
        fields=("number", "date", "from_archive"),
    )
    signals.document_event.send(
        sender=Document,
        document=locked,
        action=signals.ARCHIVE_ENTRY,
        actor=actor,
        details=(f"№ {number} от {date:%d.%m.%Y}" if number else _("approved, no number"))
        + (f": {reason}" if reason else ""),
        process=None,
    )
    return locked


@transaction.atomic
def repeal(document, *, actor, reason) -> Document:
    if not (reason or "").strip():
        raise LifecycleRefused(_("Name the act that repeals the document."))
    return _change(document, "repeal", actor=actor, reason=reason.strip())


@transaction.atomic
def archive(document, *, actor, reason="") -> Document:
    return _change(document, "archive", actor=actor, reason=reason)


def destroy(document, *, actor, act, locked=None) -> Document:
    """The status of a document whose files an approved act removes (documents.services.
    destruction does the removal in the same transaction)."""
    return _change(document, "destroy", actor=actor, reason=act, locked=locked)


# --- versions --------------------------------------------------------------------------------


def check_new_version(document, *, user, for_revision=False):
    """New versions go into drafts (by those who may edit them) and into documents returned for
    revision (by the author, through the revise task). Anything else is refused, saying what
    to do instead."""
    status = document.status
    if status == S.DRAFT:
        if user is not None and not can_add_version(user, document):
            raise LifecycleRefused(_("You cannot add versions of this document."))
        return
    if status == S.RETURNED:
        if not for_revision:
            raise LifecycleRefused(
                _(
                    "The document is returned for revision: upload the corrected version in the "
                    "revise task."
                )
            )
        return
    if status == S.ON_APPROVAL:
        raise LifecycleRefused(
            _(
                "The document is on approval: its text does not change until it is returned for "
                "revision."
            )
        )
    if status in FINAL:
        if document.kind == Kind.REGULATION:
            raise LifecycleRefused(
                _(
                    "The regulation is approved and does not change: draft an amendment to it, "
                    "or start a new revision («Новая редакция»), which replaces it once approved "
                    "and registered."
                )
            )
        raise LifecycleRefused(
            _(
                "The document is approved and does not change: start a new revision («Новая "
                "редакция»), which replaces it once it is itself approved and registered."
            )
        )
    raise LifecycleRefused(
        _("The document is «%(status)s»: it takes no new versions.")
        % {"status": document.get_status_display()}
    )
