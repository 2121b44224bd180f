"""Text that goes into the record and out of it: control characters are refused on the way
in and dropped on the way out, so one stored value can never break an export."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls but tab, line feed and carriage return (the line breaks a textarea sends).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What XML 1.0 cannot carry (python-docx and openpyxl refuse it): the controls above, lone
# surrogates and the two non-characters.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def has_control_characters(value) -> bool:
    """Whether a string, or any string inside a list or dict (JSON form data), has one."""
    if isinstance(value, str):
        return bool(CONTROL.search(value))
    if isinstance(value, dict):
        return any(has_control_characters(k) or has_control_characters(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_control_characters(v) for v in value)
    return False


def reject_control_characters(value):
    """Validator for every text field of forms and API serializers (wired in CommonConfig)."""
    if has_control_characters(value):
        raise ValidationError(
            _("The text contains control characters (invisible symbols); remove them."),
            code="control_characters",
        )


def without_control_characters(text: str) -> str:
    """The text with control characters removed (the importer's reading of a file)."""
    return CONTROL.sub("", text)


def xml_safe(value) -> str:
    """`value` as text an .docx or .xlsx can hold: whatever was stored, the export works."""
    if value is None:
        return ""
    return NOT_XML.sub("", str(value))


def lines(value) -> list[str]:
    """The non-empty lines of a text box, stripped."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
