"""The forms of orders and of amendments to regulations: what the order is generated from;
the same forms correct it on revision."""

import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents import amendments
from documents.lifecycle import FINAL
from documents.models import Document
from documents.selectors import document_outline, visible_documents
from orgs.models import User
from workflows.forms import PeopleField, ProcessForm


class OrderForm(ProcessForm):
    """Приказ from the template: title «О …», preamble, ПРИКАЗЫВАЮ, numbered items, control
    clause; visas by the listed people, the head's signature, acknowledgement by staff."""

    kind = "order"
    route_fields = ("add_approvers", "skip_stages", "visas", "parallel_visas", "acknowledgers")

    title = forms.CharField(label=_("Title"), max_length=500, help_text=_("«О …»"))
    preamble = forms.CharField(label=_("Preamble"), widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(
        label=_("Items"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line; they are numbered in order."),
    )
    executors = PeopleField(queryset=User.objects.none(), required=False, label=_("Executors"))
    control = forms.CharField(
        label=_("Control clause"),
        max_length=500,
        initial="Контроль за исполнением приказа оставляю за собой.",
    )
    visas = PeopleField(queryset=User.objects.none(), required=False, label=_("Visas"))
    parallel_visas = forms.BooleanField(
        label=_("Visas in parallel (otherwise one after another)"), required=False
    )
    acknowledgers = PeopleField(
        queryset=User.objects.none(), required=False, label=_("Staff to acknowledge the order")
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title.lower().startswith("о"):
            raise ValidationError(_("An order's title starts with «О …»."))
        return title

    def clean_items(self):
        # Required (and stripped) by the field: at least one line remains.
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]

    def route_options(self) -> dict:
        options = super().route_options()
        options["visas"] = list(self.cleaned_data.get("visas") or [])
        options["parallel_visas"] = self.cleaned_data.get("parallel_visas", False)
        return options

    def form_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "preamble": data["preamble"],
            "items": list(data["items"]),
            "executors": [p.initials_name for p in data.get("executors") or []],
            "executor_ids": [p.pk for p in data.get("executors") or []],
            "control": data["control"],
        }

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        return {
            "title": form.get("title"),
            "preamble": form.get("preamble"),
            "items": "\n".join(form.get("items", [])),
            "executors": form.get("executor_ids", []),
            "control": form.get("control"),
        }


class AmendmentForm(ProcessForm):
    """Изменения в положение (seed 004 §6.1): changes to a regulation's clauses, agreed by the
    unit's lead (and further approvers), enacted by an order the head signs."""

    kind = "amendment"

    regulation = forms.ModelChoiceField(queryset=None, label=_("Regulation"))
    regulation_name = forms.CharField(
        label=_("The regulation as the order names it"),
        max_length=1000,
        required=False,
        help_text=_("«Положение о …»; empty: made from the regulation's title."),
    )
    # A list of operations (documents.amendments); the page builds it from its rows of changes.
    operations = forms.JSONField(widget=forms.HiddenInput, required=False)
    effective_date = forms.DateField(
        label=_("Effective from"), required=False, help_text=_("Empty: from signing.")
    )
    preamble = forms.CharField(
        label=_("Preamble"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    control = forms.CharField(
        label=_("Control clause"),
        max_length=500,
        initial="Контроль за исполнением приказа оставляю за собой.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)

        self.fields["regulation"].queryset = (
            visible_documents(user)
            .filter(
                kind="regulation",
                organization_id=user.organization_id,
                current_version__isnull=False,
                status__in=FINAL,
            )
            .order_by("title")
        )
        if self.for_revision:
            self.fields["regulation"].disabled = True  # revised changes, same regulation
        self.preview = None

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        spec = form.get("amendment") or {}
        return {
            "regulation": spec.get("regulation"),
            "regulation_name": form.get("regulation_name", ""),
            "effective_date": spec.get("effective_date"),
            "preamble": form.get("preamble"),
            "control": form.get("control"),
        }

    @staticmethod
    def rows_from(form: dict) -> list[dict]:
        return [dict(op) for op in (form.get("amendment") or {}).get("operations", [])]

    @classmethod
    def revision_rows(cls, form: dict, data=None):
        """The rows of changes on the revise page, as they were sent."""
        return AmendmentOperationFormSet(data, prefix="changes", initial=cls.rows_from(form))

    @classmethod
    def revision_data(cls, data, *, prefix):
        """The revise page's data with the operations made from its rows."""
        return with_operations(data, data, key=f"{prefix}-operations")

    def clean(self):

        regulation = self.cleaned_data.get("regulation")
        operations = self.cleaned_data.get("operations") or []
        if regulation is not None:
            if not isinstance(operations, list) or not all(isinstance(o, dict) for o in operations):
                raise ValidationError(_("The changes are not a list of operations."))
            outline = document_outline(regulation.current_version)
            errors = amendments.check(outline, operations)
            if errors:
                raise ValidationError(errors)
            self.cleaned_data["operations"] = [amendments.normalise(o) for o in operations]
            new = amendments.consolidate(outline, operations)
            self.preview = amendments.compare(outline, new)
        return super().clean()

    def route_document(self):
        # Agreed by the lead of the regulation's unit, whoever drafts the changes.
        regulation = self.cleaned_data["regulation"]
        return Document(
            organization=regulation.organization, unit=regulation.unit, author=self.user
        )

    def order_name(self) -> str:

        data = self.cleaned_data
        return data.get("regulation_name") or amendments.regulation_name(data["regulation"].title)

    def form_data(self) -> dict:

        data = self.cleaned_data
        regulation = data["regulation"]
        approved = (regulation.current_version.structure or {}).get("approval") or {}
        approved_on = approved.get("order_date") or (
            regulation.date.isoformat() if regulation.date else None
        )
        approved_number = approved.get("order_number") or regulation.number
        name = self.order_name()
        item = amendments.order_item(
            name,
            datetime.date.fromisoformat(approved_on) if approved_on else None,
            approved_number,
            data["operations"],
        )
        # The title names the regulation as the text does («в Положение о …»).
        return {
            "title": f"О внесении изменений в {name}",
            "regulation_name": data.get("regulation_name") or "",
            "preamble": data.get("preamble") or "",
            "items": [
                item,
                amendments.effective_item(data.get("effective_date"), len(data["operations"])),
            ],
            "executors": [],
            "control": data["control"],
            "amendment": {
                "regulation": regulation.pk,
                "version": regulation.current_version_id,
                "operations": data["operations"],
                "effective_date": data["effective_date"].isoformat()
                if data.get("effective_date")
                else None,
            },
        }


class AmendmentOperationForm(forms.Form):
    """One change of an amendment, as a row of the start page."""

    op = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("set", _("Set clause to new wording")),
            ("add", _("Add clause")),
            ("replace", _("Replace words in clause")),
            ("repeal", _("Repeal clause")),
        ],
    )
    clause = forms.CharField(label=_("Clause"), max_length=30, help_text=_("For example 3.1"))
    text = forms.CharField(
        label=_("Wording (new clause or new wording)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    words = forms.CharField(label=_("Words"), required=False, max_length=2000)
    replacement = forms.CharField(label=_("Replace with"), required=False, max_length=2000)


AmendmentOperationFormSet = forms.formset_factory(AmendmentOperationForm, extra=1)


def operations_from_rows(post, prefix="changes") -> list[dict] | None:
    """The amendment's operations from the page's rows of changes (empty rows left out); None
    when the rows do not validate."""
    rows = AmendmentOperationFormSet(post, prefix=prefix)
    if not rows.is_valid():
        return None
    return [
        {key: row.cleaned_data[key] for key in AmendmentOperationForm.base_fields}
        for row in rows
        if row.cleaned_data
    ]


def with_operations(data, post, key="operations"):
    """Form data with `operations` built from the rows the page sends."""
    data = data.copy()
    data[key] = json.dumps(operations_from_rows(post) or [], ensure_ascii=False)
    return data
