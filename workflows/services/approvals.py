"""The approval loop: submission, stages and decisions, return and revision."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import grants, lifecycle
from documents.models import Grant
from documents.services import add_version
from orgs.models import User

from .. import kinds, naming
from ..models import (
    Approval,
    ApprovalStep,
    AuditEntry,
    RestartMode,
)
from ..selectors import route_stages
from .audit import WorkflowRefused, notify, record
from .people import acting_substitute

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


# --- the approval lifecycle ------------------------------------------------------------------


@transaction.atomic
def submit(form, *, initiator) -> Approval:
    """Generate the process's document from a valid process form (workflows.forms) and put it
    on its route."""
    if initiator.organization_id is None:
        raise WorkflowRefused(_("Only members of an organisation start processes."))
    kind = kinds.get(form.kind)
    data = form.form_data()
    document = kind.create_document(data, form=form, initiator=initiator)
    approval = start_approval(
        kind=form.kind,
        document=document,
        initiator=initiator,
        route=form.route,
        restart=form.template.restart,
        form=data,
        acknowledgers=form.cleaned_data.get("acknowledgers") or (),
    )
    kind.submitted(approval, form)
    return approval


def link_process(approval, process):
    approval.process = process
    approval.save(update_fields=["process"])


def start_approval(*, kind, document, initiator, route, restart, form=None, acknowledgers=()):
    """Create the approval of `document` along a resolved `route` (see routes.build_route)."""
    if document.approvals.filter(
        status__in=[Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION]
    ).exists():
        raise WorkflowRefused(_("The document is already on approval."))
    approval = Approval.objects.create(
        kind=kind,
        document=document,
        initiator=initiator,
        route=route,
        restart=restart,
        form=form or {},
        acknowledgers=[p.pk for p in acknowledgers],
    )
    add_participants(approval, {pk for stage in route for pk in stage["participants"]})
    record(approval, Action.START, actor=initiator, details=_route_text(approval))
    lifecycle.submit(document, actor=initiator, process=approval)
    return approval


def add_participants(approval, people):
    """People join the approval (on its route, given a task in it): they read the draft, by a
    grant of the documents app."""
    pks = {getattr(p, "pk", p) for p in people}
    new = pks - set(approval.participants.values_list("pk", flat=True))
    if new:
        approval.participants.add(*new)
        grants.grant(
            approval.document_id,
            source=Grant.Source.APPROVAL,
            source_id=approval.pk,
            users=sorted(new),
        )


def _route_text(approval) -> str:
    return " → ".join(route_stages(approval))


def add_step(approval, person, *, purpose, stage=0, days=None, now=None):
    """A task for `person`, or for their acting substitute on the day it arrives."""
    now = now or timezone.now()
    substitute = acting_substitute(person, timezone.localdate(now))
    if substitute is not None and substitute.pk == approval.document.author_id:
        substitute = None  # the author never decides on their own document
    add_participants(approval, [p for p in (person, substitute) if p is not None])
    return ApprovalStep.objects.create(
        approval=approval,
        purpose=purpose,
        stage=stage,
        round=approval.round,
        assignee=substitute or person,
        on_behalf_of=person if substitute else None,
        created_at=now,
        due_at=now + datetime.timedelta(days=days) if days else None,
        version=approval.document.current_version,
    )


def open_stage(approval) -> list[ApprovalStep]:
    """Create the decision steps of the approval's current stage: everybody of the stage, or
    after a return in "returned" mode only those who returned it."""
    approval.refresh_from_db()
    stage = approval.route[approval.stage]
    people = approval.rerun or stage["participants"]
    users = {u.pk: u for u in User.objects.filter(pk__in=people)}
    steps = [
        add_step(
            approval, users[pk], purpose=Purpose.DECISION, stage=approval.stage, days=stage["days"]
        )
        for pk in people
    ]
    if approval.rerun:
        approval.rerun = []
        approval.save(update_fields=["rerun"])
    return steps


def step_of(task) -> ApprovalStep:
    return ApprovalStep.objects.select_related("approval__document", "assignee").get(
        pk=task.data["step"]
    )


def bind_task(step, task):
    """Link the Viewflow task to its step, tell the assignee and log the assignment."""
    step.task = task
    step.save(update_fields=["task"])
    approval = step.approval
    document = approval.document
    subjects = {
        Purpose.DECISION: _("Please review: %(doc)s"),
        Purpose.REVISION: _("Returned for revision: %(doc)s"),
        Purpose.ACKNOWLEDGEMENT: _("Please acknowledge: %(doc)s"),
        Purpose.REGISTRATION: _("Please register: %(doc)s"),
    }
    subject = subjects[step.purpose]
    if step.is_final:
        subject = (
            _("Please sign: %(doc)s") if naming.signs(approval) else _("Please approve: %(doc)s")
        )
    lines = []
    if step.purpose == Purpose.REVISION:
        lines.append(_returned_remarks(approval))
    if step.due_at:
        lines.append(
            _("Due: %(due)s")
            % {"due": timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M")}
        )
    notify(
        step.assignee,
        subject % {"doc": document.title},
        "\n".join(lines),
        approval=approval,
        url=task.flow_task.reverse("index", args=[task.process_id, task.pk]),
    )
    record(
        approval,
        Action.ASSIGN,
        actor=None,
        details=_("%(who)s: %(what)s")
        % {"who": _acting_name(step), "what": step.title},
    )


def _acting_name(step) -> str:
    name = step.assignee.initials_name
    if step.on_behalf_of_id:
        return _("%(name)s for %(person)s") % {
            "name": name,
            "person": step.on_behalf_of.initials_name,
        }
    return name


def can_act(user, step) -> bool:
    """Only the assigned person (the substitute, when one was named) acts on an open step, and
    never on a decision about their own document."""
    if step.decided_at is not None or user.pk != step.assignee_id:
        return False
    if step.purpose == Purpose.DECISION and user.pk == step.approval.document.author_id:
        return False
    return True


@transaction.atomic
def decide(step, *, user, decision, remarks="") -> ApprovalStep:
    """Record a decision on the document's current version."""
    step = (
        ApprovalStep.objects.select_for_update()
        .select_related("approval__document")
        .get(pk=step.pk)
    )
    if step.purpose != Purpose.DECISION:
        raise WorkflowRefused(_("This task takes no decision."))
    if user.pk == step.approval.document.author_id:
        raise WorkflowRefused(_("Nobody approves their own document."))
    if not can_act(user, step):
        raise WorkflowRefused(_("Only the assigned person can act on this task."))
    if decision not in Decision.values:
        raise WorkflowRefused(_("Unknown decision."))
    remarks = (remarks or "").strip()
    if decision in (Decision.RETURN, Decision.AGREE_WITH_REMARKS) and not remarks:
        raise WorkflowRefused(_("Write the remarks."))
    kinds.get(step.approval.kind).before_decision(
        step.approval, step, decision=decision, user=user
    )
    step.decision, step.remarks, step.decided_at = decision, remarks, timezone.now()
    step.version = step.approval.document.current_version
    step.save(update_fields=["decision", "remarks", "decided_at", "version"])
    record(
        step.approval,
        Action.RETURN if decision == Decision.RETURN else Action.DECIDE,
        actor=user,
        on_behalf_of=step.on_behalf_of,
        details=f"{step.decision_label}"
        + (f" (v{step.version.number})" if step.version else "")
        + (f": {remarks}" if remarks else ""),
    )
    return step


