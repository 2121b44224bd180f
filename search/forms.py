from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Layout, Row, Span

from common.uploads import validate_upload_size
from orgs.models import Organization

from .models import BankCategory


class SearchBoxForm(forms.Form):
    """The search page's query box and its order (GET)."""

    q = forms.CharField(
        label=_("Find"),
        required=False,
        max_length=1000,
        help_text=_("Words, a «phrase», -exclude, OR; a number such as 01-12/45"),
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[("relevance", _("By relevance")), ("date", _("By date"))],
    )
    layout = Layout(Row(Span("q", desktop=9, tablet=6), Span("sort", desktop=3, tablet=2)))


class PublishForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=BankCategory.objects.all())
    organizations = forms.ModelMultipleChoiceField(
        label=_("Published to"),
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: staff of every organisation."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    level = forms.CharField(label=_("Level or grade"), max_length=100, required=False)
    material_type = forms.CharField(label=_("Type of material"), max_length=100, required=False)
    author_name = forms.CharField(label=_("Author"), max_length=300, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    restricted = forms.BooleanField(label=_("Restricted"), required=False)


class MaterialForm(PublishForm):
    file = forms.FileField(
        validators=[validate_upload_size],
        label=_("File (.docx or .txt)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )
    title = forms.CharField(label=_("Title"), max_length=1000, required=False)

    field_order = ["file", "title", "category"]
