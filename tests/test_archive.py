"""The archive's cycle end to end, as the clerk, the commission and the head do it through
the pages, across the years: cases closed → inventory approved → transfer → terms run out →
the commission's review → act of destruction approved → files purged, cards kept."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from . import archive_helpers as helpers
from .archive_helpers import YEAR, at, page
from .workflow_helpers import decide, open_task, start

pytestmark = pytest.mark.django_db
archive_world = helpers.archive_world  # the fixture
D = datetime.date


def approval_of(document):
    from workflows.models import Approval

    return Approval.objects.get(document=document)


def draft_inventory(world, section="permanent"):
    from archive.flows import InventoryFlow
    from archive.models import Inventory

    response = start(InventoryFlow, world["clerk"], {"year": YEAR, "section": section})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Inventory.objects.filter(kind=section).latest("pk")


def through_commission_and_head(world, record, protocol="3"):
    """The chair records the protocol on the task page and agrees; the head approves."""
    approval = approval_of(record.document)
    task = open_task(world["chair"], approval)
    url = reverse(
        "archive:inventory_protocol" if hasattr(record, "kind") else "archive:act_protocol",
        args=[record.pk],
    )
    response = page(
        world["chair"],
        url,
        {"number": protocol, "date": datetime.date.today().strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302
    assert decide(world["chair"], approval).status_code == 302, task
    assert decide(world["head"], approval, "agree").status_code == 302
    record.refresh_from_db()
    return record


def test_the_whole_cycle(archive_world, django_capture_on_commit_callbacks):
    from archive.models import DestructionAct, Event, Review
    from documents.models import Document
    from search.backends import get_backend
    from search.services import drain_outbox
    from workflows.models import AuditEntry

    world = archive_world
    with at(YEAR + 2, 2, 12):
        inventory = draft_inventory(world)
        assert [e.case.index for e in inventory.entries.all()] == ["01-01"]
        inventory = through_commission_and_head(world, inventory)
        assert inventory.status == "approved" and inventory.document.number == "1-ЭК"
        assert inventory.number == "3"
    with at(YEAR + 2, 3, 1):
        response = page(
            world["clerk"],
            reverse("archive:transfer_new"),
            {
                "cases": [world["cases"]["01-01"].pk],
                "number": "1",
                "date": "01.03.2024",
                "received_by": "Архивариус Петрова",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        # In the archive its documents stay readable to whoever could read them.
        for document in world["documents"]["01-01"]:
            shown = page(world["member"], reverse("documents:detail", args=[document.pk]))
            assert shown.status_code == 200
    with at(YEAR + 6, 2, 1):
        index = page(world["clerk"], reverse("archive:index") + "?tab=destruction").content.decode()
        assert "01-02" in index and "01-03" not in index  # ЭПК: the commission first
        response = page(
            world["chair"],
            reverse("archive:review", args=[world["cases"]["01-03"].pk]),
            {
                "decision": Review.Decision.DESTROY,
                "number": "5",
                "date": "01.02.2028",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        from archive.flows import DestructionActFlow

        response = start(
            DestructionActFlow,
            world["clerk"],
            {"cases": [world["cases"]["01-02"].pk, world["cases"]["01-03"].pk]},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        act = DestructionAct.objects.get()
        act = through_commission_and_head(world, act, protocol="6")
        assert act.status == "approved"
        doomed = world["documents"]["01-02"] + world["documents"]["01-03"]
        names = [d.current_version.file.name for d in doomed]
        act_page = page(world["clerk"], act.get_absolute_url()).content.decode()
        for document in doomed:
            assert document.current_version.sha256 in act_page  # the dry run lists every file
        call_command("search_index", "update", stdout=io.StringIO())
        indexed = get_backend().indexed_versions()
        assert all(d.pk in indexed for d in doomed)
        with django_capture_on_commit_callbacks(execute=True):  # the files go after commit
            response = page(
                world["clerk"], reverse("archive:act_destroy", args=[act.pk]), {"confirm": "yes"}
            )
        assert response.status_code == 302
        act.refresh_from_db()
        assert act.status == "destroyed"
        for document, name in zip(doomed, names, strict=True):
            document.refresh_from_db()
            assert document.status == Document.Status.DESTROYED
            assert document.destruction.act == act.label
            assert document.current_version.file.name == ""
            assert not document.current_version.file.storage.exists(name)
            assert (
                page(world["clerk"], reverse("documents:download", args=[document.pk])).status_code
                == 410
            )
        for document in world["documents"]["01-01"] + world["documents"]["01-04"]:
            document.refresh_from_db()
            assert document.status == Document.Status.REGISTERED
            assert document.current_version.file.storage.exists(document.current_version.file.name)
        assert Event.objects.filter(action="destroyed").exists()
        # The report agrees with the nomenclature's final record of 2022.
        from archive.selectors import report

        (row,) = [r for r in report(world["centre"])["years"] if r["year"] == YEAR]
        assert row["final"] == {"permanent": 1, "long": 1, "temporary": 2}
        assert row["closed"] == 4 and row["permanent"] == 1
        assert (row["inventoried"], row["in_archive"], row["destroyed"]) == (1, 1, 2)
        # The outbox drained (the worker's job; the test's transaction never commits), the
        # index no longer holds them and `search_index status` is clean.
        assert drain_outbox()["failed"] == 0
        indexed = get_backend().indexed_versions()
        assert not any(d.pk in indexed for d in doomed)
        out = io.StringIO()
        call_command("search_index", "status", "--json", stdout=out)
        status = json.loads(out.getvalue())
        assert status["missing"] == [] and status["stale"] == [] and status["outbox"] == 0
        # Every destruction is in the document's audit log, naming the act; the card stays
        # with the hash of every removed file.
        for document in doomed:
            entry = AuditEntry.objects.filter(document=document, action="status").latest("pk")
            assert act.label in entry.details and entry.actor == world["clerk"]
            card = page(world["clerk"], reverse("documents:detail", args=[document.pk]))
            assert card.status_code == 200
            html = card.content.decode()
            assert document.title in html and document.number in html
            assert document.versions.get().sha256 in html
            assert reverse("documents:download", args=[document.pk]) not in html  # no file
            assert reverse("documents:version_file", args=[document.pk, 1]) not in html
        # The act itself, and the inventory, stay with their files.
        for record in (act, inventory):
            record.document.refresh_from_db()
            assert record.document.status == Document.Status.REGISTERED
            version = record.document.current_version
            assert version.file.storage.exists(version.file.name)


def test_the_registered_inventory_is_the_version_the_commission_and_the_head_agreed(
    archive_world,
):
    """Returned by the commission and sent back as it is (an inventory is drafted from the
    cases, not edited), agreed, approved: the registered version is the agreed one with the
    requisites (the protocol, «УТВЕРЖДАЮ», the number) added and nothing else."""
    from workflows.models import ApprovalStep

    world = archive_world
    with at(YEAR + 2, 2, 12):
        inventory = draft_inventory(world)
        approval = approval_of(inventory.document)
        assert (
            decide(world["chair"], approval, "return", "Уточнить крайние даты").status_code == 302
        )
        step = open_task(world["clerk"], approval, purpose="revision")
        from .workflow_helpers import act

        assert act(world["clerk"], step, {"comment": "Даты сверены с журналом"}).status_code == 302
        inventory = through_commission_and_head(world, inventory, protocol="4")
        document = inventory.document
        document.refresh_from_db()
        agreed = (
            approval.steps.filter(purpose=ApprovalStep.Purpose.DECISION, decision="agree")
            .latest("decided_at")
            .version
        )
        current = document.current_version
        assert current.structure["base_version"] == agreed.number
        assert current.structure["tables"] == agreed.structure["tables"]
        assert current.structure["form"] == agreed.structure["form"]
        added = set(current.text.splitlines()) - set(agreed.text.splitlines())
        assert any("№ 4" in line for line in added)  # the protocol
        assert any(document.number in line for line in added)  # the registration
        assert "УТВЕРЖДАЮ" in current.text and "УТВЕРЖДАЮ" not in agreed.text
        removed = set(agreed.text.splitlines()) - set(current.text.splitlines())
        assert all("____" in line for line in removed), removed  # only the blanks went
