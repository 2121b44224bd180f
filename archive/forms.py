"""The archive's forms: the expert commission, the two process forms (an inventory of a
year's cases, an act of destruction of expired cases), the commission's protocol and review,
the act of acceptance into the archive."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.forms import FieldSet

from common.forms import PageLayout
from orgs.models import Organization, User
from registry.models import Case
from workflows.forms import PeopleField, ProcessForm

from . import selectors, services
from .documents import SECTIONS
from .models import Inventory, Review


def _refused(call):
    try:
        return call()
    except services.ArchiveRefused as refusal:
        raise ValidationError(refusal.message) from None


def _iso(value):
    return value.isoformat() if value else None


class InventoryForm(ProcessForm):
    """Годовой раздел описи: the closed cases of a year, of permanent retention or on
    personnel; the ЭК agrees it, the head approves it."""

    kind = "inventory"

    year = forms.IntegerField(label=_("Year of the cases"), min_value=1990, max_value=2100)
    section = forms.ChoiceField(label=_("Inventory"), choices=Inventory.Kind.choices)

    layout = PageLayout(
        FieldSet(_("Inventory"), "year", "section"), FieldSet(_("Route"), "add_approvers")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = []

    def clean(self):
        data = forms.Form.clean(self)
        if self.user.organization_id is None:
            raise ValidationError(_("Only members of an organisation start processes."))
        if not selectors.may_keep(self.user, self.user.organization):
            raise ValidationError(
                _("Only the clerk or the head keeps the archive of the organisation.")
            )
        if data.get("year") and data.get("section"):
            self.states = _refused(
                lambda: services.check_inventory(
                    organization=self.user.organization, year=data["year"], kind=data["section"]
                )
            )
        return super().clean()

    def form_data(self) -> dict:
        data = self.cleaned_data
        first = services.next_inventory_number(self.user.organization, data["section"])
        return {
            "title": f"Опись {SECTIONS[data['section']]} за {data['year']} год",
            "year": data["year"],
            "section": data["section"],
            "cases": [
                {
                    "case": s.case.pk,
                    "number": first + position,
                    "index": s.case.index,
                    "title": s.case.title,
                    "first_date": _iso(s.first_date),
                    "last_date": _iso(s.last_date),
                    "documents": s.documents,
                    "volumes": s.case.volumes,
                    "note": s.case.note,
                }
                for position, s in enumerate(sorted(self.states, key=lambda s: s.case.index))
            ],
        }


class CasesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, case):
        return f"{case.index} {case.title} ({case.nomenclature.year})"


class DestructionActForm(ProcessForm):
    """Акт о выделении к уничтожению: expired cases of temporary retention (the ЭПК ones once
    the ЭК decided they may go); the ЭК agrees it, the head approves it after the
    inventories of the same years."""

    kind = "destruction_act"

    cases = CasesField(queryset=Case.objects.none(), label=_("Cases whose term has run out"))

    layout = PageLayout(FieldSet(_("Cases"), "cases"), FieldSet(_("Route"), "add_approvers"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.user.organization
        expired = (
            [
                s.case.pk
                for s in selectors.case_states(organization)
                if s.state == selectors.State.EXPIRED
            ]
            if organization
            else []
        )
        initial = self.initial.get("cases") or []
        # The list offers the expired cases; a case chosen on the list page but no longer
        # expired stays in the choices, so the refusal says why.
        self.fields["cases"].queryset = (
            Case.objects.filter(
                pk__in=[*expired, *[int(i) for i in initial if str(i).isdigit()]],
                nomenclature__organization=organization,
            )
            .select_related("nomenclature")
            .order_by("nomenclature__year", "index")
        )
        self.states = []

    def clean(self):
        data = forms.Form.clean(self)
        if self.user.organization_id is None:
            raise ValidationError(_("Only members of an organisation start processes."))
        if not selectors.may_keep(self.user, self.user.organization):
            raise ValidationError(
                _("Only the clerk or the head keeps the archive of the organisation.")
            )
        if data.get("cases"):
            self.states = _refused(
                lambda: services.check_act(organization=self.user.organization, cases=data["cases"])
            )
        return super().clean()

    def form_data(self) -> dict:
        years = sorted({s.year for s in self.states})
        states = sorted(self.states, key=lambda s: (s.year, s.case.index))
        return {
            "title": "Акт о выделении к уничтожению документов, не подлежащих хранению ("
            + (f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}")
            + ")",
            "cases": [
                {
                    "case": s.case.pk,
                    "number": position,
                    "title": s.case.title,
                    "year": s.year,
                    "nomenclature": f"Номенклатура дел на {s.year} год",
                    "index": s.case.index,
                    "volumes": s.case.volumes,
                    "retention": s.retention_label,
                    "note": (
                        f"Экспертиза ЭК, протокол {s.review.protocol}" if s.review else s.case.note
                    ),
                }
                for position, s in enumerate(states, start=1)
            ],
        }


class CommissionForm(forms.Form):
    chair = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Chair"))
    secretary = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Secretary"), required=False
    )
    members = PeopleField(queryset=User.objects.none(), label=_("Members"), required=False)
    archive = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Archive that accepts the permanent cases"),
        required=False,
        help_text=_("Empty: the organisation's own archive."),
    )
    order = forms.CharField(
        label=_("Order naming the commission"),
        max_length=200,
        required=False,
        help_text=_("«Приказ от 10.01.2026 № 01-01/3»"),
    )

    layout = PageLayout(
        FieldSet(_("Expert commission"), "chair", "secretary", "members", "order"),
        FieldSet(_("Archive"), "archive"),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(organization=organization, is_active=True).order_by(
            "last_name"
        )
        for name in ("chair", "secretary", "members"):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = _person
        self.fields["archive"].queryset = Organization.objects.filter(is_active=True).exclude(
            pk=organization.pk
        )


def _person(user) -> str:
    return f"{user.get_full_name() or user.username}, {user.position}".rstrip(", ")


class ProtocolForm(forms.Form):
    number = forms.CharField(label=_("Protocol number"), max_length=50)
    date = forms.DateField(label=_("Protocol date"))

    layout = PageLayout(FieldSet(_("Protocol of the expert commission"), "number", "date"))

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(_("The protocol's date is in the future."))
        return value


class ReviewForm(ProtocolForm):
    decision = forms.ChoiceField(
        label=_("Decision of the commission"),
        choices=Review.Decision.choices,
        widget=forms.RadioSelect,
    )
    years = forms.IntegerField(
        label=_("Years more"), min_value=1, max_value=services.MAX_EXTENSION_YEARS, required=False
    )
    layout = PageLayout(
        FieldSet(_("Decision of the commission"), "decision", "years"),
        FieldSet(_("Protocol of the expert commission"), "number", "date"),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Review.Decision.EXTEND and not data.get("years"):
            self.add_error("years", _("How many years more?"))
        return data


class TransferForm(forms.Form):
    cases = CasesField(queryset=Case.objects.none(), label=_("Cases handed over"))
    number = forms.CharField(label=_("Act number"), max_length=50)
    date = forms.DateField(label=_("Act date"))
    received_by = forms.CharField(
        label=_("Received by"),
        max_length=300,
        required=False,
        help_text=_("Position and name of the archive's keeper."),
    )
    reason = forms.CharField(
        label=_("Reason for a transfer outside the term"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required for cases handed over earlier than one year or later than three years "
            "after their year."
        ),
    )

    layout = PageLayout(
        FieldSet(_("Cases"), "cases"),
        FieldSet(_("Act of acceptance"), "number", "date", "received_by", "reason"),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        ready = [
            s.case.pk
            for s in selectors.case_states(organization)
            if s.state
            in (
                selectors.State.INVENTORIED,
                selectors.State.TRANSFER_DUE,
                selectors.State.TRANSFER_OVERDUE,
            )
        ]
        self.fields["cases"].queryset = (
            Case.objects.filter(pk__in=ready)
            .select_related("nomenclature")
            .order_by("nomenclature__year", "index")
        )
