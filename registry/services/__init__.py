"""Writes with business rules for the case nomenclature and registration journals.

Refusals raise RegistryRefused with a message for the user; nothing is half-done because every
write runs in one transaction."""

from .errors import RegistryRefused
from .nomenclature import (
    INDEX,
    add_case,
    approve_nomenclature,
    close_case,
    final_record,
    final_records,
    propose_case_index,
    rollover,
    update_case,
    validate_case_index,
)
from .registration import (
    approved_nomenclature,
    cancel,
    register_document,
    reserve_number,
    save_journal,
)

__all__ = [
    "INDEX",
    "RegistryRefused",
    "add_case",
    "approve_nomenclature",
    "approved_nomenclature",
    "cancel",
    "close_case",
    "final_record",
    "final_records",
    "propose_case_index",
    "register_document",
    "reserve_number",
    "rollover",
    "save_journal",
    "update_case",
    "validate_case_index",
]
