"""Forms of the processes. The web views and the API validate through the same forms."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from documents.permissions import can_add_version
from documents.selectors import visible_documents
from orgs.models import User
from orgs.roles import Role
from search.models import BankCategory

from .models import ApprovalStep, ProcessKind, RestartMode
from .routes import UNIT_LEAD, RouteRefused, build_route, route_template


class PeopleField(forms.ModelMultipleChoiceField):
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


class ConclusionForm(ProcessForm):
    """Экспертное заключение (seed 000 §6.2): dates and way of collecting information, theses,
    the conclusion, recommendations and a verdict; an optional criteria table."""

    kind = ProcessKind.CONCLUSION

    object_document = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Object of expertise (a document in the system)")
    )
    object_title = forms.CharField(label=_("Object of expertise"), max_length=500, required=False)
    object_author = forms.CharField(label=_("Author of the object"), max_length=300, required=False)
    object_subject = forms.CharField(label=_("Subject, grade"), max_length=300, required=False)
    experts = PeopleField(queryset=User.objects.none(), label=_("Working group of experts"))
    collected_from = forms.DateField(label=_("Information collected from"))
    collected_to = forms.DateField(label=_("Information collected to"))
    method = forms.CharField(
        label=_("Way the information was collected"),
        max_length=500,
        help_text=_("For example: analysis of documents, observation of lessons, survey."),
    )
    theses = forms.CharField(label=_("Theses"), widget=forms.Textarea(attrs={"rows": 4}))
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(
        label=_("Recommendations"), widget=forms.Textarea(attrs={"rows": 3})
    )
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[
            ("recommended", _("Recommended")),
            ("after_revision", _("Recommended after revision")),
            ("not_recommended", _("Not recommended")),
        ],
    )
    criteria = forms.CharField(
        label=_("Criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: criterion | score | remark."),
    )
    category = forms.ModelChoiceField(
        queryset=BankCategory.objects.all(),
        required=False,
        to_field_name="code",
        label=_("Information bank category"),
    )
    restricted = forms.BooleanField(
        label=_("Restricted: do not publish to the information bank"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["object_document"].queryset = visible_documents(user)

    def clean_criteria(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if not parts[0]:
                raise ValidationError(_("Line %(n)s: the criterion is empty.") % {"n": number})
            score = parts[1] if len(parts) > 1 else ""
            if score and not score.replace(",", ".").replace(".", "", 1).isdigit():
                raise ValidationError(_("Line %(n)s: the score must be a number.") % {"n": number})
            rows.append({"criterion": parts[0], "score": score, "remark": " | ".join(parts[2:])})
        return rows

    def clean(self):
        data = super().clean()
        document = data.get("object_document")
        if not data.get("object_title"):
            if document is None:
                self.add_error("object_title", _("Name the object of expertise."))
            else:
                data["object_title"] = document.title
        if document is not None and not data.get("object_author") and document.author:
            data["object_author"] = document.author.get_full_name()
        start, end = data.get("collected_from"), data.get("collected_to")
        if start and end and end < start:
            self.add_error("collected_to", _("The period ends before it starts."))
        return data

    def form_data(self) -> dict:
        """The JSON the document is generated from (kept on the approval)."""
        data = self.cleaned_data
        return {
            "object_document": data["object_document"].pk if data.get("object_document") else None,
            "object_title": data["object_title"],
            "object_author": data.get("object_author", ""),
            "object_subject": data.get("object_subject", ""),
            "experts": [f"{p.get_full_name()}, {p.position}".strip(", ") for p in data["experts"]],
            "expert_ids": [p.pk for p in data["experts"]],
            "collected_from": data["collected_from"].isoformat(),
            "collected_to": data["collected_to"].isoformat(),
            "method": data["method"],
            "theses": data["theses"],
            "conclusion": data["conclusion"],
            "recommendations": data["recommendations"],
            "verdict": data["verdict"],
            "criteria": data["criteria"],
            "category": data["category"].code if data.get("category") else "methodical",
            "restricted": data.get("restricted", False),
            "subject": data.get("object_subject", ""),
        }

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        keys = (
            "object_document",
            "object_title",
            "object_author",
            "object_subject",
            "collected_from",
            "collected_to",
            "method",
            "theses",
            "conclusion",
            "recommendations",
            "verdict",
            "category",
            "restricted",
        )
        criteria = [
            " | ".join(
                [row["criterion"], str(row.get("score", "")), row.get("remark", "")]
            ).rstrip(" |")
            for row in form.get("criteria", [])
        ]
        return {
            **{key: form.get(key) for key in keys},
            "experts": form.get("expert_ids", []),
            "criteria": "\n".join(criteria),
        }


class OrderForm(ProcessForm):
    """Приказ from the template: title «О …», preamble, ПРИКАЗЫВАЮ, numbered items, control
    clause; visas by the listed people, the head's signature, acknowledgement by staff."""

    kind = ProcessKind.ORDER
    route_fields = ("add_approvers", "skip_stages", "visas", "parallel_visas", "acknowledgers")

    title = forms.CharField(label=_("Title"), max_length=500, help_text=_("«О …»"))
    preamble = forms.CharField(label=_("Preamble"), widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(
        label=_("Items"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line; they are numbered in order."),
    )
    executors = PeopleField(queryset=User.objects.none(), required=False, label=_("Executors"))
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

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title.lower().startswith("о"):
            raise ValidationError(_("An order's title starts with «О …»."))
        return title

    def clean_items(self):
        # Required (and stripped) by the field: at least one line remains.
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]

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
            "control": data["control"],
        }

    @classmethod
    def initial_from(cls, form: dict, approval=None) -> dict:
        return {
            "title": form.get("title"),
            "preamble": form.get("preamble"),
            "items": "\n".join(form.get("items", [])),
            "executors": form.get("executor_ids", []),
            "control": form.get("control"),
        }


