"""Form building blocks every app's pages share, rendered in the Material frame by Viewflow's
form renderer (`{% render form form.layout %}`):

- `SearchSelect` / `SearchSelectMultiple`: a type-to-search picker for people and documents
  (a text box over the choices; the chosen ones as chips), instead of a long select or a
  Ctrl-click list.
- (`common.rows.RowsField`: a table of rows edited in place.)

Both render to ElementTree (what Viewflow's renderer composes), and the same HTML outside it.
The script behind them is static/reglament/forms.js (loaded by reglament/_styles.html). And
`CheckboxesRenderer`: Django's `CheckboxSelectMultiple` in Viewflow's rendering as the
browser's own checkboxes (Viewflow has no element for it)."""

from copy import copy
from xml.etree import ElementTree

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Column, Layout, Span
from viewflow.forms.renderers import SelectRenderer, WidgetRenderer

# --- layouts ------------------------------------------------------------------------------------


class PageLayout(Layout):
    """Viewflow's `Layout` for forms whose fields depend on the user and the route: a field the
    form does not have is left out of the layout, and a visible field the layout does not name
    is still rendered (at the end), never silently dropped."""

    def append_visible_fields(self, form, root):
        named = set()
        children = _pruned(self.children, form, named)
        rest = [Span(f.name) for f in form.visible_fields() if f.name not in named]
        wrapper = ElementTree.SubElement(
            root, "div", {"class": "vf-form__visiblefields mdc-layout-grid__inner"}
        )
        Column(*children, *rest).append(self, form, wrapper)


def _pruned(children, form, named):
    kept = []
    for child in children:
        if isinstance(child, Span):
            if child.field_name in form.fields:
                named.add(child.field_name)
                kept.append(child)
        elif hasattr(child, "children"):
            inner = _pruned(child.children, form, named)
            if inner:
                node = copy(child)
                node.children = inner
                kept.append(node)
        else:
            kept.append(child)
    return kept


class FirstChoiceSelectRenderer(SelectRenderer):
    """Viewflow's Material select, which leaves a required select empty until clicked; a
    browser's own select shows (and sends) its first choice, and forms here rely on that: so
    does this one."""

    def create_root(self, context):
        widget = context["widget"]
        options = [option for _g, group, _i in widget["optgroups"] for option in group]
        if (
            self.bound_field.field.required
            and options
            and not any(option["selected"] for option in options)
            and options[0]["value"] not in ("", None)
        ):
            options[0]["selected"] = True
            widget["value"] = [str(options[0]["value"])]
        return super().create_root(context)


# --- type-to-search pickers -----------------------------------------------------------------


class SearchSelect(forms.Select):
    """One choice out of many, found by typing part of its label."""

    multiple = False

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(renderer, WidgetRenderer):
            return super().render(name, value, attrs, renderer)
        context = self.get_context(name, value, attrs)
        return ElementTree.tostring(
            _picker(context, label="", error="", help_text="", multiple=self.multiple),
            encoding="unicode",
            method="html",
        )


class SearchSelectMultiple(forms.SelectMultiple):
    """Several choices, each found by typing; the chosen ones shown as removable chips."""

    multiple = True

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(renderer, WidgetRenderer):
            return super().render(name, value, attrs, renderer)
        context = self.get_context(name, value, attrs)
        return ElementTree.tostring(
            _picker(context, label="", error="", help_text="", multiple=True),
            encoding="unicode",
            method="html",
        )


def _choices(context):
    for _group, options, _index in context["widget"]["optgroups"]:
        for option in options:
            if option["value"] in ("", None):
                continue
            yield str(option["value"]), str(option["label"]), bool(option["selected"])


