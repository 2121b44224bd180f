"""Rows edited in place (`RowsField`): criteria, order items, the changes of an amendment. The
page adds and removes rows without a reload (static/reglament/forms.js); the field's value is a
list of dicts; an API client sends the list itself."""

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from viewflow.forms.renderers import WidgetRenderer


@dataclass(frozen=True)
class RowColumn:
    """One column of a `RowsField`: key in the row's dict, label, kind of input."""

    key: str
    label: str
    kind: str = "text"  # text | textarea | number | select
    required: bool = False
    choices: tuple = ()
    max_length: int = 2000
    wide: bool = False  # takes the rest of the row (a wording, an item's text)
    help_text: str = ""


class RowsWidget(forms.Widget):
    """The rows as a table of inputs named `<name>-<i>-<key>`; the page adds and removes rows."""

    template_name = ""  # rendered to ElementTree (rows_element), never from a template

    def __init__(self, columns, *, add_label, attrs=None):
        super().__init__(attrs)
        self.columns = columns
        self.add_label = add_label

    def value_from_datadict(self, data, files, name):
        if name in data:  # an API client (or an older page) sends the list itself
            return data.get(name)
        pattern = re.compile(rf"^{re.escape(name)}-(\d+)-(\w+)$")
        rows = {}
        for key in data:
            match = pattern.match(key)
            if match:
                rows.setdefault(int(match[1]), {})[match[2]] = data.get(key)
        return [rows[i] for i in sorted(rows)]

    def value_omitted_from_data(self, data, files, name):
        prefix = f"{name}-"
        return name not in data and not any(str(key).startswith(prefix) for key in data)

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(renderer, WidgetRenderer):
            return super().render(name, value, attrs, renderer)
        node = rows_element(self, name, value, label="", error="")
        return ElementTree.tostring(node, encoding="unicode", method="html")


def _cell(parent, column, name, index, value):
    cell = ElementTree.SubElement(
        parent, "div", {"class": "rg-rows__cell" + (" rg-rows__cell--wide" if column.wide else "")}
    )
    caption = ElementTree.SubElement(cell, "label", {"class": "rg-rows__caption"})
    caption.text = f"{column.label}{'*' if column.required else ''}"
    input_name = f"{name}-{index}-{column.key}"
    value = "" if value is None else str(value)
    if column.kind == "textarea":
        area = ElementTree.SubElement(cell, "textarea", {"name": input_name, "rows": "2"})
        area.text = value
        control = area
    elif column.kind == "select":
        control = ElementTree.SubElement(cell, "select", {"name": input_name})
        for key, text in column.choices:
            option = ElementTree.SubElement(control, "option", {"value": str(key)})
            option.text = str(text)
            if str(key) == value:
                option.set("selected", "selected")
    else:
        control = ElementTree.SubElement(
            cell,
            "input",
            {
                "name": input_name,
                "type": "text",
                "value": value,
                **({"inputmode": "decimal"} if column.kind == "number" else {}),
                **({"placeholder": str(column.help_text)} if column.help_text else {}),
            },
        )
    control.set("aria-label", str(column.label))
    return cell


def _row(parent, widget, name, index, row):
    element = ElementTree.SubElement(parent, "div", {"class": "rg-rows__row"})
    number = ElementTree.SubElement(element, "span", {"class": "rg-rows__number"})
    number.text = "" if index == "__i__" else f"{int(index) + 1}."
    for column in widget.columns:
        _cell(element, column, name, index, (row or {}).get(column.key, ""))
    ElementTree.SubElement(
        element,
        "button",
        {
            "type": "button",
            "class": "mdc-button rg-rows__remove",
            "title": str(_("Remove the row")),
        },
    ).text = "×"
    return element


def rows_element(widget, name, value, *, label, error, help_text=""):
    rows = value if isinstance(value, list) else []
    rows = [row if isinstance(row, dict) else {widget.columns[0].key: row} for row in rows]
    root = ElementTree.Element("rg-rows", {"class": "rg-rows", "data-name": name})
    if label:
        ElementTree.SubElement(root, "div", {"class": "rg-rows__label"}).text = str(label)
    if error:
        ElementTree.SubElement(root, "div", {"class": "rg-field-error"}).text = str(error)
    body = ElementTree.SubElement(root, "div", {"class": "rg-rows__body"})
    for index, row in enumerate(rows or [{}]):
        _row(body, widget, name, index, row)
    template = ElementTree.SubElement(root, "template")
    _row(template, widget, name, "__i__", {})
    ElementTree.SubElement(
        root, "button", {"type": "button", "class": "mdc-button mdc-button--outlined rg-rows__add"}
    ).text = str(widget.add_label)
    if help_text:
        ElementTree.SubElement(root, "div", {"class": "rg-field-help"}).text = str(help_text)
    return root


class RowsRenderer(WidgetRenderer):
    """Viewflow's renderer for `RowsWidget` (settings.VIEWFLOW["WIDGET_RENDERERS"])."""

    def render(self, template_name, context, request=None):
        bound = self.bound_field
        node = rows_element(
            bound.field.widget,
            context["widget"]["name"],
            bound.value(),
            label=bound.label,
            error=bound.errors[0] if bound.errors else "",
            help_text=bound.help_text,
        )
        self.root.append(node)
        return node


class RowsField(forms.Field):
    """A list of rows, each a dict of the columns' keys (`single=True`: a list of the first
    column's strings). Accepts what the page sends, a list (API) or its JSON; `parse_text`
    reads a plain-text form of the rows (one row per line) where a client still sends one."""

    def __init__(self, *, columns, add_label=None, single=False, parse_text=None, **kwargs):
        self.columns = tuple(columns)
        self.single = single
        self.parse_text = parse_text
        kwargs.setdefault("widget", RowsWidget(self.columns, add_label=add_label or _("Add a row")))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except ValueError as error:
                    raise ValidationError(_("The rows are not valid JSON.")) from error
            elif self.parse_text:
                value = self.parse_text(text)
            else:
                value = [line for line in text.splitlines()]
        if not isinstance(value, list):
            raise ValidationError(_("The rows must be a list."))
        rows, errors = [], []
        for number, raw in enumerate(value, start=1):
            if isinstance(raw, str) or raw is None:
                raw = {self.columns[0].key: raw or ""}
            if not isinstance(raw, dict):
                errors.append(_("Row %(n)s is not a row of the table.") % {"n": number})
                continue
            row = {c.key: _text(raw.get(c.key)) for c in self.columns}
            if not any(row.values()):
                continue  # a row left empty is not a row
            errors.extend(self._row_errors(len(rows) + 1, row))
            rows.append(row)
        if errors:
            raise ValidationError(errors)
        if self.single:
            return [row[self.columns[0].key] for row in rows]
        return rows

    def _row_errors(self, number, row):
        for column in self.columns:
            value = row[column.key]
            where = {"n": number, "column": column.label}
            if column.required and not value:
                yield _("Row %(n)s: fill in «%(column)s».") % where
            elif column.kind == "number" and value and not _is_number(value):
                yield _("Row %(n)s: «%(column)s» must be a number.") % where
            elif column.kind == "select" and value not in {str(k) for k, _t in column.choices}:
                yield _("Row %(n)s: choose «%(column)s» from the list.") % where
            elif len(value) > column.max_length:
                yield _("Row %(n)s: «%(column)s» is longer than %(max)s characters.") % {
                    **where,
                    "max": column.max_length,
                }

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


def _text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def _is_number(value: str) -> bool:
    return bool(re.fullmatch(r"\d+([.,]\d+)?", value))
