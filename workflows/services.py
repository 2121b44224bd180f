"""Writes of the approval machinery. Flows, views, the API and Celery tasks call these; every
rule about who may act and what a decision does lives here."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Refused
from documents import grants, lifecycle
from documents.models import Document, Grant
from orgs.selectors import superior_of

from .models import (
    Approval,
    ApprovalStep,
    AuditEntry,
    Notification,
    ProcessKind,
    RestartMode,
    RouteTemplate,
    Substitution,
)

Action = AuditEntry.Action
Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose


class WorkflowRefused(Refused):
    """A rule of the approval engine said no."""


# --- audit and notifications -----------------------------------------------------------------


def record(approval, action, *, actor=None, on_behalf_of=None, details="", document=None):
    """Append an entry to the document's audit log."""
    return AuditEntry.objects.create(
        document=document or approval.document,
        approval=approval,
        actor=actor,
        on_behalf_of=on_behalf_of,
        action=action,
        details=details,
    )


def notify(recipient, subject, body="", *, approval=None, url=""):
    """An in-app notification and the same text by e-mail (when the person has an address)."""
    if recipient is None:
        return None
    notification = Notification.objects.create(
        recipient=recipient, subject=subject[:300], body=body, url=url, approval=approval
    )
    if recipient.email:
        link = f"\n\n{settings.SITE_URL}{url}" if url else ""
        transaction.on_commit(
            lambda: send_mail(subject, f"{body}{link}", None, [recipient.email], fail_silently=True)
        )
    return notification


def mark_read(user, pks=None):
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return qs.update(read_at=timezone.now())


# --- substitution ----------------------------------------------------------------------------


def acting_substitute(person, on_date=None):
    """Who acts for `person` on the date (ИО), if anybody."""
    on_date = on_date or timezone.localdate()
    found = (
        Substitution.objects.select_related("substitute")
        .filter(person=person, starts_on__lte=on_date, ends_on__gte=on_date)
        .order_by("-starts_on", "-pk")
        .first()
    )
    return found.substitute if found and found.substitute.is_active else None