def _picker(context, *, label, error, help_text, multiple, required=False):
    widget = context["widget"]
    name, attrs = widget["name"], widget["attrs"]
    field_id = attrs.get("id") or f"id_{name}"
    root = ElementTree.Element(
        "rg-picker",
        {
            "class": "rg-picker" + (" rg-picker--invalid" if error else ""),
            "data-name": name,
            "data-multiple": "1" if multiple else "",
            "data-unknown": str(_("Choose from the list")),
        },
    )
    if label:
        caption = ElementTree.SubElement(
            root, "label", {"class": "rg-picker__label", "for": field_id}
        )
        caption.text = f"{label}{'*' if required else ''}"
    chosen = [(v, text) for v, text, selected in _choices(context) if selected]
    box = ElementTree.SubElement(root, "div", {"class": "rg-picker__box"})
    if multiple:
        chips = ElementTree.SubElement(box, "span", {"class": "rg-picker__chips"})
        for value, text in chosen:
            chip = ElementTree.SubElement(chips, "span", {"class": "rg-chip", "data-value": value})
            chip.text = text
            ElementTree.SubElement(
                chip,
                "button",
                {"type": "button", "class": "rg-chip__remove", "aria-label": str(_("Remove"))},
            ).text = "×"
            ElementTree.SubElement(chip, "input", {"type": "hidden", "name": name, "value": value})
    else:
        ElementTree.SubElement(
            root,
            "input",
            {"type": "hidden", "name": name, "value": chosen[0][0] if chosen else ""},
        )
    ElementTree.SubElement(
        box,
        "input",
        {
            "type": "search",
            "id": field_id,
            "class": "rg-picker__input",
            "list": f"{field_id}_choices",
            "autocomplete": "off",
            "placeholder": str(_("Start typing…")),
            "value": "" if multiple or not chosen else chosen[0][1],
        },
    )
    options = ElementTree.SubElement(root, "datalist", {"id": f"{field_id}_choices"})
    for value, text, _selected in _choices(context):
        ElementTree.SubElement(options, "option", {"value": text, "data-value": value})
    if error:
        ElementTree.SubElement(root, "div", {"class": "rg-field-error"}).text = str(error)
    if help_text:
        ElementTree.SubElement(root, "div", {"class": "rg-field-help"}).text = str(help_text)
    return root


class PickerRenderer(WidgetRenderer):
    """Viewflow's renderer for the pickers (settings.VIEWFLOW["WIDGET_RENDERERS"])."""

    def render(self, template_name, context, request=None):
        bound = self.bound_field
        node = _picker(
            context,
            label=bound.label,
            error=bound.errors[0] if bound.errors else "",
            help_text=bound.help_text,
            multiple=bound.field.widget.multiple,
            required=bound.field.required,
        )
        self.root.append(node)
        return node


# --- a list of checkboxes ---------------------------------------------------------------------


class CheckboxesRenderer(WidgetRenderer):
    """Viewflow's renderer for `CheckboxSelectMultiple` (settings.VIEWFLOW["WIDGET_RENDERERS"]):
    Viewflow 2.4 renders it as `<vf-field-checkbox-select>`, an element its scripts do not
    define, so the page showed no choices at all. Here: the browser's own checkboxes, one a
    line, under the field's label."""

    def render(self, template_name, context, request=None):
        bound = self.bound_field
        widget = context["widget"]
        root = ElementTree.SubElement(
            self.root,
            "fieldset",
            {
                "class": "rg-checks" + (" rg-checks--invalid" if bound.errors else ""),
                "data-name": widget["name"],
            },
        )
        legend = ElementTree.SubElement(root, "legend", {"class": "rg-checks__label"})
        legend.text = f"{bound.label}{'*' if bound.field.required else ''}"
        for _group, options, _index in widget["optgroups"]:
            for option in options:
                item = ElementTree.SubElement(root, "label", {"class": "rg-checks__item"})
                attrs = {
                    "type": "checkbox",
                    "name": option["name"],
                    "value": str(option["value"]),
                    "id": str(option["attrs"].get("id") or ""),
                }
                if option["selected"]:
                    attrs["checked"] = "checked"
                ElementTree.SubElement(item, "input", attrs)
                ElementTree.SubElement(item, "span").text = str(option["label"])
        if bound.errors:
            ElementTree.SubElement(root, "div", {"class": "rg-field-error"}).text = str(
                bound.errors[0]
            )
        if bound.help_text:
            ElementTree.SubElement(root, "div", {"class": "rg-field-help"}).text = str(
                bound.help_text
            )
        return root
