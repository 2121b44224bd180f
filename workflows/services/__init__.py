"""Writes of the approval engine. Flows, views, the API and Celery tasks call these; every rule
about who may act and what a decision does lives here. Nothing here names a process: what is
particular to one comes from its registered kind (workflows.kinds)."""

from .approvals import (
    advance,
    bind_task,
    can_act,
    decide,
    link_process,
    open_revision,
    open_stage,
    revise,
    stage_returned,
    start_approval,
    step_of,
    submit,
)
from .audit import WorkflowRefused, mark_read, notify, record
from .completion import (
    acknowledge,
    approve,
    cancel,
    complete,
    may_cancel,
    open_acknowledgements,
    register,
    register_by_hand,
    registration_step,
)
from .deadlines import sweep_deadlines
from .handover import may_reassign, reassign
from .people import acting_substitute, may_edit_routes, name_substitute, save_route_template

__all__ = [
    "WorkflowRefused",
    "acknowledge",
    "acting_substitute",
    "advance",
    "approve",
    "bind_task",
    "can_act",
    "cancel",
    "complete",
    "decide",
    "link_process",
    "mark_read",
    "may_cancel",
    "may_edit_routes",
    "may_reassign",
    "name_substitute",
    "notify",
    "open_acknowledgements",
    "open_revision",
    "open_stage",
    "reassign",
    "record",
    "register",
    "register_by_hand",
    "registration_step",
    "revise",
    "save_route_template",
    "stage_returned",
    "start_approval",
    "step_of",
    "submit",
    "sweep_deadlines",
]