class AmendmentForm(ProcessForm):
    """Изменения в положение (seed 004 §6.1): changes to a regulation's clauses, agreed by the
    unit's lead (and further approvers), enacted by an order the head signs."""

    kind = ProcessKind.AMENDMENT

    regulation = forms.ModelChoiceField(queryset=None, label=_("Regulation"))
    regulation_name = forms.CharField(
        label=_("The regulation as the order names it"),
        max_length=1000,
        required=False,
        help_text=_("«Положение о …»; empty: made from the regulation's title."),
    )
    # A list of operations (documents.amendments); the page builds it from its rows of changes.
    operations = forms.JSONField(widget=forms.HiddenInput, required=False)
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from documents.lifecycle import FINAL

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
            "regulation_name": form.get("regulation_name", ""),
            "effective_date": spec.get("effective_date"),
            "preamble": form.get("preamble"),
            "control": form.get("control"),
        }

    @staticmethod
    def rows_from(form: dict) -> list[dict]:
        return [dict(op) for op in (form.get("amendment") or {}).get("operations", [])]

    def clean(self):
        from documents import amendments
        from documents.selectors import document_outline

        regulation = self.cleaned_data.get("regulation")
        operations = self.cleaned_data.get("operations") or []
        if regulation is not None:
            if not isinstance(operations, list) or not all(isinstance(o, dict) for o in operations):
                raise ValidationError(_("The changes are not a list of operations."))
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
        from documents import amendments

        data = self.cleaned_data
        return data.get("regulation_name") or amendments.regulation_name(data["regulation"].title)

    def form_data(self) -> dict:
        from documents import amendments

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
        if name.startswith("Положение"):
            name = name.replace("Положение", "положение", 1)
        return {
            "title": f"О внесении изменений в {name}",
            "regulation_name": data.get("regulation_name") or "",
            "preamble": data.get("preamble") or "",
            "items": [item],
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


class PlanForm(ProcessForm):
    """План работы (seed 001 §5.3): a plan drafted on the plans page goes to the people who
    agree it and to the head, who approves it (УТВЕРЖДЕН); then it is registered and its items
    are assigned for execution."""

    kind = ProcessKind.PLAN

    plan = forms.ModelChoiceField(queryset=None, label=_("Plan"))

    def __init__(self, *args, user, **kwargs):
        from plans.models import Plan

        super().__init__(*args, user=user, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(
            owner=user, status=Plan.Status.DRAFT
        ).order_by("-created_at")

    def clean(self):
        from plans.services import PlanRefused, check_ready

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


class DocumentApprovalForm(ProcessForm):
    """An uploaded draft (a regulation, a new revision of a document) sent along a route as it
    is: the approvers decide on its file, which gets the stamp once approved."""

    kind = ProcessKind.DOCUMENT

    document = forms.ModelChoiceField(queryset=None, label=_("Document"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        drafts = visible_documents(user).filter(
            organization_id=user.organization_id,
            status=Document.Status.DRAFT,
            current_version__isnull=False,
        )
        # Who may edit a draft may send it: its author, the organisation's leaders, the clerk.
        allowed = [d.pk for d in drafts if can_add_version(user, d)]
        self.fields["document"].queryset = drafts.filter(pk__in=allowed).order_by("-updated_at")

    def clean(self):
        document = self.cleaned_data.get("document")
        if document is not None and not document.current_version.original_name.lower().endswith(
            ".docx"
        ):
            raise ValidationError(
                _("Only a .docx file is sent for approval: the stamp and the number go on it. "
                  "Upload the document as .docx first.")
            )
        return super().clean()

    def document_unit(self):
        document = self.cleaned_data.get("document")
        return document.unit if document is not None else self.user.unit

    def route_document(self):
        return self.cleaned_data["document"]

    def form_data(self) -> dict:
        document = self.cleaned_data["document"]
        return {"document": document.pk, "title": document.title}


class AmendmentOperationForm(forms.Form):
    """One change of an amendment, as a row of the start page."""

    op = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("set", _("Set clause to new wording")),
            ("add", _("Add clause")),
            ("replace", _("Replace words in clause")),
            ("repeal", _("Repeal clause")),
        ],
    )
    clause = forms.CharField(label=_("Clause"), max_length=30, help_text=_("For example 3.1"))
    text = forms.CharField(
        label=_("Wording (new clause or new wording)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    words = forms.CharField(label=_("Words"), required=False, max_length=2000)
    replacement = forms.CharField(label=_("Replace with"), required=False, max_length=2000)


AmendmentOperationFormSet = forms.formset_factory(AmendmentOperationForm, extra=1)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ApprovalStep.Decision.choices, widget=forms.RadioSelect
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when agreeing with remarks or returning for revision."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision")
            in (
                ApprovalStep.Decision.RETURN,
                ApprovalStep.Decision.AGREE_WITH_REMARKS,
            )
            and not (data.get("remarks") or "").strip()
        ):
            self.add_error("remarks", _("Write the remarks."))
        return data


class RevisionForm(forms.Form):
    file = forms.FileField(
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
        from django.utils import timezone

        from registry.models import Case, Journal, Nomenclature

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
    substitute = forms.ModelChoiceField(queryset=None, label=_("Acting substitute"))
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
    people = forms.ModelMultipleChoiceField(label=_("People"), queryset=None, required=False)
    days = forms.IntegerField(label=_("Days to decide"), min_value=1, max_value=60, initial=3)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = User.objects.filter(
            organization=organization, is_active=True
        ).order_by("last_name", "first_name")

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
