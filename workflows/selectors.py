"""Reads on approvals shared by views, the API, document visibility and the dashboard."""

from django.db.models import Q
from django.utils import timezone

from orgs.models import User
from orgs.roles import Role

from .models import Approval, ApprovalStep, AuditEntry


def participant_documents(user):
    """Ids of documents whose approval `user` takes part in (initiator, approver, substitute or
    acknowledger): drafts are visible to them."""
    return Approval.participants.through.objects.filter(user_id=user.pk).values(
        "approval__document_id"
    )


def visible_approvals(user):
    """Approvals `user` may see: their own and those they take part in; the organisation's head
    and deputies see all of their organisation's."""
    qs = Approval.objects.select_related("document", "initiator", "process")
    if user.is_superuser:
        return qs
    if not user.is_authenticated:
        return qs.none()
    condition = Q(initiator=user) | Q(
        pk__in=Approval.participants.through.objects.filter(user_id=user.pk).values("approval_id")
    )
    if user.organization_id and user.roles & {Role.HEAD, Role.DEPUTY_DIRECTOR}:
        condition |= Q(document__organization_id=user.organization_id)
    return qs.filter(condition)


def can_view_approval(user, approval) -> bool:
    return visible_approvals(user).filter(pk=approval.pk).exists()


def approval_of_process(process):
    return Approval.objects.select_related("document").filter(process_id=process.pk).first()


def open_steps(user):
    """The user's open tasks, most urgent first."""
    return (
        ApprovalStep.objects.filter(assignee=user, decided_at__isnull=True, task__isnull=False)
        .exclude(approval__status=Approval.Status.CANCELLED)
        .select_related("approval__document", "on_behalf_of", "task")
        .order_by("due_at", "pk")
    )


def dashboard(user) -> dict:
    """My tasks, my overdue tasks and my documents in progress."""
    mine = open_steps(user)
    return {
        "tasks": list(mine[:50]),
        "overdue": list(mine.filter(due_at__lt=timezone.now())[:50]),
        "in_progress": list(
            Approval.objects.filter(
                initiator=user,
                status__in=[Approval.Status.IN_PROGRESS, Approval.Status.ON_REVISION],
            ).select_related("document", "process")[:50]
        ),
    }


def decisions(approval):
    return approval.steps.filter(
        purpose=ApprovalStep.Purpose.DECISION, decided_at__isnull=False
    ).select_related("assignee", "on_behalf_of", "version")


def document_approvals(user, document) -> list[Approval]:
    """The approvals of a document that `user` may see, with their decisions and audit log,
    for the document's page."""
    from .services import may_cancel, may_reassign  # the services read these selectors

    approvals = list(visible_approvals(user).filter(document=document))
    for approval in approvals:
        approval.can_reassign = may_reassign(user, approval)
        approval.open_steps = list(
            approval.steps.filter(decided_at__isnull=True, task__isnull=False).select_related(
                "assignee", "on_behalf_of"
            )
        )
        approval.staff = (
            User.objects.filter(organization_id=document.organization_id, is_active=True)
            .order_by("last_name", "first_name")
            .only("pk", "last_name", "first_name", "middle_name", "username")
            if approval.can_reassign and approval.open_steps
            else ()
        )
        approval.decisions = list(decisions(approval))
        approval.has_acknowledgements = approval.steps.filter(
            purpose=ApprovalStep.Purpose.ACKNOWLEDGEMENT
        ).exists()
        approval.log = list(approval.audit_entries.select_related("actor", "on_behalf_of"))
        approval.can_cancel = may_cancel(user, approval)
        approval.process_url = (
            approval.process.flow_class.instance.reverse(
                "process_detail", args=[approval.process_id]
            )
            if approval.process_id
            else ""
        )
    return approvals


def acknowledgements(user, document) -> list[ApprovalStep]:
    """Who was to acknowledge the document (a signed order) in the approvals `user` may see:
    everybody named, in the order they were given the task, done or not."""
    return list(
        ApprovalStep.objects.filter(
            approval__in=visible_approvals(user).filter(document=document),
            purpose=ApprovalStep.Purpose.ACKNOWLEDGEMENT,
        )
        .select_related("assignee", "on_behalf_of", "approval")
        .order_by("approval", "created_at", "pk")
    )


def process_steps(approval) -> list[ApprovalStep]:
    """Every person's step of an approval, round by round in the order they were given."""
    return list(
        approval.steps.select_related("assignee", "on_behalf_of", "version").order_by(
            "round", "created_at", "pk"
        )
    )


def route_stages(approval) -> list[str]:
    """The route's stages as lines of names ("Смирнова А. С., Кузнецова А. С.")."""
    route = approval.route
    names = {
        u.pk: u.initials_name
        for u in User.objects.filter(pk__in={p for s in route for p in s["participants"]})
    }
    return [", ".join(names.get(pk, "?") for pk in stage["participants"]) for stage in route]


def document_history(user, document) -> list:
    """The document's own audit entries (uploads, registration, archive entry, new revisions:
    what happened outside its approvals), for whoever may read the document."""
    return list(
        AuditEntry.objects.filter(document=document, approval__isnull=True).select_related(
            "actor", "on_behalf_of"
        )
    )
