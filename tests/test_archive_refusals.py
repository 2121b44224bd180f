"""What the archive refuses, each with its reason, leaving nothing half-stored: an inventory
with a case still open, a permanent case or one under the commission's review in an act of
destruction, an act approved before the inventory of its years, the commission agreeing
without its protocol, a transfer outside the one-to-three-year window without a reason, a
destruction not confirmed, repeated or by someone else; and what the commission's review does
to a case's term."""

import datetime

import pytest
from django.urls import reverse

from archive import services
from archive.models import DestructionAct, Inventory, Review, Transfer
from archive.selectors import State, case_states

from . import archive_helpers as helpers
from .archive_helpers import YEAR, at, page
from .test_archive import approval_of, draft_inventory, through_commission_and_head
from .workflow_helpers import decide, start

pytestmark = pytest.mark.django_db
archive_world = helpers.archive_world  # the fixture


def state_of(world, index, **kwargs):
    case = world["cases"][index]
    return next(iter(case_states(world["centre"], cases=[case], **kwargs)))


def draft_act(world, *indexes):
    from archive.flows import DestructionActFlow

    query = "&".join(f"cases={world['cases'][i].pk}" for i in indexes)
    form_page = page(world["clerk"], f"{DestructionActFlow.start.reverse('execute')}?{query}")
    assert form_page.status_code == 200
    return start(
        DestructionActFlow, world["clerk"], {"cases": [world["cases"][i].pk for i in indexes]}
    )


def test_an_inventory_of_a_year_with_an_open_case_is_refused(archive_world):
    from archive.flows import InventoryFlow
    from registry import services as registry
    from registry.models import RetentionRule

    world = archive_world
    with at(YEAR + 3, 3, 1):
        nomenclature = world["centre"].nomenclatures.get(year=YEAR + 3)
        registry.add_case(
            nomenclature,
            unit=world["cases"]["01-01"].unit,
            index="01-01",
            title="Приказы по основной деятельности",
            retention_rule=RetentionRule.objects.get(title="Приказы по основной деятельности"),
        )
        response = start(InventoryFlow, world["clerk"], {"year": YEAR + 3, "section": "permanent"})
        assert response.status_code == 200
        assert "ещё не закрыто: в опись включаются закрытые дела" in response.content.decode()
        assert not Inventory.objects.exists()


def test_the_commission_agrees_only_with_its_protocol(archive_world):
    world = archive_world
    with at(YEAR + 2, 2, 12):
        inventory = draft_inventory(world)
        approval = approval_of(inventory.document)
        response = decide(world["chair"], approval)
        assert response.status_code == 200  # the task stays open, saying why
        assert approval.steps.get(assignee=world["chair"]).decided_at is None
        # Somebody outside the commission cannot record it.
        url = reverse("archive:inventory_protocol", args=[inventory.pk])
        page(world["head"], url, {"number": "1", "date": "12.02.2024"})
        inventory.refresh_from_db()
        assert inventory.number == ""
        # In the future: refused too.
        page(world["chair"], url, {"number": "1", "date": "12.02.2030"})
        inventory.refresh_from_db()
        assert inventory.number == ""


def test_a_permanent_case_and_one_under_review_never_go_into_an_act(archive_world):
    world = archive_world
    with at(YEAR + 6, 2, 1):
        for index, reason in (("01-01", "permanent"), ("01-03", "review")):
            response = draft_act(world, "01-02", index)
            assert response.status_code == 200, reason
        assert not DestructionAct.objects.exists()
        assert state_of(world, "01-03").state == State.TO_REVIEW
        with pytest.raises(services.ArchiveRefused, match="постоянного хранения"):
            services.check_act(organization=world["centre"], cases=[world["cases"]["01-01"]])
        with pytest.raises(services.ArchiveRefused, match="экспертизы"):
            services.check_act(organization=world["centre"], cases=[world["cases"]["01-03"]])
    with at(YEAR + 5, 6, 1):  # a year before the term runs out
        with pytest.raises(services.ArchiveRefused, match="истекает 1 января 2028"):
            services.check_act(organization=world["centre"], cases=[world["cases"]["01-02"]])


def test_an_act_is_approved_only_after_the_inventory_of_its_years(archive_world):
    world = archive_world
    with at(YEAR + 6, 2, 1):
        assert draft_act(world, "01-02").status_code == 302
        act = DestructionAct.objects.get()
        approval = approval_of(act.document)
        page(
            world["chair"],
            reverse("archive:act_protocol", args=[act.pk]),
            {"number": "7", "date": "01.02.2028"},
        )
        assert decide(world["chair"], approval).status_code == 302
        refused = decide(world["head"], approval)
        assert refused.status_code == 200
        assert "2022" in refused.content.decode()
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.ON_APPROVAL
        # The inventory of 2022 approved, the head approves the act.
        inventory = through_commission_and_head(world, draft_inventory(world))
        assert inventory.status == Inventory.Status.APPROVED
        assert decide(world["head"], approval).status_code == 302
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.APPROVED
        text = act.document.current_version.text
        assert "Описи дел постоянного хранения утверждены" in text and "Протокол ЭК" in text


