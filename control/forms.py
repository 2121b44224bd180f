"""The forms of control of execution: a resolution, a report, a delegation, an extension and
the controller's decisions. The pages and the API validate through the same services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import SearchSelect
from common.uploads import validate_upload_size
from documents.forms import DocumentField
from documents.models import Document
from documents.selectors import visible_documents
from orgs.models import User
from workflows.forms import PeopleField

from .models import Extension
from .services import people_of


class PersonField(forms.ModelChoiceField):
    widget = SearchSelect

    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username}, {obj.position}".strip(", ")


class DeadlineFields(forms.Form):
    """A deadline as a date, or as a number of working days on the production calendar."""

    deadline = forms.DateField(label=_("Deadline"), required=False)
    working_days = forms.IntegerField(
        label=_("or within working days"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_("Counted on the production calendar from today."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("deadline") and not data.get("working_days"):
            raise ValidationError(_("Give the deadline: a date or a number of working days."))
        return data


class ResolutionForm(DeadlineFields):
    text = forms.CharField(
        label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    executor = PersonField(queryset=User.objects.none(), label=_("Responsible executor"))
    co_executors = PeopleField(
        queryset=User.objects.none(), required=False, label=_("Co-executors")
    )
    controller = PersonField(
        queryset=User.objects.none(),
        required=False,
        label=_("Controller"),
        help_text=_("Empty: the author of the resolution."),
    )
    field_order = ["text", "executor", "co_executors", "deadline", "working_days", "controller"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        staff = people_of(organization.pk)
        for name in ("executor", "co_executors", "controller"):
            self.fields[name].queryset = staff


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("Short report"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    document = DocumentField(
        queryset=Document.objects.none(),
        label=_("Result: a document of the system"),
        required=False,
        help_text=_("Type part of its title or number."),
    )
    file = forms.FileField(
        validators=[validate_upload_size], label=_("Result: a file"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = visible_documents(user).order_by("-created_at")


class DelegateForm(DeadlineFields):
    executor = PersonField(queryset=User.objects.none(), label=_("Executor"))
    text = forms.CharField(
        label=_("What is delegated"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    field_order = ["executor", "text", "deadline", "working_days"]

    def __init__(self, *args, organization_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executor"].queryset = people_of(organization_id)


class ExtensionForm(forms.Form):
    deadline = forms.DateField(label=_("New deadline"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


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


class ReturnForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"))
    end = forms.DateField(label=_("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("The period ends before it starts."))
        return data
