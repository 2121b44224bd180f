from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def route_stages(approval):
    """The approval's route as one line of names per stage."""
    return selectors.route_stages(approval)