def test_a_transfer_outside_its_term_needs_a_reason(archive_world):
    world = archive_world
    with at(YEAR + 1, 6, 1):
        inventory = through_commission_and_head(world, draft_inventory(world))
        assert inventory.status == Inventory.Status.APPROVED
        assert state_of(world, "01-01").state == State.INVENTORIED  # too early
        data = {"cases": [world["cases"]["01-01"].pk], "number": "1", "date": "01.06.2023"}
        refused = page(world["clerk"], reverse("archive:transfer_new"), data)
        assert refused.status_code == 400 and not Transfer.objects.exists()
        assert "31.12.2023" in refused.content.decode()
        done = page(
            world["clerk"],
            reverse("archive:transfer_new"),
            {**data, "reason": "Реорганизация: помещение архива освобождается"},
        )
        assert done.status_code == 302
        assert state_of(world, "01-01").state == State.IN_ARCHIVE
        again = page(world["clerk"], reverse("archive:transfer_new"), data)
        assert again.status_code == 400 and Transfer.objects.count() == 1


def test_a_case_transferred_late_is_overdue_until_then(archive_world):
    world = archive_world
    with at(YEAR + 1, 6, 1):
        through_commission_and_head(world, draft_inventory(world))
    with at(YEAR + 4, 2, 1):
        assert state_of(world, "01-01").state == State.TRANSFER_OVERDUE
        report = page(world["clerk"], reverse("archive:index") + "?tab=transfer").content.decode()
        assert "01-01" in report


def test_the_commission_extends_a_term_or_keeps_a_case_permanently(archive_world):
    world = archive_world
    with at(YEAR + 6, 2, 1):
        url = reverse("archive:review", args=[world["cases"]["01-03"].pk])
        # Only its members decide (the head is not one here); the years are required.
        assert (
            page(
                world["head"],
                url,
                {"decision": "extend", "years": "3", "number": "2", "date": "01.02.2028"},
            ).status_code
            == 400
        )
        assert (
            page(
                world["chair"], url, {"decision": "extend", "number": "2", "date": "01.02.2028"}
            ).status_code
            == 400
        )
        assert not Review.objects.filter(decided_by=world["head"]).exists()
        response = page(
            world["chair"],
            url,
            {"decision": "extend", "years": "3", "number": "2", "date": "01.02.2028"},
        )
        assert response.status_code == 302
        extended = state_of(world, "01-03")
        assert extended.state == State.KEPT and extended.expires == YEAR + 1 + 5 + 3
    with at(YEAR + 9, 2, 1):
        assert state_of(world, "01-03").state == State.TO_REVIEW  # reviewed again
        services.decide_review(
            case=world["cases"]["01-03"],
            decision=Review.Decision.PERMANENT,
            protocol_number="9",
            protocol_date=datetime.date(YEAR + 9, 1, 30),
            actor=world["chair"],
        )
        kept = state_of(world, "01-03")
        assert kept.permanent and kept.state == State.TO_INVENTORY
        with pytest.raises(services.ArchiveRefused, match="постоянного хранения"):
            services.check_act(organization=world["centre"], cases=[world["cases"]["01-03"]])


def test_a_personnel_inventory_lists_the_personnel_case(archive_world):
    world = archive_world
    with at(YEAR + 2, 2, 12):
        inventory = draft_inventory(world, "personnel")
        assert [e.case.index for e in inventory.entries.all()] == ["01-04"]
        assert "по личному составу" in inventory.document.title


def test_destruction_is_confirmed_once_by_the_keepers_only(
    archive_world, django_capture_on_commit_callbacks
):
    world = archive_world
    with at(YEAR + 6, 2, 1):
        through_commission_and_head(world, draft_inventory(world))
        assert draft_act(world, "01-02").status_code == 302
        act = through_commission_and_head(world, DestructionAct.objects.get(), protocol="8")
        url = reverse("archive:act_destroy", args=[act.pk])
        page(world["clerk"], url, {})  # not confirmed
        page(world["chair"], url, {"confirm": "yes"})  # not a keeper
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.APPROVED
        kept = world["documents"]["01-02"][0]
        kept.refresh_from_db()
        assert kept.status == "registered"
        with django_capture_on_commit_callbacks(execute=True):
            page(world["clerk"], url, {"confirm": "yes"})
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.DESTROYED
        with pytest.raises(services.ArchiveRefused, match="уже исполнен"):
            services.destroy(act=act, actor=world["clerk"])


