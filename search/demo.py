"""Demo content of the information bank: the approved seed regulation, for everyone."""

from documents.models import Document
from orgs.models import User

from .bank import publish
from .models import BankCategory, Publication


def load_demo_bank() -> list[Publication]:
    publications = []
    head = User.objects.get(username="uo_head")
    for document in Document.objects.filter(
        organization__code="uo",
        kind=Document.Kind.REGULATION,
        status__in=[Document.Status.APPROVED, Document.Status.REGISTERED],
    ):
        existing = Publication.objects.filter(document=document).first()
        publications.append(
            existing
            or publish(
                document,
                category=BankCategory.objects.get(code="normative"),
                by=head,
                material_type="положение",
                year=document.created_at.year,
            )
        )
    return publications
