"""Registration number templates: «{case}/{n}» → «01-12/45», «{n}-од» → «112-од»."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PLACEHOLDERS = {"n", "case", "year"}


def validate_template(template: str):
    """Refuse unknown placeholders, format specs and templates without {n}."""
    try:
        fields = [
            (name, spec, conversion)
            for _literal, name, spec, conversion in string.Formatter().parse(template)
            if name is not None
        ]
    except ValueError:
        raise ValidationError(
            _("The number template %(template)s is malformed: check the braces.")
            % {"template": template},
            code="malformed",
        ) from None
    unknown = sorted({name for name, _s, _c in fields} - PLACEHOLDERS)
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s in the number template; use {n}, {case}, {year}.")
            % {"names": ", ".join(f"{{{name}}}" for name in unknown)},
            code="unknown_placeholder",
        )
    if any(spec or conversion for _n, spec, conversion in fields):
        raise ValidationError(
            _("Placeholders take no format options: write {n}, {case}, {year}."),
            code="format_spec",
        )
    if "n" not in {name for name, _s, _c in fields}:
        raise ValidationError(
            _("The number template must contain {n}, the sequence number."), code="no_n"
        )


def format_number(template: str, *, n: int, case: str = "", year: int) -> str:
    return template.format(n=n, case=case, year=year)