def name_substitute(person, *, substitute, starts_on, ends_on, reason="") -> Substitution:
    """Name an acting substitute for a date range."""
    if substitute.pk == person.pk:
        raise WorkflowRefused(_("A person cannot substitute for themselves."))
    if ends_on < starts_on:
        raise WorkflowRefused(_("The range ends before it starts."))
    overlapping = Substitution.objects.filter(
        person=person, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlapping.exists():
        raise WorkflowRefused(_("Another substitute is already named for these dates."))
    return Substitution.objects.create(
        person=person, substitute=substitute, starts_on=starts_on, ends_on=ends_on, reason=reason
    )


# --- routes ----------------------------------------------------------------------------------


def may_edit_routes(user, organization) -> bool:
    from orgs.roles import Role

    return user.is_superuser or (
        organization is not None
        and user.organization_id == organization.pk
        and user.has_role(Role.HEAD)
    )


@transaction.atomic
def save_route_template(
    organization,
    process,
    *,
    user,
    stages,
    restart,
    initiator_may_add,
    initiator_may_skip,
    max_stages,
) -> RouteTemplate:
    """The head sets the organisation's default route of a process and the limits within which
    initiators adjust it. Approvals already under way keep the route they started with."""
    if not may_edit_routes(user, organization):
        raise WorkflowRefused(_("Only the head of the organisation sets its approval routes."))
    if not stages:
        raise WorkflowRefused(_("The route has no stages."))
    for number, stage in enumerate(stages, 1):
        if not stage.get("participants"):
            raise WorkflowRefused(_("Stage %(n)s has nobody on it.") % {"n": number})
    if max_stages < len(stages):
        raise WorkflowRefused(
            _("The limit of stages (%(max)s) is below the route's own %(n)s stages.")
            % {"max": max_stages, "n": len(stages)}
        )
    template, _created = RouteTemplate.objects.update_or_create(
        organization=organization,
        process=process,
        defaults={
            "stages": stages,
            "restart": restart,
            "initiator_may_add": initiator_may_add,
            "initiator_may_skip": initiator_may_skip,
            "max_stages": max_stages,
        },
    )
    return template


# --- the approval lifecycle ------------------------------------------------------------------


@transaction.atomic
def submit(form, *, initiator) -> Approval:
    """Generate the process's document from a valid process form (workflows.forms) and put it
    on its route."""
    from .kinds import create_process_document

    if initiator.organization_id is None:
        raise WorkflowRefused(_("Only members of an organisation start processes."))
    data = form.form_data()
    if form.kind == ProcessKind.DOCUMENT:
        document = form.cleaned_data["document"]  # the uploaded draft itself
    else:
        document = create_process_document(
            form.kind,
            form=data,
            organization=initiator.organization,
            unit=form.document_unit(),
            author=initiator,
        )
    approval = start_approval(
        kind=form.kind,
        document=document,
        initiator=initiator,
        route=form.route,
        restart=form.template.restart,
        form=data,
        acknowledgers=form.cleaned_data.get("acknowledgers") or (),
    )
    if form.kind == ProcessKind.AMENDMENT:
        _draft_amendment(approval, data["amendment"])
    if form.kind == ProcessKind.PLAN:
        from plans.services import submitted

        submitted(form.cleaned_data["plan"], document)
    return approval


def _draft_amendment(approval, spec):
    from documents.models import Amendment
    from documents.services import draft_amendment

    regulation = Document.objects.get(pk=spec["regulation"])
    amendment = draft_amendment(
        regulation,
        spec["operations"],
        author=approval.initiator,
        effective_date=datetime.date.fromisoformat(spec["effective_date"])
        if spec.get("effective_date")
        else None,
    )
    amendment.order, amendment.status = approval.document, Amendment.Status.ON_APPROVAL
    amendment.save(update_fields=["order", "status"])
    return amendment


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
    _participate(approval, {pk for stage in route for pk in stage["participants"]})
    record(approval, Action.START, actor=initiator, details=_route_text(approval))
    lifecycle.submit(document, actor=initiator, process=approval)
    return approval


def _participate(approval, people):
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
    from .selectors import route_stages

    return " → ".join(route_stages(approval))


def _step(approval, person, *, purpose, stage=0, days=None, now=None):
    """A task for `person`, or for their acting substitute on the day it arrives."""
    now = now or timezone.now()
    substitute = acting_substitute(person, timezone.localdate(now))
    if substitute is not None and substitute.pk == approval.document.author_id:
        substitute = None  # the author never decides on their own document
    _participate(approval, [p for p in (person, substitute) if p is not None])
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
    from orgs.models import User

    approval.refresh_from_db()
    stage = approval.route[approval.stage]
    people = approval.rerun or stage["participants"]
    users = {u.pk: u for u in User.objects.filter(pk__in=people)}
    steps = [
        _step(
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
    notify(
        step.assignee,
        subjects[step.purpose] % {"doc": document.title},
        _("Due: %(due)s") % {"due": timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M")}
        if step.due_at
        else "",
        approval=approval,
        url=task.flow_task.reverse("index", args=[task.process_id, task.pk]),
    )
    record(
        approval,
        Action.ASSIGN,
        actor=None,
        details=_("%(who)s: %(what)s")
        % {"who": _acting_name(step), "what": step.get_purpose_display()},
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
    step.decision, step.remarks, step.decided_at = decision, remarks, timezone.now()
    step.version = step.approval.document.current_version
    step.save(update_fields=["decision", "remarks", "decided_at", "version"])
    record(
        step.approval,
        Action.RETURN if decision == Decision.RETURN else Action.DECIDE,
        actor=user,
        on_behalf_of=step.on_behalf_of,
        details=f"{step.get_decision_display()}"
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


def open_revision(approval) -> ApprovalStep:
    """The author's task to revise a returned document."""
    approval.status = Approval.Status.ON_REVISION
    approval.save(update_fields=["status"])
    returned = _stage_steps(approval).filter(decision=Decision.RETURN)
    remarks = "\n".join(f"{s.assignee.initials_name}: {s.remarks}" for s in returned)
    notify_text = _("Remarks: %(remarks)s") % {"remarks": remarks}
    lifecycle.return_for_revision(approval.document, process=approval, reason=remarks)
    step = _step(
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
    from documents.services import add_version

    from .kinds import regenerate

    step = ApprovalStep.objects.select_for_update().get(pk=step.pk)
    approval = step.approval
    if step.purpose != Purpose.REVISION or not can_act(user, step):
        raise WorkflowRefused(_("Only the author can revise the document."))
    if data is not None and approval.kind == ProcessKind.AMENDMENT:
        raise WorkflowRefused(
            _("The amending order is made from its list of changes, which is what takes "
              "effect: correct the changes in the form instead of uploading a file.")
        )
    if data is not None:
        if approval.kind == ProcessKind.PLAN:
            _check_plan_file(approval, name, data)  # before anything is stored
        version = add_version(
            approval.document,
            name=name,
            data=data,
            author=user,
            comment=comment,
            for_revision=True,
        )
        if approval.kind == ProcessKind.PLAN:
            from plans.services import items_from_revision

            items_from_revision(approval.document.plan, version, user=user)
    elif form is not None:
        regenerate(approval, form=form, user=user, comment=comment or _("Revised form"))
        approval.form = form
        approval.save(update_fields=["form"])
        if approval.kind == ProcessKind.AMENDMENT:
            _redraft_amendment(approval, form["amendment"])
    elif approval.kind == ProcessKind.PLAN:
        # The owner edited the items on the plan's page: the document follows them.
        regenerate(approval, form=approval.form, user=user, comment=comment or _("Revised plan"))
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


def _check_plan_file(approval, name, data):
    """A corrected plan file becomes the plan's items: each row must name its people."""
    from documents.importer import analyse, extract
    from plans.services import check_revised_rows

    if str(name).lower().endswith(".docx"):
        check_revised_rows(approval.document.plan, analyse(extract(name, data)).plan_items)


def _redraft_amendment(approval, spec):
    """The revised changes replace the amendment's operations (checked again)."""
    from documents import amendments
    from documents.models import Amendment
    from documents.selectors import document_outline

    amendment = Amendment.objects.select_for_update().get(order=approval.document)
    operations = [amendments.normalise(op) for op in spec["operations"]]
    errors = amendments.check(document_outline(amendment.regulation.current_version), operations)
    if errors:
        raise WorkflowRefused("\n".join(errors))
    amendment.operations = operations
    amendment.base_version = amendment.regulation.current_version
    amendment.effective_date = (
        datetime.date.fromisoformat(spec["effective_date"]) if spec.get("effective_date") else None
    )
    amendment.save(update_fields=["operations", "base_version", "effective_date"])


# --- after the last stage --------------------------------------------------------------------


@transaction.atomic
def approve(approval) -> Approval:
    """Everybody on the route agreed: the document is approved (signed, for an order). The
    approved version is the version the final round agreed, with the stamp or signature of
    the last decision added; the approval sheet is attached."""
    from .documents import approval_sheet_docx
    from .kinds import requisites_for

    final = list(
        approval.steps.filter(
            purpose=Purpose.DECISION, round=approval.round, decided_at__isnull=False
        )
        .select_related("assignee", "on_behalf_of", "version")
        .order_by("decided_at", "pk")
    )
    agreed = {step.version_id for step in final}
    if len(agreed) != 1:
        raise WorkflowRefused(_("The final round did not decide on one version."))
    last = final[-1]
    approval.status = Approval.Status.APPROVED
    approval.save(update_fields=["status"])
    lifecycle.approve(
        approval.document,
        process=approval,
        agreed=last.version,
        requisites=requisites_for(approval, last),
        comment=_("Approved version (version %(n)s as agreed)") % {"n": last.version.number},
    )
    approval.sheet.save(
        f"approval-sheet-{approval.pk}.docx", ContentFile(approval_sheet_docx(approval))
    )
    record(approval, Action.DECIDE, details=_("Approved by everyone on the route."))
    return approval


def register(approval, *, user=None, journal=None, case=None) -> bool:
    """Register the approved document in its journal (conclusions or orders) and file it into
    the journal's case. Returns False, keeping the reason, when the registry cannot take it
    (no journal, no approved nomenclature): a clerk then registers it by hand. A document
    registered meanwhile (in the registry, by a clerk) counts as registered."""
    from registry.models import Journal
    from registry.services import RegistryRefused, register_document

    from .kinds import journal_kind

    document = Document.objects.get(pk=approval.document_id)
    if document.status == Document.Status.REGISTERED:
        return _registered(approval, user, document, _("already registered"))
    journal = journal or (
        Journal.objects.filter(
            organization=document.organization,
            kind=journal_kind(approval),
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    try:
        if journal is None:
            raise RegistryRefused(_("The organisation has no active journal for this document."))
        with transaction.atomic():
            entry = register_document(document, journal, user=user, case=case, process=approval)
    except (RegistryRefused, lifecycle.LifecycleRefused) as refusal:
        approval.registration_error = refusal.message
        approval.save(update_fields=["registration_error"])
        record(approval, Action.REGISTER, actor=user, details=refusal.message)
        return False
    return _registered(
        approval,
        user,
        entry.document,
        _("case %(case)s") % {"case": entry.case.index},
    )


def _registered(approval, user, document, note) -> bool:
    approval.registration_error = ""
    approval.save(update_fields=["registration_error"])
    record(
        approval,
        Action.REGISTER,
        actor=user,
        details=_("№ %(number)s of %(date)s, %(note)s")
        % {"number": document.number, "date": document.date.strftime("%d.%m.%Y"), "note": note},
    )
    approval.document = document
    return True


def registration_step(approval) -> ApprovalStep:
    """A clerk's task to register the document by hand."""
    from orgs.roles import Role
    from orgs.selectors import users_with_role

    clerk = users_with_role(approval.document.organization, Role.CLERK).first()
    person = clerk or approval.initiator
    return _step(approval, person, purpose=Purpose.REGISTRATION, days=2)


@transaction.atomic
def register_by_hand(step, *, user, journal=None, case=None) -> bool:
    """The clerk's task: register in the chosen journal and case; done at once when the
    document was registered meanwhile in the registry."""
    if step.purpose != Purpose.REGISTRATION or not can_act(user, step):
        raise WorkflowRefused(_("Only the assigned clerk can register the document here."))
    if journal is None and step.approval.document.status != Document.Status.REGISTERED:
        raise WorkflowRefused(_("Choose the journal."))
    if not register(step.approval, user=user, journal=journal, case=case):
        raise WorkflowRefused(step.approval.registration_error)
    step.decided_at = timezone.now()
    step.save(update_fields=["decided_at"])
    return True


def publish(approval) -> bool:
    """Publish an approved conclusion to the information bank unless it is marked restricted."""
    from search.bank import publish as bank_publish
    from search.models import BankCategory

    form = approval.form
    if form.get("restricted"):
        record(approval, Action.PUBLISH, details=_("Restricted: not published."))
        return False
    category = BankCategory.objects.filter(
        code=form.get("category") or "methodical"
    ).first() or BankCategory.objects.get(code="other")
    bank_publish(
        approval.document,
        category=category,
        by=approval.initiator,
        subject=form.get("subject", ""),
        level=form.get("level", ""),
        material_type=_("expert conclusion"),
        author_name=approval.initiator.get_full_name(),
        year=timezone.localdate().year,
    )
    record(approval, Action.PUBLISH, details=str(category))
    return True


def open_acknowledgements(approval) -> list[ApprovalStep]:
    """Tasks for the staff listed in a signed order to acknowledge it (ознакомление)."""
    from orgs.models import User

    days = settings.WORKFLOW_ACKNOWLEDGE_DAYS
    return [
        _step(approval, person, purpose=Purpose.ACKNOWLEDGEMENT, days=days)
        for person in User.objects.filter(pk__in=approval.acknowledgers).order_by("last_name", "pk")
    ]


@transaction.atomic
def acknowledge(step, *, user) -> ApprovalStep:
    if step.purpose != Purpose.ACKNOWLEDGEMENT or not can_act(user, step):
        raise WorkflowRefused(_("Only the listed person acknowledges the order."))
    step.decided_at = timezone.now()
    step.save(update_fields=["decided_at"])
    record(step.approval, Action.ACKNOWLEDGE, actor=user, on_behalf_of=step.on_behalf_of)
    return step


@transaction.atomic
def complete(approval) -> Approval:
    """The process ended: tell the author."""
    approval.status = Approval.Status.DONE
    approval.finished_at = timezone.now()
    approval.save(update_fields=["status", "finished_at"])
    document = approval.document
    record(approval, Action.FINISH)
    notify(
        approval.initiator,
        _("Completed: %(doc)s") % {"doc": document.title},
        _("Registered: № %(number)s of %(date)s")
        % {"number": document.number, "date": document.date.strftime("%d.%m.%Y")}
        if document.number
        else "",
        approval=approval,
        url=f"/documents/{document.pk}/",
    )
    return approval


def activate_plan(approval):
    """The approved plan is registered: its items go to their responsible people for
    execution."""
    from plans.services import activate

    return activate(approval.document.plan)


def enact(approval, *, today=None):
    """The amending order is signed and registered: its changes apply now, or on the effective
    date (enact_due_amendments runs daily). The initiator hears of the result or the conflict."""
    from documents.models import Amendment

    amendment = Amendment.objects.get(order=approval.document)
    amendment.status = Amendment.Status.SIGNED
    amendment.save(update_fields=["status"])
    today = today or timezone.localdate()
    if amendment.effective_date is None or amendment.effective_date <= today:
        return _apply(amendment, approval, today=today)
    record(
        approval,
        Action.FINISH,
        details=_("The changes take effect on %(date)s.")
        % {"date": amendment.effective_date.strftime("%d.%m.%Y")},
    )
    return amendment


def _apply(amendment, approval, *, today):
    from documents.models import Amendment
    from documents.services import apply_amendment

    amendment = apply_amendment(amendment, today=today)
    regulation = amendment.regulation
    url = f"/documents/{regulation.pk}/"
    if amendment.status == Amendment.Status.APPLIED:
        subject = _("The changes are in the regulation: %(doc)s") % {"doc": regulation.title}
        body = _("Revision %(n)s.") % {"n": amendment.result_version.number}
        record(approval, Action.FINISH, details=subject, document=approval.document)
    else:
        subject = _("The changes could not be applied: %(doc)s") % {"doc": regulation.title}
        body = amendment.conflict
        record(approval, Action.FINISH, details=f"{subject}\n{body}", document=approval.document)
    notify(amendment.author or approval.initiator, subject, body, approval=approval, url=url)
    return amendment


def enact_due_amendments(today=None) -> int:
    """Apply the signed amendments whose effective date has come (Celery beat)."""
    from documents.models import Amendment

    today = today or timezone.localdate()
    applied = 0
    due = Amendment.objects.filter(
        status=Amendment.Status.SIGNED, effective_date__lte=today
    ).order_by("effective_date", "pk")
    for amendment in due:
        approval = Approval.objects.filter(document=amendment.order_id).first()
        with transaction.atomic():
            result = _apply(amendment, approval, today=today)
        applied += result.status == Amendment.Status.APPLIED
    return applied


def may_cancel(user, approval) -> bool:
    from orgs.roles import Role

    if approval.status not in (Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION):
        return False
    return user.pk == approval.initiator_id or (
        user.organization_id == approval.document.organization_id and user.has_role(Role.HEAD)
    )


@transaction.atomic
def cancel(approval, *, user, reason) -> Approval:
    """Withdraw a document from approval (the initiator or the organisation's head)."""
    from viewflow.workflow.status import STATUS

    if not (reason or "").strip():
        raise WorkflowRefused(_("Say why the approval is cancelled."))
    if approval.status not in (Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION):
        raise WorkflowRefused(_("The approval has already ended."))
    if not may_cancel(user, approval):
        raise WorkflowRefused(_("Only the initiator or the head can cancel the approval."))
    process = approval.process
    for task in process.task_set.exclude(status__in=[STATUS.DONE, STATUS.CANCELED]):
        task.status = STATUS.CANCELED
        task.finished = timezone.now()
        task.save(update_fields=["status", "finished"])
    process.status = STATUS.CANCELED
    process.finished = timezone.now()
    process.save(update_fields=["status", "finished"])
    approval.status = Approval.Status.CANCELLED
    approval.finished_at = timezone.now()
    approval.save(update_fields=["status", "finished_at"])
    document = approval.document
    lifecycle.withdraw(document, actor=user, process=approval, reason=reason.strip())
    if approval.kind == ProcessKind.AMENDMENT:
        from documents.models import Amendment

        Amendment.objects.filter(order=document).update(status=Amendment.Status.CANCELLED)
    if approval.kind == ProcessKind.PLAN:
        from plans.services import withdrawn

        withdrawn(document.plan)
    record(approval, Action.CANCEL, actor=user, details=reason.strip())
    return approval


def may_reassign(user, approval) -> bool:
    """The organisation's head and deputy directors hand open tasks over to somebody else."""
    from orgs.roles import Role

    if approval.status not in (Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION):
        return False
    if user.is_superuser:
        return True
    return user.organization_id == approval.document.organization_id and bool(
        user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}
    )


@transaction.atomic
def reassign(step, *, user, to, reason) -> ApprovalStep:
    """Hand an open task over to `to` (the assignee is away, left, or the wrong person). A
    decision's new assignee also takes the old one's place on the route, so later rounds go to
    them. The old and the new assignee are told; the audit log keeps who did it and why."""
    step = (
        ApprovalStep.objects.select_for_update(of=("self",))  # the task is an outer join
        .select_related("approval__document", "assignee", "task")
        .get(pk=step.pk)
    )
    approval = step.approval
    if not (reason or "").strip():
        raise WorkflowRefused(_("Say why the task is reassigned."))
    if not may_reassign(user, approval):
        raise WorkflowRefused(_("Only the head or a deputy director reassigns tasks."))
    if step.decided_at is not None or step.task is None:
        raise WorkflowRefused(_("The task is already done."))
    if not to.is_active or to.organization_id != approval.document.organization_id:
        raise WorkflowRefused(_("Tasks go only to active staff of the document's organisation."))
    if to.pk == step.assignee_id:
        raise WorkflowRefused(_("The task is already assigned to this person."))
    if step.purpose == Purpose.DECISION:
        if to.pk == approval.document.author_id:
            raise WorkflowRefused(_("Nobody approves their own document."))
        participants = approval.route[step.stage]["participants"]
        if to.pk in participants:
            raise WorkflowRefused(_("This person already decides at this stage."))
        principal = step.on_behalf_of_id or step.assignee_id
        approval.route[step.stage]["participants"] = [
            to.pk if pk == principal else pk for pk in participants
        ]
        approval.save(update_fields=["route"])
    previous = step.assignee
    step.assignee, step.on_behalf_of = to, None
    step.reminded_at = step.escalated_at = step.escalated_to = None  # a fresh start for them
    step.save(
        update_fields=["assignee", "on_behalf_of", "reminded_at", "escalated_at", "escalated_to"]
    )
    task = step.task
    task.owner, task.assigned = to, timezone.now()
    task.save(update_fields=["owner", "assigned"])
    _participate(approval, [to])
    url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
    title = approval.document.title
    notify(
        to,
        _("Task handed over to you: %(doc)s") % {"doc": title},
        reason.strip(),
        approval=approval,
        url=url,
    )
    notify(
        previous,
        _("Your task was handed over to %(who)s: %(doc)s")
        % {"who": to.initials_name, "doc": title},
        reason.strip(),
        approval=approval,
        url=f"/documents/{approval.document_id}/",
    )
    record(
        approval,
        Action.REASSIGN,
        actor=user,
        details=_("%(from)s → %(to)s: %(reason)s")
        % {"from": previous.initials_name, "to": to.initials_name, "reason": reason.strip()},
    )
    return step


# --- deadlines -------------------------------------------------------------------------------


def sweep_deadlines(now=None) -> dict:
    """Remind assignees of steps due soon and escalate overdue ones to the assignee's superior.
    Each happens once per step; Celery beat runs this every few minutes."""
    now = now or timezone.now()
    remind_before = datetime.timedelta(hours=settings.WORKFLOW_REMIND_BEFORE_HOURS)
    open_steps = ApprovalStep.objects.filter(
        decided_at__isnull=True, due_at__isnull=False, task__isnull=False
    ).select_related("approval__document", "assignee", "task")
    open_steps = open_steps.exclude(approval__status=Approval.Status.CANCELLED)
    reminded = escalated = 0
    for step in open_steps.filter(reminded_at__isnull=True, due_at__lte=now + remind_before):
        with transaction.atomic():
            url = step.task.flow_task.reverse("index", args=[step.task.process_id, step.task_id])
            notify(
                step.assignee,
                _("Reminder: %(doc)s is due %(due)s")
                % {
                    "doc": step.approval.document.title,
                    "due": timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M"),
                },
                approval=step.approval,
                url=url,
            )
            step.reminded_at = now
            step.save(update_fields=["reminded_at"])
            record(step.approval, Action.REMIND, details=step.assignee.initials_name)
            reminded += 1
    for step in open_steps.filter(escalated_at__isnull=True, due_at__lt=now):
        with transaction.atomic():
            superior = superior_of(step.assignee)
            step.escalated_at, step.escalated_to = now, superior
            step.save(update_fields=["escalated_at", "escalated_to"])
            if superior is not None:
                notify(
                    superior,
                    _("Overdue: %(who)s has not acted on %(doc)s")
                    % {"who": step.assignee.get_full_name(), "doc": step.approval.document.title},
                    _("Due: %(due)s")
                    % {"due": timezone.localtime(step.due_at).strftime("%d.%m.%Y %H:%M")},
                    approval=step.approval,
                    url=f"/documents/{step.approval.document_id}/",
                )
            record(
                step.approval,
                Action.ESCALATE,
                details=_("%(who)s → %(to)s")
                % {
                    "who": step.assignee.initials_name,
                    "to": superior.initials_name if superior else "—",
                },
            )
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}