def test_the_clerks_are_reminded_once_a_year_of_what_is_due(archive_world):
    from archive.models import Event
    from workflows.models import Notification

    world = archive_world
    with at(YEAR + 2, 2, 1):
        through_commission_and_head(world, draft_inventory(world))
        before = Notification.objects.filter(recipient=world["clerk"]).count()
        assert services.remind() == 2  # the clerk and the head
        assert Notification.objects.filter(recipient=world["clerk"]).count() == before + 1
        # 01-01 is due for the archive, 01-04 (on personnel) waits for its inventory.
        assert Event.objects.filter(action="reminded").get().details == (
            "2024: transfer 1, overdue 0, destruction 0, inventory 1, review 0"
        )
        assert services.remind() == 0  # once
    with at(YEAR + 6, 2, 1):
        assert services.remind() == 3  # new dues: the review goes to the chair too
        assert Notification.objects.filter(recipient=world["chair"], url__contains="review")


def test_nothing_outside_the_act_is_touched(
    archive_world, org_tree, django_capture_on_commit_callbacks
):
    """A document outside the act with the very same bytes (another organisation's copy)
    keeps its status, text and stored file; only the act's documents lose theirs."""
    from documents.services import create_document

    world = archive_world
    with at(YEAR + 6, 2, 1):
        twin = create_document(
            organization=org_tree["school"],
            name="copy.txt",
            data="ПРИКАЗ\nО деле 01-02, документ 1\n\n1. Провести.".encode(),
        )
        doomed = world["documents"]["01-02"][0]
        assert twin.current_version.sha256 == doomed.current_version.sha256
        through_commission_and_head(world, draft_inventory(world))
        assert draft_act(world, "01-02").status_code == 302
        act = through_commission_and_head(world, DestructionAct.objects.get(), protocol="8")
        plan = services.destruction_plan(act)
        listed = [row for row in plan["files"] if row["document"] == doomed.pk]
        assert listed and listed[0]["stored"] == doomed.current_version.file.name
        assert twin.pk not in {row["document"] for row in plan["files"]}
        assert {d.pk for d in plan["documents"]} == {d.pk for d in world["documents"]["01-02"]}
        with django_capture_on_commit_callbacks(execute=True):
            services.destroy(act=act, actor=world["clerk"])
        twin.refresh_from_db()
        version = twin.current_version
        assert (
            twin.status == "draft"
            and version.text
            and version.file.storage.exists(version.file.name)
        )
        other = world["documents"]["01-02"][1]
        other.refresh_from_db()
        assert other.status == "destroyed"


def test_dates_before_the_record_allows_are_refused(archive_world):
    """A transfer dated before its inventory was approved; a review dated before the term
    ran out."""
    world = archive_world
    with at(YEAR + 2, 2, 12):
        through_commission_and_head(world, draft_inventory(world))
    with at(YEAR + 2, 3, 1):
        with pytest.raises(services.ArchiveRefused, match="до утверждения описи"):
            services.record_transfer(
                organization=world["centre"],
                cases=[world["cases"]["01-01"]],
                number="1",
                date=datetime.date(YEAR + 2, 1, 10),
                reason="Переезд",
                actor=world["clerk"],
            )
        assert not Transfer.objects.exists()
    with at(YEAR + 6, 2, 1):
        with pytest.raises(services.ArchiveRefused, match="1 января 2028"):
            services.decide_review(
                case=world["cases"]["01-03"],
                decision=Review.Decision.DESTROY,
                protocol_number="1",
                protocol_date=datetime.date(YEAR + 5, 12, 20),
                actor=world["chair"],
            )
        assert not Review.objects.exists()


def test_the_head_keeps_the_commission_on_the_inventory_route(archive_world):
    """The route editor offers the expert commission as a stage's participant, and saving the
    built-in route as it is keeps it."""
    from workflows.forms import RouteStageForm

    world = archive_world
    form = RouteStageForm(
        initial=RouteStageForm.initial_of({"participants": [{"role": "expert_commission"}]}),
        organization=world["centre"],
    )
    assert ("expert_commission", "Экспертная комиссия") in [
        (code, str(label)) for code, label in form.fields["roles"].choices
    ]
    bound = RouteStageForm(
        {"roles": ["expert_commission"], "days": "10", "required": "on"},
        organization=world["centre"],
    )
    assert bound.is_valid(), bound.errors
    assert bound.stage()["participants"] == [{"role": "expert_commission"}]
