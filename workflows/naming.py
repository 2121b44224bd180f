"""What a step is called and what its person may decide. The last stage of a route is the head's
approval («Утверждение», «Утвердить»), for an order the signature («Подписание», «Подписать»):
its agreement is what puts the stamp or the signature on the document (ProcessKind.requisites,
the approval sheet). Every earlier stage is an agreement (visa) with the approvers' three
options. The flow's node names stay as they are (stored in Viewflow's tasks): only the words
shown come from here."""

from django.utils.translation import pgettext_lazy

from documents.models import Document

from .models import ApprovalStep

Decision = ApprovalStep.Decision
Purpose = ApprovalStep.Purpose

RETURN = (Decision.RETURN, pgettext_lazy("decision option", "Return for revision"))
APPROVER_CHOICES = [
    (Decision.AGREE, pgettext_lazy("decision option", "Agree")),
    (Decision.AGREE_WITH_REMARKS, pgettext_lazy("decision option", "Agree with remarks")),
    RETURN,
]
TITLES = {
    Purpose.REVISION: pgettext_lazy("step", "Revision"),
    Purpose.ACKNOWLEDGEMENT: pgettext_lazy("step", "Acknowledgement"),
    Purpose.REGISTRATION: pgettext_lazy("step", "Registration"),
}


def is_final(step) -> bool:
    """The step decides at the last stage of the route: the head's approval or signature."""
    return step.purpose == Purpose.DECISION and step.stage == len(step.approval.route or ()) - 1


# Signed, not approved: an order (also the amending order of a regulation) and a letter.
SIGNED_KINDS = frozenset({Document.Kind.ORDER, Document.Kind.LETTER})


def signs(approval) -> bool:
    return approval.document.kind in SIGNED_KINDS


def step_title(step) -> str:
    if step.purpose != Purpose.DECISION:
        return str(TITLES[step.purpose])
    if not is_final(step):
        return str(pgettext_lazy("step", "Agreement"))
    if signs(step.approval):
        return str(pgettext_lazy("step", "Signing"))
    return str(pgettext_lazy("step", "Approval"))


def decision_choices(step) -> list:
    """The options of the step's person: the head approves (signs) or returns; an approver
    agrees, agrees with remarks or returns."""
    if not is_final(step):
        return list(APPROVER_CHOICES)
    agree = (
        pgettext_lazy("decision option", "Sign")
        if signs(step.approval)
        else pgettext_lazy("decision option", "Approve")
    )
    return [(Decision.AGREE, agree), RETURN]


def decision_label(step) -> str:
    """The decision as a record shows it: the head's agreement is «Утверждено» (an order's
    «Подписано»), with remarks when the head wrote some."""
    if not step.decision:
        return ""
    if not is_final(step) or step.decision == Decision.RETURN:
        return str(step.get_decision_display())
    signed = signs(step.approval)
    if step.decision == Decision.AGREE_WITH_REMARKS:
        return str(
            pgettext_lazy("decision", "Signed with remarks")
            if signed
            else pgettext_lazy("decision", "Approved with remarks")
        )
    return str(
        pgettext_lazy("decision", "Signed") if signed else pgettext_lazy("decision", "Approved")
    )


OUTCOMES = {
    Purpose.REVISION: pgettext_lazy("step outcome", "Sent back on its route"),
    Purpose.ACKNOWLEDGEMENT: pgettext_lazy("step outcome", "Acknowledged"),
    Purpose.REGISTRATION: pgettext_lazy("step outcome", "Registered"),
}


def step_outcome(step) -> str:
    """What came of a done step («Согласовано», «Подписано», «Ознакомлен(а)» …); empty while
    it is open."""
    if step.decided_at is None:
        return ""
    if step.purpose == Purpose.DECISION:
        return decision_label(step)
    return str(OUTCOMES[step.purpose])
