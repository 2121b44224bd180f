from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.models import Unit

from .models import Document


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (.docx or .txt)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
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
        label=_("New version (.docx or .txt)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )
    comment = forms.CharField(
        label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
