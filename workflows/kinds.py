"""The process kinds. Each process app registers one ProcessKind in its AppConfig.ready(); the
approval engine reads every fact about a process from here — its flow and forms, its built-in
route, the document it writes, its journal, how its approval is signed, what happens on
submission, revision and cancellation — and names no process itself. Adding a process touches
only its own app (docs/architecture.md)."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from documents.services import add_generated_version, create_generated

from .sheet import signer

_KINDS = {}


class ProcessKind:
    """What a process is. Subclass it in the process app; override the hooks it needs."""

    code = ""  # stored in Approval.kind and RouteTemplate.process: never renamed
    label = ""
    flow = None  # the Viewflow flow class
    form = None  # the start form (workflows.forms.ProcessForm)
    edit_form = None  # the form the author corrects on revision (None: no form to correct)
    accepts_upload = True  # may the author upload a corrected .docx on revision?
    revise_template = ""  # an extra card on the revise page (e.g. plans: edit the items)
    # An extra card on every task page of the process (the archive: the ЭК's protocol).
    task_template = ""
    route = ()  # the built-in route: stages as workflows.RouteTemplate stores them
    icon = "task"
    document_kind = ""  # what it writes (documents.Document.Kind) …
    generator = ""  # … with this generator of documents.requisites …
    file_name = ""  # … under this file name
    journal = ""  # the journal kind it is registered in (registry.Journal.Kind)

    # --- the document ---------------------------------------------------------------------

    def title(self, form_data) -> str:
        return form_data["title"]

    def document_form(self, form_data) -> dict:
        """The form a version is generated from (a plan adds its rows)."""
        return form_data

    def create_document(self, form_data, *, form, initiator) -> Document:
        """The draft of a new approval, generated from the form, seen only by its participants
        until approved."""
        data = self.document_form(form_data)
        return create_generated(
            organization=initiator.organization,
            unit=form.document_unit(),
            author=initiator,
            kind=self.document_kind,
            title=self.title(data),
            generator=self.generator,
            form=data,
            visibility=Document.Visibility.PARTICIPANTS,
            name=self.file_name,
        )

    def regenerate(self, approval, *, form, user, comment):
        """The author corrected the form: a new version from it, the one the next round sees."""
        return add_generated_version(
            approval.document,
            generator=self.generator,
            form=self.document_form(form),
            author=user,
            comment=comment,
            for_revision=True,
            name=self.file_name,
        )

    def journal_for(self, approval) -> str:
        return self.journal

    def requisites(self, approval, step) -> dict:
        """What the final decision (`step`) puts on the agreed version: by default the
        approving person's «УТВЕРЖДАЮ»."""
        return {"approval": {"stamp": "УТВЕРЖДАЮ", **signer(step)}}

    # --- hooks of the approval ----------------------------------------------------------------

    def submitted(self, approval, form):
        """The approval has started (the document is on its route)."""

    def before_decision(self, approval, step, *, decision, user):
        """Refuse (common.errors.Refused) a decision the process cannot take yet (the archive:
        an expert commission agrees only with its protocol recorded)."""

    def check_upload(self, approval, name, data):
        """Refuse (common.errors.Refused) a corrected file before anything is stored."""

    def uploaded(self, approval, version, *, user):
        """A corrected file became the version the next round decides on."""

    def form_revised(self, approval, form_data):
        """The author corrected the form; the new version is already stored."""

    def unchanged(self, approval, *, user, comment):
        """The author sent the document back without a new file or form."""

    def cancelled(self, approval):
        """The approval was withdrawn."""

    def finished(self, approval):
        """The process ran to its end (after registration and what the flow does after it),
        inside the transaction that closes it. Other apps listen to
        workflows.signals.approval_finished instead."""


def register(kind: ProcessKind):
    if not kind.code or kind.code in _KINDS and type(_KINDS[kind.code]) is not type(kind):
        raise ValueError(f"process kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def get(code) -> ProcessKind:
    return _KINDS[code]


def all_kinds() -> list[ProcessKind]:
    return list(_KINDS.values())


def for_flow(flow_class) -> ProcessKind:
    return next(kind for kind in _KINDS.values() if kind.flow is flow_class)


def choices():
    """The kinds as model field choices (Approval.kind, RouteTemplate.process)."""
    return [(kind.code, kind.label) for kind in _KINDS.values()] or [("", _("process"))]
