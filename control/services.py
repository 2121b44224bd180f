"""Writes of control of execution: resolutions and the поручения they make, delegation,
reports, acceptance (снятие с контроля) and return, extensions, reminders and escalation.
Every write is one transaction, audited on the document's log; people are told on commit."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Refused
from documents import grants
from documents.models import Grant
from documents.selectors import visible_documents
from orgs.models import User
from orgs.roles import Role
from orgs.selectors import superior_of
from workflows.models import AuditEntry
from workflows.services import acting_substitute, notify, record

from . import calendar, sources
from .models import Assignment, Extension, Resolution

Action = AuditEntry.Action
S = Assignment.Status
# Who writes resolutions: the head and the deputies of the organisation.
RESOLVERS = {Role.HEAD, Role.DEPUTY_DIRECTOR}


class ControlRefused(Refused):
    """A rule of control of execution said no."""


def _name(person) -> str:
    return person.initials_name if person else "—"


def _date(day) -> str:
    return day.strftime("%d.%m.%Y")


def _audit(assignment, action, *, actor=None, details=""):
    if assignment.document_id:  # the audit log is the document's
        record(None, action, actor=actor, details=details, document=assignment.document)


def _tell(person, subject, body, assignment):
    if person is not None:
        notify(person, subject, body, url=sources.url_of(assignment))


# --- who may ----------------------------------------------------------------------------------


def may_resolve(user, document) -> bool:
    return user.is_superuser or (
        user.organization_id == document.organization_id and bool(user.roles & RESOLVERS)
    )


def acts_for(user, person) -> bool:
    """`user` is `person`, or stands in for them today (a named substitute)."""
    return user.pk == person.pk or acting_substitute(person) == user


def may_execute(user, assignment) -> bool:
    return acts_for(user, assignment.executor)


def may_control(user, assignment) -> bool:
    return user.is_superuser or acts_for(user, assignment.controller)


# --- making assignments -----------------------------------------------------------------------


def resolve_deadline(*, deadline=None, working_days=None, today=None) -> datetime.date:
    """A deadline given as a date, or as N working days from today on the production
    calendar; never before today."""
    today = today or timezone.localdate()
    if working_days:
        if working_days < 1 or working_days > 366:
            raise ControlRefused(_("Give the number of working days from 1 to 366."))
        return calendar.add_working_days(today, working_days)
    if deadline is None:
        raise ControlRefused(_("Give the deadline: a date or a number of working days."))
    if deadline < today:
        raise ControlRefused(
            _("The deadline %(date)s is already past.") % {"date": _date(deadline)}
        )
    return deadline


def _check_people(organization_id, people, what):
    for person in people:
        if person.organization_id != organization_id or not person.is_active:
            raise ControlRefused(
                _("%(name)s is not on the staff of the organisation and cannot be %(what)s.")
                % {"name": person.get_full_name() or person.username, "what": what}
            )


def _create(*, organization_id, document, source, source_id, text, executor, role, controller,
            author, deadline, resolution=None, parent=None, tell=True) -> Assignment:
    assignment = Assignment.objects.create(
        organization_id=organization_id,
        document=document,
        source=source,
        source_id=source_id,
        resolution=resolution,
        parent=parent,
        text=text,
        executor=executor,
        role=role,
        unit_id=executor.unit_id,
        controller=controller,
        author=author,
        deadline=deadline,
        original_deadline=deadline,
    )
    if document is not None:
        # The executor reads what the поручение is about (visibility is data: a grant).
        readers = {executor} | ({controller} if controller != executor else set())
        grants.grant(
            document.pk, source=Grant.Source.ASSIGNMENT, source_id=assignment.pk, users=readers
        )
    if tell:
        _tell(
            executor,
            _("New assignment, due %(date)s") % {"date": _date(deadline)},
            text[:1000],
            assignment,
        )
    return assignment


@transaction.atomic
def write_resolution(
    *, document, author, text, executor, co_executors=(), controller=None, deadline=None,
    working_days=None,
) -> Resolution:
    """A head's or deputy's resolution on a document of the organisation: the responsible
    executor and each co-executor get a поручение with the deadline; the controller (the
    author unless named) takes them off control."""
    if not may_resolve(author, document):
        raise ControlRefused(
            _("Only the head or a deputy of the organisation writes resolutions on its documents.")
        )
    text = (text or "").strip()
    if not text:
        raise ControlRefused(_("Write the resolution's text."))
    deadline = resolve_deadline(deadline=deadline, working_days=working_days)
    controller = controller or author
    co_executors = [p for p in dict.fromkeys(co_executors) if p != executor]
    _check_people(document.organization_id, [executor, *co_executors], _("an executor"))
    _check_people(document.organization_id, [controller], _("the controller"))
    resolution = Resolution.objects.create(
        document=document, author=author, text=text, deadline=deadline, controller=controller
    )
    people = [(executor, Assignment.Role.RESPONSIBLE)]
    people += [(p, Assignment.Role.CO_EXECUTOR) for p in co_executors]
    for person, role in people:
        _create(
            organization_id=document.organization_id,
            document=document,
            source=Assignment.Source.RESOLUTION,
            source_id=resolution.pk,
            resolution=resolution,
            text=text,
            executor=person,
            role=role,
            controller=controller,
            author=author,
            deadline=deadline,
        )
    record(
        None,
        Action.ASSIGN,  # «Назначено»: the resolution assigns its executors
        actor=author,
        document=document,
        details=_("Resolution: %(text)s — %(who)s, due %(date)s, controller %(controller)s")
        % {
            "text": text,
            "who": ", ".join(_name(p) for p, _role in people),
            "date": _date(deadline),
            "controller": _name(controller),
        },
    )
    return resolution


@transaction.atomic
def assign(
    *, organization, document, source, source_id, text, executors, controller, author,
    deadline, tell=True,
) -> list[Assignment]:
    """Поручения from another process (a signed order's executors, an approved plan's
    items): the first person is responsible, the others co-executors. `tell=False` when the
    source tells them itself (a plan announces its items)."""
    executors = list(dict.fromkeys(executors))
    _check_people(organization.pk, executors, _("an executor"))
    made = []
    for index, person in enumerate(executors):
        made.append(
            _create(
                organization_id=organization.pk,
                document=document,
                source=source,
                source_id=source_id,
                text=text,
                executor=person,
                role=Assignment.Role.RESPONSIBLE if index == 0 else Assignment.Role.CO_EXECUTOR,
                controller=controller,
                author=author,
                deadline=deadline,
                tell=tell,
            )
        )
        _audit(
            made[-1],
            Action.ASSIGN,
            actor=author,
            details=_("Assignment to %(who)s, due %(date)s: %(text)s")
            % {"who": _name(person), "date": _date(deadline), "text": text[:300]},
        )
    return made


def _locked(assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("executor", "controller", "document")
        .get(pk=assignment.pk)
    )


def _check_open(assignment):
    if not sources.controlled_here(assignment):
        raise ControlRefused(
            _("This assignment is an item of a work plan: report it on the plan item's page.")
        )
    if assignment.status == S.REPORTED:
        raise ControlRefused(_("The assignment is reported and waits for the controller."))
    if assignment.status != S.OPEN:
        raise ControlRefused(_("The assignment is already off control."))


@transaction.atomic
def delegate(assignment, *, user, executor, text, deadline=None, working_days=None) -> Assignment:
    """The executor hands part of the поручение to a member of their staff, with an earlier
    (or the same) deadline; the executor controls it."""
    assignment = _locked(assignment)
    _check_open(assignment)
    if not may_execute(user, assignment):
        raise ControlRefused(_("Only the executor of the assignment delegates it."))
    text = (text or "").strip()
    if not text:
        raise ControlRefused(_("Say what is delegated."))
    if executor == assignment.executor:
        raise ControlRefused(_("Delegate to somebody else than the executor."))
    _check_people(assignment.organization_id, [executor], _("an executor"))
    deadline = resolve_deadline(deadline=deadline, working_days=working_days)
    if deadline > assignment.deadline:
        raise ControlRefused(
            _("A delegated part is due no later than the assignment itself (%(date)s).")
            % {"date": _date(assignment.deadline)}
        )
    part = _create(
        organization_id=assignment.organization_id,
        document=assignment.document,
        source=Assignment.Source.DELEGATION,
        source_id=assignment.pk,
        resolution=assignment.resolution,
        parent=assignment,
        text=text,
        executor=executor,
        role=Assignment.Role.RESPONSIBLE,
        controller=assignment.executor,
        author=user,
        deadline=deadline,
    )
    _audit(
        part,
        Action.ASSIGN,
        actor=user,
        details=_("Delegated to %(who)s, due %(date)s: %(text)s")
        % {"who": _name(executor), "date": _date(deadline), "text": text[:300]},
    )
    return part


@transaction.atomic
def report(
    assignment, *, user, text, result_document=None, file_name=None, file_data=None
) -> Assignment:
    """The executor reports the поручение done, with a short report and, when there is one,
    the result (a document of the system or a file). The controller decides; a person who
    controls their own поручение takes it off control at once."""
    assignment = _locked(assignment)
    _check_open(assignment)
    if not may_execute(user, assignment):
        raise ControlRefused(_("Only the executor reports the assignment done."))
    text = (text or "").strip()
    if not text:
        raise ControlRefused(_("Write a short report on what was done."))
    if result_document is not None and not visible_documents(user).filter(
        pk=result_document.pk
    ).exists():
        raise ControlRefused(_("You cannot see that document."))
    now = timezone.now()
    assignment.status, assignment.reported_at, assignment.report = S.REPORTED, now, text
    assignment.result_document = result_document
    if file_data:
        assignment.result_file.save(file_name or "result.bin", ContentFile(file_data), save=False)
    assignment.save(
        update_fields=["status", "reported_at", "report", "result_document", "result_file"]
    )
    _audit(assignment, Action.FINISH, actor=user, details=_("Reported done: %(text)s") % {
        "text": text[:500]})
    if assignment.controller_id == assignment.executor_id:
        return _take_off(assignment, user=user)
    _tell(
        assignment.controller,
        _("Reported done: %(text)s") % {"text": assignment.text[:200]},
        f"{_name(user)}: {text}",
        assignment,
    )
    return assignment


def _take_off(assignment, *, user) -> Assignment:
    assignment.status, assignment.closed_at, assignment.closed_by = S.DONE, timezone.now(), user
    assignment.completed_on = timezone.localdate(assignment.reported_at)
    assignment.remarks = ""
    assignment.save(update_fields=["status", "closed_at", "closed_by", "completed_on", "remarks"])
    late = assignment.completed_on > assignment.deadline
    _audit(
        assignment,
        Action.DECIDE,
        actor=user,
        details=(_("Taken off control (done late): %(text)s") if late else _(
            "Taken off control: %(text)s")) % {"text": assignment.text[:300]},
    )
    if user.pk != assignment.executor_id:
        _tell(assignment.executor, _("Taken off control: %(text)s") % {
            "text": assignment.text[:200]}, "", assignment)
    return assignment


@transaction.atomic
def accept(assignment, *, user) -> Assignment:
    """The controller accepts the report: the поручение is off control, done on the day it
    was reported."""
    assignment = _locked(assignment)
    if not may_control(user, assignment):
        raise ControlRefused(_("Only the controller takes the assignment off control."))
    if assignment.status != S.REPORTED:
        raise ControlRefused(_("The assignment is not reported done yet."))
    return _take_off(assignment, user=user)


@transaction.atomic
def send_back(assignment, *, user, remarks) -> Assignment:
    """The controller returns the report with remarks: the поручение is in execution again,
    with the same deadline."""
    assignment = _locked(assignment)
    if not may_control(user, assignment):
        raise ControlRefused(_("Only the controller returns the assignment."))
    if assignment.status != S.REPORTED:
        raise ControlRefused(_("The assignment is not reported done yet."))
    remarks = (remarks or "").strip()
    if not remarks:
        raise ControlRefused(_("Say what is to be done again."))
    assignment.status, assignment.remarks = S.OPEN, remarks
    assignment.save(update_fields=["status", "remarks"])
    _audit(assignment, Action.RETURN, actor=user, details=remarks[:500])
    _tell(
        assignment.executor,
        _("Returned with remarks: %(text)s") % {"text": assignment.text[:200]},
        remarks,
        assignment,
    )
    return assignment


@transaction.atomic
def request_extension(assignment, *, user, deadline, reason) -> Extension:
    assignment = _locked(assignment)
    _check_open(assignment)
    if not may_execute(user, assignment):
        raise ControlRefused(_("Only the executor asks for more time."))
    reason = (reason or "").strip()
    if not reason:
        raise ControlRefused(_("Say why more time is needed."))
    if deadline is None or deadline <= assignment.deadline:
        raise ControlRefused(_("The new deadline must be later than the current one."))
    if assignment.parent_id and deadline > assignment.parent.deadline:
        raise ControlRefused(
            _("A delegated part is due no later than the assignment itself (%(date)s).")
            % {"date": _date(assignment.parent.deadline)}
        )
    if assignment.extensions.filter(status=Extension.Status.PENDING).exists():
        raise ControlRefused(_("An extension request for this assignment is already waiting."))
    extension = Extension.objects.create(
        assignment=assignment,
        requested_by=user,
        previous_deadline=assignment.deadline,
        deadline=deadline,
        reason=reason,
    )
    _audit(
        assignment,
        Action.REASSIGN,
        actor=user,
        details=_("Extension requested to %(date)s: %(reason)s")
        % {"date": _date(deadline), "reason": reason[:300]},
    )
    _tell(
        assignment.controller,
        _("Extension requested: %(text)s") % {"text": assignment.text[:200]},
        _("%(who)s asks to move the deadline from %(old)s to %(new)s: %(reason)s")
        % {"who": _name(user), "old": _date(assignment.deadline), "new": _date(deadline),
           "reason": reason},
        assignment,
    )
    return extension


@transaction.atomic
def decide_extension(extension, *, user, approve: bool, remarks="") -> Extension:
    extension = (
        Extension.objects.select_for_update(of=("self",))
        .select_related("assignment__controller", "assignment__executor")
        .get(pk=extension.pk)
    )
    assignment = extension.assignment
    if not may_control(user, assignment):
        raise ControlRefused(_("Only the controller decides on extensions."))
    if extension.status != Extension.Status.PENDING:
        raise ControlRefused(_("The request is already decided."))
    remarks = (remarks or "").strip()
    if not approve and not remarks:
        raise ControlRefused(_("Say why the request is rejected."))
    extension.status = Extension.Status.APPROVED if approve else Extension.Status.REJECTED
    extension.decided_by, extension.decided_at, extension.remarks = user, timezone.now(), remarks
    extension.save(update_fields=["status", "decided_by", "decided_at", "remarks"])
    if approve and assignment.is_open:
        assignment.deadline = extension.deadline
        assignment.reminded_at = assignment.escalated_at = None
        assignment.save(update_fields=["deadline", "reminded_at", "escalated_at"])
    _audit(
        assignment,
        Action.DECIDE,
        actor=user,
        details=_("Extension to %(date)s %(decision)s")
        % {"date": _date(extension.deadline),
           "decision": extension.get_status_display().lower()},
    )
    _tell(
        extension.requested_by,
        (_("Extension approved: %(text)s") if approve else _("Extension rejected: %(text)s"))
        % {"text": assignment.text[:200]},
        _("New deadline: %(date)s.") % {"date": _date(extension.deadline)}
        if approve
        else remarks,
        assignment,
    )
    return extension


# --- the sources' own completion (plans) -----------------------------------------------------


@transaction.atomic
def close_source(*, source, source_id, user, report_text, result_document=None):
    """A process that controls its own rows (a plan item reported done on the plan's page)
    takes their поручения off control, done today."""
    now = timezone.now()
    return Assignment.objects.filter(
        source=source, source_id=source_id, status__in=[S.OPEN, S.REPORTED]
    ).update(
        status=S.DONE,
        reported_at=now,
        report=report_text,
        result_document=result_document,
        completed_on=timezone.localdate(now),
        closed_at=now,
        closed_by=user,
    )


@transaction.atomic
def move_source_deadline(*, source, source_id, deadline):
    """The source's own extension was approved: its open поручения move with it."""
    return Assignment.objects.filter(
        source=source, source_id=source_id, status__in=[S.OPEN, S.REPORTED]
    ).update(deadline=deadline, reminded_at=None, escalated_at=None)


# --- reminders and escalation -----------------------------------------------------------------


def sweep(now=None) -> dict:
    """Remind executors of поручения due soon and escalate overdue ones to the controller
    (and, when the controller executes it, to their superior). Each happens once per
    deadline; the schedule runs this hourly. Plan items are reminded by their plan."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = today + datetime.timedelta(days=settings.CONTROL_REMIND_BEFORE_DAYS)
    open_ = Assignment.objects.filter(status=S.OPEN).exclude(source__in=sources.self_controlled())
    reminded = escalated = 0
    for assignment in open_.filter(reminded_at__isnull=True, deadline__lte=soon).select_related(
        "executor", "document"
    ):
        with transaction.atomic():
            _tell(
                assignment.executor,
                _("Reminder: assignment due %(date)s") % {"date": _date(assignment.deadline)},
                assignment.text[:1000],
                assignment,
            )
            Assignment.objects.filter(pk=assignment.pk).update(reminded_at=now)
            _audit(assignment, Action.REMIND, details=_name(assignment.executor))
            reminded += 1
    for assignment in open_.filter(escalated_at__isnull=True, deadline__lt=today).select_related(
        "executor", "controller", "document"
    ):
        with transaction.atomic():
            recipients = [assignment.controller]
            if assignment.controller_id == assignment.executor_id:
                superior = superior_of(assignment.controller)
                recipients = [superior] if superior else recipients
            for person in recipients:
                _tell(
                    person,
                    _("Overdue assignment: %(text)s") % {"text": assignment.text[:200]},
                    _("Due %(date)s; executor: %(who)s.")
                    % {"date": _date(assignment.deadline), "who": _name(assignment.executor)},
                    assignment,
                )
            Assignment.objects.filter(pk=assignment.pk).update(escalated_at=now)
            _audit(
                assignment,
                Action.ESCALATE,
                details=_("%(who)s → %(to)s")
                % {"who": _name(assignment.executor),
                   "to": ", ".join(_name(p) for p in recipients)},
            )
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}


def people_of(organization_id):
    """Whom a поручение may go to: the active staff of the organisation."""
    return User.objects.filter(organization_id=organization_id, is_active=True).order_by(
        "last_name", "first_name"
    )
