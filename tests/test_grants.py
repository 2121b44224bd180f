"""Visibility is data: reading grants given by the approval (its participants) and by the bank
(a publication's organisations, or everyone), read by documents.selectors and both search
backends alike, and made from the old tables by the data migrations."""

import pytest

from documents import grants
from documents.models import Grant
from documents.selectors import visible_documents
from orgs.roles import Role
from search.readers import readers_for, readers_of

from .record_helpers import approved_upload

pytestmark = pytest.mark.django_db


def readable(user, document) -> bool:
    return visible_documents(user).filter(pk=document.pk).exists()


def test_a_grant_opens_a_document_to_a_person_an_organisation_or_everyone(org_tree, make_person):
    document = approved_upload(org_tree["centre"], "ПОЛОЖЕНИЕ\nо совете", visibility="restricted")
    outsider = make_person("teacher", org_tree["school"], roles=[Role.STAFF])
    colleague = make_person("staff", org_tree["centre"], roles=[Role.STAFF])
    assert not readable(outsider, document) and not readable(colleague, document)
    assert grants.grant(document.pk, source="approval", source_id=1, users=[outsider]) == 1
    assert grants.grant(document.pk, source="approval", source_id=1, users=[outsider]) == 0
    assert readable(outsider, document) and not readable(colleague, document)
    assert set(readers_of(document)) & set(readers_for(outsider))
    grants.replace(document.pk, source="bank", source_id=7, organizations=[org_tree["centre"]])
    assert readable(colleague, document)
    grants.replace(document.pk, source="bank", source_id=7, everyone=True)
    stranger = make_person("other", org_tree["authority"], roles=[Role.STAFF])
    assert readable(stranger, document) and "all" in readers_of(document)
    grants.replace(document.pk, source="bank", source_id=7)  # restricted: taken back
    assert not readable(stranger, document) and readable(outsider, document)


def test_approval_participants_and_bank_publications_are_grants(people, lab_deputy, journals):
    from conclusions.flows import ExpertConclusionFlow
    from search.bank import publish
    from search.models import BankCategory
    from workflows.models import Approval

    from .workflow_helpers import CONCLUSION, start

    start(ExpertConclusionFlow, people["methodist"], CONCLUSION, experts=[people["methodist"].pk])
    approval = Approval.objects.get()
    assert set(
        Grant.objects.filter(source="approval", source_id=approval.pk).values_list(
            "user_id", flat=True
        )
    ) == set(approval.participants.values_list("pk", flat=True))
    document = approval.document
    publication = publish(
        document,
        category=BankCategory.objects.get(code="methodical"),
        by=people["head"],
        organizations=[people["stranger"].organization],
        require_approved=False,
    )
    grant = Grant.objects.get(source="bank", source_id=publication.pk)
    assert grant.organization == people["stranger"].organization
    assert readable(people["stranger"], document)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_migrations_make_grants_of_participants_and_publications(org_tree, make_person):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("workflows", "0006_document_process"), ("search", "0006_phrase_keys")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    person = make_person("p", org_tree["centre"])
    Document = old.get_model("documents", "Document")
    draft = Document.objects.create(organization_id=org_tree["centre"].pk, title="Черновик")
    shared = Document.objects.create(organization_id=org_tree["centre"].pk, title="Банк")
    approval = old.get_model("workflows", "Approval").objects.create(
        kind="conclusion", document_id=draft.pk, initiator_id=person.pk, restart="all"
    )
    approval.participants.add(person.pk)
    category = old.get_model("search", "BankCategory").objects.first()
    old.get_model("search", "Publication").objects.create(
        document_id=shared.pk, category_id=category.pk, published_by_id=person.pk
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Grant.objects.get(source="approval").user_id == person.pk
    bank = Grant.objects.get(source="bank")
    assert bank.document_id == shared.pk and bank.everyone
