"""The form that sends an uploaded draft for approval as it is."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from documents.permissions import can_add_version
from documents.selectors import visible_documents
from workflows.forms import ProcessForm


class DocumentApprovalForm(ProcessForm):
    """An uploaded draft (a regulation, a new revision of a document) sent along a route as it
    is: the approvers decide on its file, which gets the stamp once approved."""

    kind = "document"

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
