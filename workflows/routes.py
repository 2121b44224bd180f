"""Approval routes: the defaults per process and organisation, their resolution into people,
and the limits within which an initiator adjusts them."""

from django.utils.translation import gettext as _

from common.errors import Refused
from orgs.models import User
from orgs.roles import Role
from orgs.selectors import (
    organization_deputies,
    organization_head,
    unit_deputy,
    unit_head,
    users_with_role,
)

from . import kinds
from .models import RestartMode, RouteTemplate

# Not a role anybody holds: the lead of the document's unit (the senior methodist of a
# department, the head of a school service).
UNIT_LEAD = "unit_lead"


# Groups of people an upper app names for a route ("role" of a participant spec that no
# person holds as a role): code -> (label, resolve(document) -> [User]). Filled in the
# AppConfig.ready() of the app that keeps the group (the archive: its expert commission).
GROUPS = {}


def register_group(code: str, *, label, resolve):
    GROUPS[code] = (label, resolve)


def role_label(role: str) -> str:
    if role == UNIT_LEAD:
        return str(_("Lead of the document's unit"))
    if role in GROUPS:
        return str(GROUPS[role][0])
    return str(Role(role).label)


class RouteRefused(Refused):
    """The route cannot be resolved or adjusted so."""


def route_template(organization, process: str) -> RouteTemplate:
    """The organisation's route for the process, else the shared default, else the process's
    built-in one (its kind's `route`; unsaved)."""
    for candidate in (organization, None):
        template = RouteTemplate.objects.filter(organization=candidate, process=process).first()
        if template is not None:
            return template
    return RouteTemplate(
        organization=None,
        process=process,
        stages=[dict(stage) for stage in kinds.get(process).route],
        restart=RestartMode.ALL,
    )


def resolve(spec: dict, document) -> list[User]:
    """The people a participant spec names, in the document's organisation."""
    if "user" in spec:
        return list(User.objects.filter(pk=spec["user"], is_active=True))
    role = spec["role"]
    organization = document.organization
    if role in GROUPS:
        return list(GROUPS[role][1](document))
    if role == UNIT_LEAD:
        lead = unit_head(document.unit) if document.unit_id else None
        return [lead] if lead else []
    if role == Role.HEAD:
        head = organization_head(organization)
        return [head] if head else []
    if role == Role.DEPUTY_DIRECTOR:
        # The head of the document's service when named, else every deputy director.
        if document.unit_id and (deputy := unit_deputy(document.unit)) is not None:
            return [deputy]
        return list(organization_deputies(organization))
    return list(users_with_role(organization, role, unit=document.unit))


def build_route(
    template: RouteTemplate, document, *, add=(), skip=(), visas=None, parallel_visas=False
) -> list[dict]:
    """Resolve the template into stages of people for `document`, with the initiator's
    adjustments: `skip` (stage indexes), `add` (people agreeing in parallel before the last
    stage) or, for orders, `visas` (people, one stage each or one parallel stage) before the
    template's stages. Refuses what the template's limits forbid and routes that would make
    anybody approve their own document."""
    stages = []
    for index, stage in enumerate(template.stages):
        if index in skip:
            if stage.get("required", True) or not template.initiator_may_skip:
                raise RouteRefused(
                    _("Stage %(n)s of the route cannot be skipped.") % {"n": index + 1}
                )
            continue
        people = []
        for spec in stage["participants"]:
            found = resolve(spec, document)
            if not found:
                raise RouteRefused(
                    _("Nobody holds the role «%(role)s» in %(org)s: the route cannot start.")
                    % {
                        "role": role_label(spec["role"]) if "role" in spec else spec,
                        "org": document.organization,
                    }
                )
            people += [p for p in found if p not in people]
        stages.append({"participants": [p.pk for p in people], "days": stage.get("days", 3)})

    extra = [p for p in (visas or [])]
    if visas:
        visa_stages = (
            [{"participants": [p.pk for p in extra], "days": 2}]
            if parallel_visas
            else [{"participants": [p.pk], "days": 2} for p in extra]
        )
        stages = visa_stages + stages
    if add:
        if not template.initiator_may_add:
            raise RouteRefused(_("This route does not allow adding approvers."))
        stages.insert(max(len(stages) - 1, 0), {"participants": [p.pk for p in add], "days": 3})

    if not stages:
        raise RouteRefused(_("The route has no stages."))
    if len(stages) > template.max_stages:
        raise RouteRefused(
            _("The route may have at most %(n)s stages.") % {"n": template.max_stages}
        )
    author = document.author_id
    for stage in stages:
        if author in stage["participants"]:
            raise RouteRefused(
                _("Nobody approves their own document: remove the author from the route.")
            )
        if len(set(stage["participants"])) != len(stage["participants"]):
            raise RouteRefused(_("A person appears twice in one stage."))
    return stages
