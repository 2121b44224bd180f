"""What the writes of work plans share: their refusal, the audit log and notifications."""



from common.errors import Refused
from orgs.roles import Role
from workflows.services import notify, record

# Who drafts plans (domain.md): methodists for their work, heads of units and services for
# theirs. The head approves them, so never drafts one.
DRAFTERS = {Role.METHODIST, Role.SENIOR_METHODIST, Role.DEPUTY_DIRECTOR}


class PlanRefused(Refused):
    """A rule of work plans said no."""


def record_plan_event(plan, action, *, actor=None, details=""):
    if plan.document_id:  # the audit log is the plan document's
        record(None, action, actor=actor, details=details, document=plan.document)


def notify_person(person, subject, body="", *, url=""):
    return notify(person, subject, body, url=url)


def item_url(item) -> str:
    return f"/plans/items/{item.pk}/"

