from django import template
from django.utils.translation import pgettext_lazy

from .. import selectors

register = template.Library()


@register.simple_tag
def route_stages(approval):
    """The approval's route as one line of names per stage."""
    return selectors.route_stages(approval)


@register.simple_tag(takes_context=True)
def process_page(context, process):
    """What the process page shows of its approval: the human steps in the order they came
    (who, when, what they decided; no gateways) and whether the user may withdraw it."""
    from ..services import may_cancel  # the services read the selectors this module uses

    approval = selectors.approval_of_process(process)
    if approval is None:
        return {}
    user = context["request"].user
    return {
        "approval": approval,
        "steps": selectors.process_steps(approval),
        "can_cancel": may_cancel(user, approval),
    }


# The labels Viewflow's If gateways put on their edges (viewflow.workflow.nodes.if_gate), kept
# here so the catalogue has them (the diagram's template is an .svg, which makemessages skips).
CONDITION_LABELS = {
    "yes": pgettext_lazy("diagram condition", "yes"),
    "no": pgettext_lazy("diagram condition", "no"),
}


@register.filter
def condition_label(label):
    return CONDITION_LABELS.get(label, label)
