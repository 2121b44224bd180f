"""What each process writes and how its approval is signed: the document kind and generator,
the journal it is registered in, and the requisites the final decision puts on the agreed
version (a person's УТВЕРЖДАЮ, a plan's УТВЕРЖДЕН, an order's signature)."""

from dataclasses import dataclass

from django.db import transaction

from documents.models import Document
from documents.services import add_generated_version, create_generated

from . import documents as generated
from .models import ProcessKind


@dataclass(frozen=True)
class ProcessDocument:
    document_kind: str
    generator: str
    file_name: str
    journal: str
    signs: str  # "approval": a stamp at the top right; "signature": a signature at the end


KINDS = {
    ProcessKind.CONCLUSION: ProcessDocument(
        Document.Kind.CONCLUSION, generated.CONCLUSION, "conclusion.docx", "conclusions", "approval"
    ),
    ProcessKind.ORDER: ProcessDocument(
        Document.Kind.ORDER, generated.ORDER, "order.docx", "orders_main", "signature"
    ),
    ProcessKind.AMENDMENT: ProcessDocument(
        Document.Kind.ORDER, generated.ORDER, "order.docx", "orders_main", "signature"
    ),
    ProcessKind.PLAN: ProcessDocument(
        Document.Kind.PLAN, generated.PLAN, "plan.docx", "plans", "plan_approval"
    ),
    # The uploaded file is the document: nothing generated; journal and signing by its kind.
    ProcessKind.DOCUMENT: ProcessDocument("", "", "", "", "by_kind"),
}
# A document approved as uploaded: the journal its kind is registered in.
JOURNALS_BY_KIND = {
    Document.Kind.ORDER: "orders_main",
    Document.Kind.CONCLUSION: "conclusions",
    Document.Kind.PLAN: "plans",
}


def journal_kind(approval) -> str:
    spec = KINDS[approval.kind]
    return spec.journal or JOURNALS_BY_KIND.get(approval.document.kind, "internal")


def register_generators():
    """Called from WorkflowsConfig.ready(): the documents app builds versions through these."""
    from documents.requisites import register_generator

    register_generator(generated.CONCLUSION, generated.build_conclusion)
    register_generator(generated.ORDER, generated.build_order)
    register_generator(generated.PLAN, generated.build_plan)


def title_of(kind, form) -> str:
    return generated.conclusion_title(form) if kind == ProcessKind.CONCLUSION else form["title"]


def document_form(kind, form) -> dict:
    """The form a version is generated from: a plan's also holds its rows as they are now."""
    if kind != ProcessKind.PLAN:
        return form
    from plans.models import Plan  # the plan app sits above the engine; issue 16 inverts this

    return {**form, "rows": generated.plan_rows(Plan.objects.get(pk=form["plan"]))}


def create_process_document(kind, *, form, organization, unit, author) -> Document:
    """The draft document of a new process, generated from its form, visible to participants
    only until approved. A plan has one document whatever happens to its approvals: sent
    again after a cancelled approval, it gets a new version of the same document."""
    spec = KINDS[kind]
    form = document_form(kind, form)
    if kind == ProcessKind.PLAN:
        from plans.models import Plan

        plan = Plan.objects.select_related("document").get(pk=form["plan"])
        if plan.document is not None:
            with transaction.atomic():
                add_generated_version(
                    plan.document,
                    generator=spec.generator,
                    form=form,
                    author=author,
                    name=spec.file_name,
                )
            return plan.document
    return create_generated(
        organization=organization,
        unit=unit,
        author=author,
        kind=spec.document_kind,
        title=title_of(kind, form),
        generator=spec.generator,
        form=form,
        visibility=Document.Visibility.PARTICIPANTS,
        name=spec.file_name,
    )


def regenerate(approval, *, form, user, comment):
    """The author revised the form: a new version from it, the one the next round sees."""
    spec = KINDS[approval.kind]
    return add_generated_version(
        approval.document,
        generator=spec.generator,
        form=document_form(approval.kind, form),
        author=user,
        comment=comment,
        for_revision=True,
        name=spec.file_name,
    )


def requisites_for(approval, step) -> dict:
    """What the final decision (`step`) puts on the agreed version."""
    signs = KINDS[approval.kind].signs
    if signs == "by_kind":  # an order is signed; anything else approved by the person
        signs = "signature" if approval.document.kind == Document.Kind.ORDER else "approval"
    if signs == "signature":
        return {"signature": generated.signer(step)}
    if signs == "plan_approval":
        return {"approval": generated.plan_stamp(step)}
    return {"approval": {"stamp": "УТВЕРЖДАЮ", **generated.signer(step)}}
