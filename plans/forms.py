"""Forms of the plans pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Row, Span

from common.forms import PageLayout, SearchSelect
from common.uploads import validate_upload_size
from documents.forms import DocumentField
from documents.models import Document
from documents.selectors import visible_documents
from orgs.models import Unit, User
from workflows.forms import PeopleField, ProcessForm

from .models import Extension, Item, Plan, ResultForm
from .periods import Period, PeriodInvalid
from .services import PlanRefused, check_ready


def _current_school_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


class PlanCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        help_text=_("For example: «План работы методического отдела на 2026/2027 учебный год»."),
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Structural unit"),
        help_text=_("Empty: the plan of the whole organisation."),
    )
    period_kind = forms.ChoiceField(label=_("Kind of year"), choices=Plan.PeriodKind.choices)
    period_unit = forms.ChoiceField(label=_("Period"), choices=Plan.PeriodUnit.choices)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The first year: 2026 for 2026/2027."),
    )
    period_index = forms.IntegerField(
        label=_("Quarter, month or week"),
        required=False,
        min_value=1,
        max_value=53,
        help_text=_("Quarter 1–4 of the year, month 1–12, ISO week 1–53; empty for a year."),
    )
    parent = forms.ModelChoiceField(
        queryset=Plan.objects.none(),
        required=False,
        label=_("Details the plan"),
        widget=SearchSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organization_id=user.organization_id)
        self.fields["parent"].queryset = Plan.objects.filter(
            organization_id=user.organization_id
        ).exclude(status=Plan.Status.CANCELLED)
        self.fields["year"].initial = _current_school_year()
        if user.unit_id:
            self.fields["unit"].initial = user.unit_id

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        index = data.get("period_index")
        if data["period_unit"] == "year":
            index = None
        elif index is None:
            raise ValidationError(_("Give the quarter, month or week."))
        period = Period(data["period_kind"], data["period_unit"], data["year"], index)
        try:
            period.bounds()
        except PeriodInvalid as error:
            raise ValidationError(str(error)) from None
        data["period"] = period
        return data


class ItemForm(forms.Form):
    section = forms.CharField(
        label=_("Section of the plan"),
        max_length=500,
        required=False,
        help_text=_("«1. Организационная работа»: items of one section stand together under it."),
        widget=forms.TextInput(attrs={"list": "plan-sections"}),
    )
    number = forms.CharField(label=_("№"), max_length=20, required=False)
    activity = forms.CharField(label=_("Activity"), widget=forms.Textarea(attrs={"rows": 2}))
    due_text = forms.CharField(
        label=_("Due, as the plan says it"),
        max_length=255,
        required=False,
        help_text=_("«октябрь», «II квартал», «до 15.10.2026», «в течение года»."),
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, help_text=_("Empty: read from the due above.")
    )
    responsible = PeopleField(queryset=User.objects.none(), label=_("Responsible"))
    result_form = forms.CharField(
        label=_("Form of result"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"list": "result-forms"}),
    )
    parent_item = forms.ModelChoiceField(
        queryset=Item.objects.none(), required=False, label=_("Implements the parent plan's item")
    )

    result_forms = ResultForm.values
    layout = PageLayout(
        Row(Span("section", desktop=9), Span("number", desktop=3)),
        "activity",
        Row("due_text", "due_on"),
        "responsible",
        Row("result_form", "parent_item"),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        # The sections the plan already has, offered as the item's section.
        self.sections = list(
            dict.fromkeys(
                plan.items.exclude(section="")
                .order_by("order", "pk")
                .values_list("section", flat=True)
            )
        )
        self.fields["responsible"].queryset = User.objects.filter(
            organization_id=plan.organization_id, is_active=True
        ).order_by("last_name", "first_name")
        if plan.parent_id:
            self.fields["parent_item"].queryset = plan.parent.items.all()
        else:
            del self.fields["parent_item"]

    def item_fields(self) -> dict:
        """The row as plans.services.add_item and update_item take it."""
        data = self.cleaned_data
        return {
            key: data.get(key)
            for key in (
                "number", "activity", "due_text", "due_on", "responsible", "result_form",
                "parent_item", "section",
            )
        }

    def clean(self):
        data = super().clean()
        if not data.get("due_on") and not (data.get("due_text") or "").strip():
            raise ValidationError(_("Give the due date or the due as the plan says it."))
        return data


class ImportItemsForm(forms.Form):
    file = forms.FileField(
        validators=[validate_upload_size],
        label=_("Plan table (.docx)"),
        help_text=_("Columns: №, мероприятие, сроки, ответственный, форма результата."),
    )


class CompleteForm(forms.Form):
    report = forms.CharField(
        label=_("Short report"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    document = DocumentField(
        queryset=Document.objects.none(),
        label=_("Result: a document of the system"),
        required=False,
        help_text=_("Type part of its title or number."),
    )
    file = forms.FileField(
        validators=[validate_upload_size],label=_("Result: a file"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = visible_documents(user).order_by("-created_at")

    def clean_document(self):
        document = self.cleaned_data["document"]
        return document.pk if document is not None else None


class ExtensionForm(forms.Form):
    due_on = forms.DateField(label=_("New due date"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Extension.Status.APPROVED, _("Approve")),
            (Extension.Status.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting."),
    )


class PlanForm(ProcessForm):
    """План работы (seed 001 §5.3): a plan drafted on the plans page goes to the people who
    agree it and to the head, who approves it (УТВЕРЖДЕН); then it is registered and its items
    are assigned for execution."""

    kind = "plan"

    plan = forms.ModelChoiceField(queryset=None, label=_("Plan"), widget=SearchSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(
            owner=user, status=Plan.Status.DRAFT
        ).order_by("-created_at")

    def clean(self):
        plan = self.cleaned_data.get("plan")
        if plan is not None:
            try:
                check_ready(plan)
            except PlanRefused as refusal:
                raise ValidationError(refusal.message) from None
        return super().clean()

    def document_unit(self):
        plan = self.cleaned_data.get("plan")
        return plan.unit if plan is not None else self.user.unit

    def form_data(self) -> dict:
        plan = self.cleaned_data["plan"]
        return {"plan": plan.pk, "title": plan.title, "period": plan.period.label()}
