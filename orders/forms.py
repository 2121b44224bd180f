"""The forms of orders and of amendments to regulations: what the order is generated from;
the same forms correct it on revision."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.forms import FieldSet

from common.forms import PageLayout
from common.rows import RowColumn, RowsField
from documents import amendments
from documents.forms import DocumentField
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
    items = RowsField(
        label=_("Items"),
        columns=[RowColumn("text", _("Item"), kind="textarea", required=True, wide=True)],
        single=True,
        add_label=_("Add an item"),
        help_text=_("They are numbered in order."),
    )
    executors = PeopleField(queryset=User.objects.none(), required=False, label=_("Executors"))
    deadline = forms.DateField(
        label=_("Deadline of execution"),
        required=False,
        help_text=_("With executors: they get the order's items on control once it is signed."),
    )
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

    layout = PageLayout(
        FieldSet(_("Order"), "title", "preamble", "items", "executors", "deadline", "control"),
        FieldSet(
            _("Route"),
            "visas",
            "parallel_visas",
            "add_approvers",
            "skip_stages",
            "acknowledgers",
        ),
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title.lower().startswith("о"):
            raise ValidationError(_("An order's title starts with «О …»."))
        return title

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline is not None and deadline < timezone.localdate():
            raise ValidationError(_("The deadline is already past."))
        return deadline

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
            "deadline": data["deadline"].isoformat() if data.get("deadline") else "",
            "control": data["control"],
        }

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        return {
            "title": form.get("title"),
            "preamble": form.get("preamble"),
            "items": list(form.get("items", [])),
            "executors": form.get("executor_ids", []),
            "deadline": form.get("deadline") or None,
            "control": form.get("control"),
        }


class AmendmentForm(ProcessForm):
    """Изменения в положение (seed 004 §6.1): changes to a regulation's clauses, agreed by the
    unit's lead (and further approvers), enacted by an order the head signs."""

    kind = "amendment"

    regulation = DocumentField(queryset=None, label=_("Regulation"))
    regulation_name = forms.CharField(
        label=_("The regulation as the order names it"),
        max_length=1000,
        required=False,
        help_text=_("«Положение о …»; empty: made from the regulation's title."),
    )
    # A list of operations (documents.amendments), edited as rows of the page.
    operations = RowsField(
        label=_("Changes"),
        required=False,
        columns=[
            RowColumn(
                "op",
                _("Change"),
                kind="select",
                required=True,
                choices=(
                    ("set", _("Set clause to new wording")),
                    ("add", _("Add clause")),
                    ("replace", _("Replace words in clause")),
                    ("repeal", _("Repeal clause")),
                ),
            ),
            RowColumn("clause", _("Clause"), required=True, max_length=30, help_text="3.1"),
            RowColumn(
                "text",
                _("Wording (new clause or new wording)"),
                kind="textarea",
                wide=True,
                max_length=20000,
            ),
            RowColumn("words", _("Words")),
            RowColumn("replacement", _("Replace with")),
        ],
        add_label=_("One more change"),
        help_text=_(
            "Each change refers to a clause of the regulation's current revision; existing "
            "clauses are never renumbered."
        ),
    )
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

    layout = PageLayout(
        FieldSet(_("Regulation"), "regulation", "regulation_name"),
        "operations",
        FieldSet(_("Order"), "effective_date", "preamble", "control"),
        FieldSet(_("Route"), "add_approvers", "skip_stages"),
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
            "operations": [dict(op) for op in spec.get("operations", [])],
            "regulation_name": form.get("regulation_name", ""),
            "effective_date": spec.get("effective_date"),
            "preamble": form.get("preamble"),
            "control": form.get("control"),
        }

    def clean(self):

        regulation = self.cleaned_data.get("regulation")
        operations = self.cleaned_data.get("operations") or []
        if regulation is not None and "operations" not in self.errors:
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

