"""Writes of work plans (one module a concern): drafting plans and items, reading them from
plan tables, following the plan's approval, controlling the approved plan's items."""

from .approval import activate, submitted, withdrawn
from .base import DRAFTERS, PlanRefused, item_url
from .drafting import (
    add_item,
    check_ready,
    create_plan,
    may_draft,
    may_edit,
    remove_item,
    update_item,
)
from .execution import (
    complete_item,
    decide_extension,
    is_responsible,
    may_control,
    request_extension,
    sweep_items,
)
from .importing import (
    ImportReport,
    check_revised_rows,
    import_items,
    items_from_revision,
    match_people,
)

__all__ = [
    "DRAFTERS",
    "ImportReport",
    "PlanRefused",
    "activate",
    "add_item",
    "check_ready",
    "check_revised_rows",
    "complete_item",
    "create_plan",
    "decide_extension",
    "import_items",
    "is_responsible",
    "item_url",
    "items_from_revision",
    "match_people",
    "may_control",
    "may_draft",
    "may_edit",
    "remove_item",
    "request_extension",
    "submitted",
    "sweep_items",
    "update_item",
    "withdrawn",
]
