from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Layout, Row, Span

from documents.models import Document

from .models import Case, Journal, Registration, RetentionRule


def _date_input():
    # Viewflow's calendar field (vf-field-date) shows and takes the locale's dd.mm.yyyy.
    return forms.DateInput()


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class CaseForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Structural unit"), queryset=None)
    title = forms.CharField(label=_("Case title"), max_length=1000)
    index = forms.CharField(
        label=_("Index"),
        max_length=20,
        required=False,
        help_text=_("Leave empty to take the next free index of the unit."),
    )
    retention_rule = forms.ModelChoiceField(
        label=_("Retention"), queryset=RetentionRule.objects.all()
    )
    volumes = forms.IntegerField(label=_("Volumes"), min_value=1, initial=1)
    epk = forms.NullBooleanField(
        label=_("ЭПК"), required=False, help_text=_("Empty: as the retention rule says.")
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    carried_over = forms.BooleanField(label=_("Carried over to the next year"), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organization.units.filter(is_active=True)


class ApproveForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=50)
    order_date = forms.DateField(label=_("Order date"), widget=_date_input())


class JournalFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=_date_input())
    date_to = forms.DateField(label=_("To"), required=False, widget=_date_input())
    number = forms.CharField(label=_("Number"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(Registration.Status.choices),
    )

    layout = Layout(
        Row(
            Span("date_from", desktop=2),
            Span("date_to", desktop=2),
            Span("number", desktop=2),
            Span("kind", desktop=3),
            Span("status", desktop=3),
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + list(Document.Kind.choices)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class RegisterForm(forms.Form):
    journal = forms.ModelChoiceField(label=_("Journal"), queryset=Journal.objects.none())
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.none(),
        required=False,
        help_text=_("Empty: the journal's default case."),
    )
    date = forms.DateField(label=_("Registration date"), widget=_date_input())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["journal"].queryset = organization.journals.filter(is_active=True)
        self.fields["case"].queryset = Case.objects.filter(
            nomenclature__organization=organization,
            nomenclature__year=today.year,
            status=Case.Status.OPEN,
        ).order_by("index")
