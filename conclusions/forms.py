"""The expert conclusion's form (seed 000 §6.2): what the document is generated from; the same
form corrects it on revision."""

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Column, FieldSet, Row

from common.forms import PageLayout
from common.rows import RowColumn, RowsField
from documents.forms import DocumentField
from documents.selectors import visible_documents
from orgs.models import User
from search.models import BankCategory
from workflows.forms import PeopleField, ProcessForm


def _criteria_lines(text: str) -> list[dict]:
    """The criteria as plain text (an API client's or an older page's «criterion | score |
    remark» lines)."""
    rows = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        rows.append(
            {
                "criterion": parts[0],
                "score": parts[1] if len(parts) > 1 else "",
                "remark": " | ".join(parts[2:]),
            }
        )
    return rows


class ConclusionForm(ProcessForm):
    """Экспертное заключение (seed 000 §6.2): dates and way of collecting information, theses,
    the conclusion, recommendations and a verdict; an optional criteria table."""

    kind = "conclusion"

    object_document = DocumentField(
        queryset=None,
        required=False,
        label=_("Object of expertise (a document in the system)"),
        help_text=_("Or name the object below if it is not in the system."),
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
    criteria = RowsField(
        label=_("Criteria"),
        required=False,
        columns=[
            RowColumn("criterion", _("Criterion"), required=True, wide=True, max_length=1000),
            RowColumn("score", _("Score"), kind="number", max_length=20),
            RowColumn("remark", _("Remark"), max_length=1000),
        ],
        add_label=_("Add a criterion"),
        parse_text=_criteria_lines,
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

    layout = PageLayout(
        FieldSet(
            _("Object of expertise"),
            "object_document",
            "object_title",
            Row("object_author", "object_subject"),
        ),
        FieldSet(
            _("Expertise"),
            "experts",
            Row("collected_from", "collected_to"),
            "method",
            "theses",
            "conclusion",
            "recommendations",
            "criteria",
            "verdict",
        ),
        FieldSet(
            _("Route and publication"),
            "add_approvers",
            "skip_stages",
            Row(Column("category"), Column("restricted")),
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["object_document"].queryset = visible_documents(user)

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
        return {
            **{key: form.get(key) for key in keys},
            "experts": form.get("expert_ids", []),
            "criteria": form.get("criteria", []),
        }