def _stage_steps(approval):
    return approval.steps.filter(
        purpose=Purpose.DECISION, round=approval.round, stage=approval.stage
    )


def stage_returned(approval) -> bool:
    """Whether anybody returned the document at the stage just decided."""
    return _stage_steps(approval).filter(decision=Decision.RETURN).exists()


def advance(approval) -> bool:
    """Move past a stage everybody agreed with; False when it was the last one."""
    if approval.stage + 1 >= len(approval.route):
        return False
    approval.stage += 1
    approval.save(update_fields=["stage"])
    return True


def _remarks_of_return(approval) -> str:
    """Who returned the document at the stage just decided, and why: one line each."""
    returned = _stage_steps(approval).filter(decision=Decision.RETURN).select_related("assignee")
    return "\n".join(f"{s.assignee.initials_name}: {s.remarks}" for s in returned)


def _returned_remarks(approval) -> str:
    return _("Remarks: %(remarks)s") % {"remarks": _remarks_of_return(approval)}


def open_revision(approval) -> ApprovalStep:
    """The author's task to revise a returned document."""
    approval.status = Approval.Status.ON_REVISION
    approval.save(update_fields=["status"])
    remarks = _remarks_of_return(approval)
    notify_text = _("Remarks: %(remarks)s") % {"remarks": remarks}
    lifecycle.return_for_revision(approval.document, process=approval, reason=remarks)
    step = add_step(
        approval, approval.initiator, purpose=Purpose.REVISION, stage=approval.stage, days=3
    )
    record(approval, Action.RETURN, details=notify_text)
    return step


@transaction.atomic
def revise(step, *, user, name=None, data=None, form=None, comment="") -> Approval:
    """The author sends the document back on its route: with a corrected .docx (`name`,
    `data`), with the edited process form (`form`: the document is generated again from it),
    or as it is when the remarks needed no change to the text. The version the next round
    decides on is exactly what gets stamped if they agree."""
    step = ApprovalStep.objects.select_for_update().get(pk=step.pk)
    approval = step.approval
    if step.purpose != Purpose.REVISION or not can_act(user, step):
        raise WorkflowRefused(_("Only the author can revise the document."))
    kind = kinds.get(approval.kind)
    if data is not None:
        kind.check_upload(approval, name, data)  # refusals come before anything is stored
        if not kind.accepts_upload:
            raise WorkflowRefused(_("This document is corrected in its form, not by a file."))
        version = add_version(
            approval.document,
            name=name,
            data=data,
            author=user,
            comment=comment,
            for_revision=True,
        )
        kind.uploaded(approval, version, user=user)
    elif form is not None:
        kind.regenerate(approval, form=form, user=user, comment=comment or _("Revised form"))
        approval.form = form
        approval.save(update_fields=["form"])
        kind.form_revised(approval, form)
    else:
        kind.unchanged(approval, user=user, comment=comment)
    approval.document.refresh_from_db()
    step.decided_at = timezone.now()
    step.remarks = comment
    step.version = approval.document.current_version
    step.save(update_fields=["decided_at", "remarks", "version"])
    returned = list(
        _stage_steps(approval).filter(decision=Decision.RETURN).values_list("pk", flat=True)
    )
    if approval.restart == RestartMode.ALL:
        approval.stage, approval.rerun = 0, []
    else:
        # Only those who returned it decide again (their substitutes' principals, if any).
        approval.rerun = [
            s.on_behalf_of_id or s.assignee_id for s in ApprovalStep.objects.filter(pk__in=returned)
        ]
    approval.round += 1
    approval.status = Approval.Status.IN_PROGRESS
    approval.save(update_fields=["stage", "rerun", "round", "status"])
    lifecycle.resubmit(approval.document, actor=user, process=approval)
    record(
        approval,
        Action.REVISE,
        actor=user,
        details=(f"v{step.version.number}" if step.version else "")
        + (f": {comment}" if comment else ""),
    )
    return approval
