from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Layout, Row, Span

from common.forms import SearchSelect
from common.uploads import validate_upload_size
from orgs.models import Unit

from .models import Document


class DocumentField(forms.ModelChoiceField):
    """A document of the system, found by typing part of its title or number."""

    widget = SearchSelect

    def label_from_instance(self, obj):
        if obj.number:
            return _("%(title)s — № %(number)s of %(date)s") % {
                "title": obj.title,
                "number": obj.number,
                "date": obj.date.strftime("%d.%m.%Y") if obj.date else "",
            }
        return obj.title


class DocumentFilterForm(forms.Form):
    """The documents list's filters (GET)."""

    q = forms.CharField(label=_("Search in titles"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + list(Document.Kind.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(Document.Status.choices),
    )
    layout = Layout(Row(Span("q", desktop=6), Span("kind", desktop=3), Span("status", desktop=3)))


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        validators=[validate_upload_size],
        label=_("File (.docx, .txt or .pdf)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt,.pdf"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Recognise from the heading"))] + list(Document.Kind.choices),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=1000,
        help_text=_("Leave empty to take the title from the document."),
    )
    unit = forms.ModelChoiceField(
        label=_("Structural unit"), queryset=Unit.objects.none(), required=False
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Document.Visibility.choices,
        initial=Document.Visibility.ORGANIZATION,
        help_text=_("A draft is seen only inside the organisation; shared with all "
                    "organisations, it opens to them once approved."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.fields["unit"].queryset = organization.units.filter(is_active=True)


class VersionUploadForm(forms.Form):
    file = forms.FileField(
        validators=[validate_upload_size],
        label=_("New version (.docx, .txt or .pdf)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt,.pdf"}),
    )
    comment = forms.CharField(
        label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ArchiveEntryForm(forms.Form):
    """A document registered (or approved) on paper before the system: its requisites as the
    paper shows them, entered by a clerk or head."""

    number = forms.CharField(
        label=_("Registration number"),
        max_length=100,
        required=False,
        help_text=_("Empty for a document without a number of its own (a regulation approved "
                    "by an order): it is entered as approved."),
    )
    date = forms.DateField(
        label=_("Registration date"),
        required=False,
        widget=forms.DateInput(),
    )
    reason = forms.CharField(
        label=_("Where the original is"),
        max_length=500,
        required=False,
        help_text=_("For example: «дело 01-01 за 2019 год»."),
    )

    def clean(self):
        data = super().clean()
        if bool((data.get("number") or "").strip()) != bool(data.get("date")):
            raise forms.ValidationError(
                _("Give both the number and the date of the registration, or neither.")
            )
        return data
