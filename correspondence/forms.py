"""The forms of correspondence: the clerk's registration of an incoming document, the
outgoing letter (a process form: what the letter is generated from), sending."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.forms import FieldSet

from common.forms import PageLayout, SearchSelect
from common.uploads import validate_upload_size
from orgs.models import Organization
from workflows.forms import ProcessForm

from .models import CHANNELS_BY_HAND, Correspondent, Letter


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _partners(user):
    return Organization.objects.filter(is_active=True).exclude(pk=user.organization_id)


class PartnerFields(forms.Form):
    partner_organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Organisation of the tree"),
        widget=SearchSelect,
    )
    correspondent = forms.ModelChoiceField(
        queryset=Correspondent.objects.filter(is_active=True),
        required=False,
        label=_("Correspondent of the directory"),
        widget=SearchSelect,
    )
    new_correspondent = forms.CharField(
        label=_("or a new correspondent"),
        max_length=500,
        required=False,
        help_text=_("Added to the directory."),
    )

    def clean(self):
        data = super().clean()
        named = [
            bool(data.get("partner_organization")),
            bool(data.get("correspondent")),
            bool((data.get("new_correspondent") or "").strip()),
        ]
        if sum(named) != 1:
            raise ValidationError(
                _("Name the correspondent: an organisation of the tree or one of the directory.")
            )
        return data

    def partner(self) -> dict:
        data = self.cleaned_data
        correspondent = data.get("correspondent")
        name = " ".join((data.get("new_correspondent") or "").split())
        if name:
            correspondent, _created = Correspondent.objects.get_or_create(name=name[:500])
        return {
            "partner_organization": data.get("partner_organization"),
            "correspondent": correspondent,
        }


class IncomingForm(PartnerFields):
    kind = forms.ChoiceField(label=_("Kind"), choices=Letter.Kind.choices)
    their_number = forms.CharField(label=_("Sender's number"), max_length=100, required=False)
    their_date = forms.DateField(label=_("Sender's date"), required=False)
    received_on = forms.DateField(label=_("Received on"))
    channel = forms.ChoiceField(
        label=_("How it came"),
        choices=CHANNELS_BY_HAND,
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    file = forms.FileField(
        label=_("The document (.docx, .txt or .pdf)"), validators=[validate_upload_size]
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, validators=[validate_upload_size]
    )

    layout = PageLayout(
        FieldSet(
            _("Correspondent"), "partner_organization", "correspondent", "new_correspondent"
        ),
        FieldSet(
            _("Document"), "kind", "their_number", "their_date", "received_on", "channel",
            "summary", "file", "attachments",
        ),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["partner_organization"].queryset = _partners(user)


class SendForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How it is sent"),
        choices=CHANNELS_BY_HAND,
    )
    sent_on = forms.DateField(label=_("Sent on"), required=False)


class LetterForm(PartnerFields, ProcessForm):
    """Исходящее письмо on the letter blank: addressee, «На № … от …» of the letter it
    answers, the heading to the text, the text; signed by the head, registered in «Исходящие»."""

    kind = "letter"

    in_reply_to = forms.ModelChoiceField(
        queryset=Letter.objects.none(),
        required=False,
        label=_("In reply to"),
        widget=SearchSelect,
        help_text=_("An incoming document of the organisation."),
    )
    addressee = forms.CharField(
        label=_("Addressee"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("As the letter prints it: «Директору МБОУ «СОШ № 14» С.М. Орлову»."),
    )
    title = forms.CharField(label=_("Heading to the text"), max_length=500, help_text=_("«О …»"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))

    layout = PageLayout(
        FieldSet(
            _("Addressee"), "partner_organization", "correspondent", "new_correspondent",
            "addressee", "in_reply_to",
        ),
        FieldSet(_("Letter"), "title", "text"),
        FieldSet(_("Route"), "add_approvers", "skip_stages"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["partner_organization"].queryset = _partners(user)
        self.fields["in_reply_to"].queryset = Letter.objects.filter(
            organization_id=user.organization_id,
            direction=Letter.Direction.INCOMING,
            status=Letter.Status.REGISTERED,
        ).select_related("document")
        self.fields["in_reply_to"].label_from_instance = _letter_label

    def clean(self):
        data = super().clean()
        reply = data.get("in_reply_to")
        partner = data.get("partner_organization")
        if reply and partner and reply.partner_organization_id not in (None, partner.pk):
            raise ValidationError(_("A reply goes to whoever sent the letter it answers."))
        return data

    def form_data(self) -> dict:
        data = self.cleaned_data
        partner = self.partner()
        reply = data.get("in_reply_to")
        return {
            "title": data["title"],
            "text": data["text"],
            "addressee": data["addressee"],
            "partner_organization": getattr(partner["partner_organization"], "pk", None),
            "correspondent": getattr(partner["correspondent"], "pk", None),
            "in_reply_to": reply.pk if reply else None,
            "reply_number": reply.their_number if reply else "",
            "reply_date": reply.their_date.isoformat() if reply and reply.their_date else "",
        }

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        return {
            "title": form.get("title"),
            "text": form.get("text"),
            "addressee": form.get("addressee"),
            "partner_organization": form.get("partner_organization"),
            "correspondent": form.get("correspondent"),
            "in_reply_to": form.get("in_reply_to"),
        }


def _letter_label(letter) -> str:
    number = letter.document.number if letter.document else ""
    return f"№ {number} — {letter.summary[:80]}".strip(" —")
