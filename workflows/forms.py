"""The engine's forms: the base of every process's start form (route adjustments within the
limits of the route template), decisions, revision, registration, substitutes, routes. Each
process app has its own start form; the web views and the API validate through the same."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import SearchSelect, SearchSelectMultiple
from common.uploads import validate_upload_size
from documents.models import Document
from orgs.models import User
from orgs.roles import Role
from registry.models import Case, Journal, Nomenclature

from . import naming
from .models import ApprovalStep, RestartMode
from .routes import GROUPS, UNIT_LEAD, RouteRefused, build_route, route_template


class PeopleField(forms.ModelMultipleChoiceField):
    widget = SearchSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username}, {obj.position}".strip(", ")


def _colleagues(user):
    return User.objects.filter(organization_id=user.organization_id, is_active=True).order_by(
        "last_name", "first_name"
    )


class ProcessForm(forms.Form):
    """Route adjustments shared by every process (within the limits of the route template)."""

    kind: str = ""
    add_approvers = PeopleField(
        queryset=User.objects.none(),
        required=False,
        label=_("Additional approvers"),
        help_text=_("They agree in parallel before the last stage."),
    )

    # Fields that adjust the route: not offered when the author revises a returned document
    # (the route is fixed by then).
    route_fields = ("add_approvers", "skip_stages")

    def __init__(self, *args, user, for_revision=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.for_revision = for_revision
        for name, field in self.fields.items():
            # A stored form keeps dates as ISO strings; the calendar field shows dd.mm.yyyy
            # only of a date.
            value = self.initial.get(name)
            if isinstance(field, forms.DateField) and isinstance(value, str) and value:
                try:
                    self.initial[name] = datetime.date.fromisoformat(value)
                except ValueError:
                    pass
        self.template = route_template(user.organization, self.kind)
        people = _colleagues(user).exclude(pk=user.pk)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField) and field.queryset.model is User:
                field.queryset = people if name != "experts" else _colleagues(user)
        if not self.template.initiator_may_add:
            del self.fields["add_approvers"]
        optional = [
            (str(i), _("Stage %(n)s") % {"n": i + 1})
            for i, stage in enumerate(self.template.stages)
            if not stage.get("required", True)
        ]
        if optional and self.template.initiator_may_skip:
            self.fields["skip_stages"] = forms.MultipleChoiceField(
                choices=optional, required=False, label=_("Skip stages")
            )
        if for_revision:
            for name in self.route_fields:
                self.fields.pop(name, None)
        self.route = None

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        """The fields as they were sent (the approval's stored form), to revise them."""
        return {}

    def route_options(self) -> dict:
        data = self.cleaned_data
        return {
            "add": list(data.get("add_approvers") or []),
            "skip": {int(i) for i in data.get("skip_stages") or []},
        }

    def clean(self):
        data = super().clean()
        if self.user.organization_id is None:
            raise ValidationError(_("Only members of an organisation start processes."))
        if self.for_revision:
            return data  # the route was fixed when the document was sent
        if "add_approvers" not in self.fields and self.data.get("add_approvers"):
            # The field is not offered; a request that sends it anyway is told, not ignored.
            raise ValidationError(_("This route does not allow adding approvers."))
        if not self.errors:
            self.check_route(self.route_document())
        return data

    def document_unit(self):
        """The unit the generated document belongs to."""
        return self.user.unit

    def route_document(self):
        """The document the route is resolved for: the one about to be generated."""
        return Document(
            organization=self.user.organization, unit=self.document_unit(), author=self.user
        )

    def check_route(self, document):
        """Resolve the route for `document`; a refusal becomes a form error."""
        try:
            self.route = build_route(self.template, document, **self.route_options())
        except RouteRefused as refusal:
            raise ValidationError(refusal.message) from None
        return self.route


class DecisionForm(forms.Form):
    """A decision. Given the `step`, its options are its person's (workflows.naming): the head
    approves (signs) or returns, with optional remarks that the record keeps as «с
    замечаниями»; an approver agrees, agrees with remarks or returns."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=ApprovalStep.Decision.choices, widget=forms.RadioSelect
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when agreeing with remarks or returning for revision."),
    )

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.final = step is not None and naming.is_final(step)
        if step is not None:
            self.fields["decision"].choices = naming.decision_choices(step)
        if self.final:
            self.fields["remarks"].help_text = _(
                "Required when returning for revision; when approving, they go into the record."
            )

    def clean(self):
        data = super().clean()
        remarks = (data.get("remarks") or "").strip()
        if (
            data.get("decision")
            in (
                ApprovalStep.Decision.RETURN,
                ApprovalStep.Decision.AGREE_WITH_REMARKS,
            )
            and not remarks
        ):
            self.add_error("remarks", _("Write the remarks."))
        if self.final and data.get("decision") == ApprovalStep.Decision.AGREE and remarks:
            data["decision"] = ApprovalStep.Decision.AGREE_WITH_REMARKS
        return data


class RevisionForm(forms.Form):
    file = forms.FileField(
        validators=[validate_upload_size],
        label=_("Corrected version (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text=_(
            "Do not type the approval stamp, the number or the signature into the file: the "
            "system adds them to exactly this file once it is approved."
        ),
    )
    comment = forms.CharField(
        label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RegistrationForm(forms.Form):
    """The clerk's task: the journal and, when the journal has no default case, the case."""

    # Not required: a document registered meanwhile (in the registry) only closes the task.
    journal = forms.ModelChoiceField(queryset=None, label=_("Journal"), required=False)
    case = forms.ModelChoiceField(
        queryset=None,
        label=_("Case"),
        required=False,
        help_text=_("Empty: the journal's default case."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journal"].queryset = Journal.objects.filter(
            organization=organization, is_active=True
        )
        self.fields["case"].queryset = Case.objects.filter(
            nomenclature__organization=organization,
            nomenclature__year=timezone.localdate().year,
            nomenclature__status=Nomenclature.Status.APPROVED,
            status=Case.Status.OPEN,
        ).order_by("index")


class SubstitutionForm(forms.Form):
    substitute = forms.ModelChoiceField(
        queryset=None, label=_("Acting substitute"), widget=SearchSelect
    )
    starts_on = forms.DateField(label=_("From"))
    ends_on = forms.DateField(label=_("To"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = _colleagues(user).exclude(pk=user.pk)


class RouteLimitsForm(forms.Form):
    """What the head decides about a process's route besides its stages."""

    restart = forms.ChoiceField(label=_("After a return for revision"), choices=RestartMode.choices)
    initiator_may_add = forms.BooleanField(
        label=_("The initiator may add approvers"), required=False
    )
    initiator_may_skip = forms.BooleanField(
        label=_("The initiator may skip stages that are not required"), required=False
    )
    max_stages = forms.IntegerField(label=_("At most stages"), min_value=1, max_value=20)


class RouteStageForm(forms.Form):
    """One stage: roles resolved in the document's organisation and/or named people, who all
    decide in parallel."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(r.value, r.label) for r in Role if r != Role.STAFF]
        + [(UNIT_LEAD, _("Lead of the document's unit"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = PeopleField(label=_("People"), queryset=User.objects.none(), required=False)
    days = forms.IntegerField(label=_("Days to decide"), min_value=1, max_value=60, initial=3)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = User.objects.filter(
            organization=organization, is_active=True
        ).order_by("last_name", "first_name")
        # The groups upper apps name (the archive's expert commission), registered at start.
        self.fields["roles"].choices = [
            *type(self).base_fields["roles"].choices,
            *((code, label) for code, (label, _resolve) in GROUPS.items()),
        ]

    @classmethod
    def initial_of(cls, stage: dict) -> dict:
        specs = stage.get("participants", [])
        return {
            "roles": [spec["role"] for spec in specs if "role" in spec],
            "people": [spec["user"] for spec in specs if "user" in spec],
            "days": stage.get("days", 3),
            "required": stage.get("required", True),
        }

    def stage(self) -> dict | None:
        """The stage as a route template stores it; None for an empty (or deleted) row."""
        data = self.cleaned_data
        if not data or data.get("DELETE"):
            return None
        participants = [{"role": role} for role in data["roles"]] + [
            {"user": person.pk} for person in data["people"]
        ]
        if not participants:
            return None
        return {"participants": participants, "days": data["days"], "required": data["required"]}


RouteStageFormSet = forms.formset_factory(RouteStageForm, extra=1, can_delete=True)
