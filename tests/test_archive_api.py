"""The archive's API (/api/v1/archive/…) as the clerk, the commission and the head use it across
the years: inventories and acts started through the processes API and agreed through the tasks
API with the commission's protocol, transfers in and outside their term, the commission's
review, the dry run and the destruction; who may see it (403), other organisations' records
(404). Malformed bodies: tests/test_archive_api_input.py."""

import datetime

import pytest
from rest_framework.test import APIClient

from . import archive_helpers as helpers
from .archive_helpers import YEAR, at

pytestmark = pytest.mark.django_db
archive_world = helpers.archive_world  # the fixture
BASE = "/api/v1/archive/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def today() -> str:
    return datetime.date.today().isoformat()


def start(user, kind, form):
    return api(user).post("/api/v1/processes/", {"kind": kind, "form": form}, format="json")


def decide(user, record, decision="agree"):
    """The user's open task on the record's document, decided through the tasks API."""
    tasks = api(user).get("/api/v1/tasks/").json()["results"]
    task = next(t for t in tasks if t["document"] == record.document_id)
    return api(user).post(f"/api/v1/tasks/{task['id']}/decide/", {"decision": decision})


def protocol(user, path, number="3", date=None):
    return api(user).post(
        f"{BASE}{path}/protocol/", {"number": number, "date": date or today()}, format="json"
    )


def approved_inventory(world, section):
    """The clerk drafts the inventory of 2022, the chair records the protocol and agrees, the
    head approves (all through the API)."""
    from archive.models import Inventory

    response = start(world["clerk"], "inventory", {"year": YEAR, "section": section})
    assert response.status_code == 201, response.json()
    inventory = Inventory.objects.get(kind=section, status=Inventory.Status.ON_APPROVAL)
    assert protocol(world["chair"], f"inventories/{inventory.pk}").status_code == 200
    assert decide(world["chair"], inventory).status_code == 200
    assert decide(world["head"], inventory).status_code == 200
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.APPROVED
    return inventory


def states(user, **query):
    response = api(user).get(f"{BASE}cases/", query)
    assert response.status_code == 200, response.json()
    return {row["index"]: row for row in response.json()["results"]}


def test_inventory_and_transfers_through_the_api(archive_world, people):
    from archive.models import Event, Inventory, Transfer, TransferredCase

    world = archive_world
    clerk, chair, head = world["clerk"], world["chair"], world["head"]
    cases = world["cases"]
    with at(YEAR + 1, 6, 1):
        found = states(clerk)
        assert {i: s["state"] for i, s in found.items()} == {
            "01-01": "to_inventory",
            "01-02": "kept",
            "01-03": "kept",
            "01-04": "to_inventory",
        }
        first = found["01-01"]
        assert first["id"] == cases["01-01"].pk and first["year"] == YEAR
        assert first["documents"] == 2 and first["expires"] is None and first["permanent"]
        assert first["inventory"] is None and first["retention"].startswith("Постоянно")
        assert found["01-02"]["expires"] == YEAR + 1 + 5
        assert list(states(clerk, state="to_inventory")) == ["01-01", "01-04"]
        assert states(clerk, year=YEAR + 1) == {}  # its cases are carried over: not closed
        report = api(clerk).get(f"{BASE}report/").json()
        assert report["counts"]["to_inventory"] == 2 and report["counts"]["kept"] == 2
        assert [c["index"] for c in report["to_inventory"]] == ["01-01", "01-04"]
        assert report["years"] == [
            {
                "year": YEAR,
                "final": {"permanent": 1, "long": 1, "temporary": 2},
                "closed": 4,
                "permanent": 1,
                "inventoried": 0,
                "in_archive": 0,
                "destroyed": 0,
            }
        ]
        # 01-02 and 01-03 (five years), 01-04 on personnel (75 years).
        assert report["by_expiry"] == [
            {"year": YEAR + 6, "count": 2},
            {"year": YEAR + 76, "count": 1},
        ]

        # The methodist may not start an inventory; the clerk may, once per year and kind.
        refused = start(people["methodist"], "inventory", {"year": YEAR})
        assert refused.status_code == 403
        response = start(clerk, "inventory", {"year": YEAR, "section": "permanent"})
        assert response.status_code == 201, response.json()
        assert response.json()["kind"] == "inventory"
        inventory = Inventory.objects.get()
        assert [e.case_id for e in inventory.entries.all()] == [cases["01-01"].pk]
        again = start(clerk, "inventory", {"year": YEAR, "section": "permanent"})
        assert again.status_code == 400 and Inventory.objects.count() == 1
        assert states(clerk)["01-01"]["state"] == "on_inventory"

        listed = api(clerk).get(f"{BASE}inventories/").json()
        assert [i["id"] for i in listed["results"]] == [inventory.pk]
        detail = api(chair).get(f"{BASE}inventories/{inventory.pk}/").json()
        assert detail["status"] == "on_approval" and detail["kind"] == "permanent"
        assert detail["entries"] == [
            {
                "number": 1,
                "case": cases["01-01"].pk,
                "index": "01-01",
                "title": cases["01-01"].title,
                "year": YEAR,
            }
        ]

        # The chair agrees only with the protocol recorded; only members record it.
        assert decide(chair, inventory).status_code == 400
        assert api(chair).get("/api/v1/tasks/").json()["count"] == 1  # still open
        assert protocol(head, f"inventories/{inventory.pk}").status_code == 403
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        future = protocol(chair, f"inventories/{inventory.pk}", date=tomorrow)
        assert future.status_code == 400 and future.json()["detail"]
        inventory.refresh_from_db()
        assert inventory.number == ""
        answer = protocol(chair, f"inventories/{inventory.pk}", number=" 3 ")
        assert answer.status_code == 200, answer.json()
        assert answer.json()["protocol_number"] == "3"
        inventory.refresh_from_db()
        assert (inventory.number, inventory.date) == ("3", datetime.date.today())
        assert decide(chair, inventory).status_code == 200
        assert decide(head, inventory).status_code == 200
        detail = api(clerk).get(f"{BASE}inventories/{inventory.pk}/").json()
        assert detail["status"] == "approved" and detail["document_number"] == "1-ЭК"
        late = protocol(chair, f"inventories/{inventory.pk}", number="4")
        assert late.status_code == 409
        inventory.refresh_from_db()
        assert inventory.number == "3"
        assert states(clerk)["01-01"]["state"] == "inventoried"

    with at(YEAR + 1, 6, 2):
        # Too early (the window opens 31.12.2023): the reason is required.
        body = {"cases": [cases["01-01"].pk], "number": "1", "date": today()}
        early = api(clerk).post(f"{BASE}transfers/", body, format="json")
        assert early.status_code == 400 and "31.12.2023" in early.json()["detail"]
        assert not Transfer.objects.exists()
        # The commission's chair does not keep the archive.
        body["reason"] = "Реорганизация учреждения"
        assert api(chair).post(f"{BASE}transfers/", body, format="json").status_code == 403
        made = api(clerk).post(f"{BASE}transfers/", body, format="json")
        assert made.status_code == 201, made.json()
        transfer = Transfer.objects.get()
        assert made.json()["id"] == transfer.pk and transfer.reason == "Реорганизация учреждения"
        assert made.json()["cases"][0]["index"] == "01-01"
        assert TransferredCase.objects.get().case == cases["01-01"]
        assert transfer.archive_name.startswith("Архив ")  # its own: no other one named
        twice = api(clerk).post(f"{BASE}transfers/", body, format="json")
        assert twice.status_code == 409 and Transfer.objects.count() == 1
        # A case of no approved inventory is not handed over.
        body["cases"] = [cases["01-04"].pk]
        assert api(clerk).post(f"{BASE}transfers/", body, format="json").status_code == 409
        assert states(clerk)["01-01"]["state"] == "in_archive"
        assert states(clerk)["01-01"]["transfer"] == transfer.pk
        listed = api(head).get(f"{BASE}transfers/").json()["results"]
        assert [t["id"] for t in listed] == [transfer.pk]
        assert api(chair).get(f"{BASE}transfers/{transfer.pk}/").json()["number"] == "1"

    with at(YEAR + 2, 3, 1):
        # In the window (31.12.2023 – 31.12.2025) no reason is asked for.
        approved_inventory(world, "personnel")
        body = {"cases": [cases["01-04"].pk], "number": "2", "date": today()}
        made = api(clerk).post(f"{BASE}transfers/", body, format="json")
        assert made.status_code == 201, made.json()
        assert Transfer.objects.get(pk=made.json()["id"]).reason == ""
        assert Event.objects.filter(action=Event.Action.TRANSFER).count() == 2


def test_review_act_dry_run_and_destruction_through_the_api(
    archive_world, django_capture_on_commit_callbacks
):
    from archive.models import DestructionAct, Review
    from documents.models import Document

    world = archive_world
    clerk, chair, head = world["clerk"], world["chair"], world["head"]
    cases = world["cases"]
    with at(YEAR + 2, 2, 1):
        approved_inventory(world, "permanent")
    with at(YEAR + 6, 2, 1):
        assert list(states(clerk, state="to_review")) == ["01-03"]  # ЭПК: the commission first
        assert list(states(clerk, state="expired")) == ["01-02"]
        body = {"case": cases["01-03"].pk, "decision": "destroy", "number": "5", "date": today()}
        assert api(head).post(f"{BASE}reviews/", body, format="json").status_code == 403
        bad = api(chair).post(f"{BASE}reviews/", {**body, "decision": "extend"}, format="json")
        assert bad.status_code == 400 and not Review.objects.exists()  # how many years?
        made = api(chair).post(f"{BASE}reviews/", body, format="json")
        assert made.status_code == 201, made.json()
        review = Review.objects.get()
        assert (review.case, review.decision, review.number) == (cases["01-03"], "destroy", "5")
        assert made.json()["index"] == "01-03" and made.json()["decided_by"] == chair.pk
        twice = api(chair).post(f"{BASE}reviews/", body, format="json")
        assert twice.status_code == 409 and Review.objects.count() == 1
        assert [r["id"] for r in api(clerk).get(f"{BASE}reviews/").json()["results"]] == [review.pk]
        assert states(clerk)["01-03"]["state"] == "expired"
        assert states(clerk)["01-03"]["review"] == review.pk

        doomed = [cases["01-02"].pk, cases["01-03"].pk]
        response = start(clerk, "destruction_act", {"cases": doomed})
        assert response.status_code == 201, response.json()
        act = DestructionAct.objects.get()
        detail = api(clerk).get(f"{BASE}acts/{act.pk}/").json()
        assert [e["index"] for e in detail["entries"]] == ["01-02", "01-03"]
        assert detail["status"] == "on_approval"
        assert states(clerk)["01-02"]["act"] == act.pk
        # Not approved yet: nothing is destroyed.
        early = api(clerk).post(f"{BASE}acts/{act.pk}/destroy/", {"confirm": True}, format="json")
        assert early.status_code == 409

        documents = world["documents"]["01-02"] + world["documents"]["01-03"]
        plan = api(clerk).get(f"{BASE}acts/{act.pk}/dry-run/")
        assert plan.status_code == 200, plan.json()
        plan = plan.json()
        assert sorted(d["id"] for d in plan["documents"]) == sorted(d.pk for d in documents)
        assert plan["kept"] == []
        assert {f["sha256"] for f in plan["files"]} == {d.current_version.sha256 for d in documents}
        assert not any(f["kept_in_storage"] for f in plan["files"])

        assert protocol(chair, f"acts/{act.pk}", number="6").status_code == 200
        assert decide(chair, act).status_code == 200
        assert decide(head, act).status_code == 200
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.APPROVED

        names = [d.current_version.file.name for d in documents]
        for body in ({}, {"confirm": False}, {"confirm": "no"}):
            refused = api(clerk).post(f"{BASE}acts/{act.pk}/destroy/", body, format="json")
            assert refused.status_code == 400, body
            assert "confirm" in refused.json()
        # The chair is of the commission, not a keeper of the archive.
        assert (
            api(chair).post(f"{BASE}acts/{act.pk}/destroy/", {"confirm": True}).status_code == 403
        )
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.APPROVED
        storage = documents[0].current_version.file.storage
        assert all(storage.exists(name) for name in names)

        with django_capture_on_commit_callbacks(execute=True):  # the files go after commit
            done = api(clerk).post(
                f"{BASE}acts/{act.pk}/destroy/", {"confirm": True}, format="json"
            )
        assert done.status_code == 200, done.json()
        assert done.json()["act"]["status"] == "destroyed"
        assert len(done.json()["files"]) == len(names)
        act.refresh_from_db()
        assert act.status == DestructionAct.Status.DESTROYED and act.destroyed_by == clerk
        for document, name in zip(documents, names, strict=True):
            document.refresh_from_db()
            assert document.status == Document.Status.DESTROYED
            assert document.destruction.act == act.label
            assert not storage.exists(name)
        for document in world["documents"]["01-01"] + world["documents"]["01-04"]:
            document.refresh_from_db()
            assert document.status == Document.Status.REGISTERED
            assert storage.exists(document.current_version.file.name)
        again = api(clerk).post(f"{BASE}acts/{act.pk}/destroy/", {"confirm": True}, format="json")
        assert again.status_code == 409
        assert api(clerk).get(f"{BASE}acts/{act.pk}/dry-run/").status_code == 409
        assert states(clerk, state="destroyed").keys() == {"01-02", "01-03"}
        report = api(head).get(f"{BASE}report/").json()
        assert report["counts"]["destroyed"] == 2 and report["destruction"] == []
        assert report["years"][0]["destroyed"] == 2 and report["years"][0]["inventoried"] == 1


def test_who_sees_the_archive(archive_world, people):
    from archive.models import Inventory, Transfer

    world = archive_world
    with at(YEAR + 2, 2, 1):
        inventory = approved_inventory(world, "permanent")
        body = {"cases": [world["cases"]["01-01"].pk], "number": "1", "date": today()}
        assert api(world["clerk"]).post(f"{BASE}transfers/", body, format="json").status_code == 201
    transfer = Transfer.objects.get()
    reads = [
        "cases/",
        "report/",
        "commission/",
        "inventories/",
        f"inventories/{inventory.pk}/",
        "acts/",
        "reviews/",
        "transfers/",
        f"transfers/{transfer.pk}/",
    ]
    assert APIClient().get(f"{BASE}cases/").status_code == 401
    for who in ("methodist", "teacher", "deputy2"):
        for path in reads:
            response = api(people[who]).get(f"{BASE}{path}")
            assert response.status_code == 403, (who, path)
            assert response.json()["detail"]
        posted = api(people[who]).post(f"{BASE}transfers/", body, format="json")
        assert posted.status_code == 403
        assert api(people[who]).put(f"{BASE}commission/", {}, format="json").status_code == 403
        assert protocol(people[who], f"inventories/{inventory.pk}").status_code == 403
    assert Transfer.objects.count() == 1
    for who in ("clerk", "head", "chair", "member"):
        assert api(world[who]).get(f"{BASE}{reads[4]}").status_code == 200, who

    # The school's head keeps the school's archive: the centre's records are not found there.
    stranger = api(people["stranger"])
    assert stranger.get(f"{BASE}cases/").json()["count"] == 0
    assert stranger.get(f"{BASE}inventories/").json()["count"] == 0
    assert stranger.get(f"{BASE}transfers/").json()["count"] == 0
    assert stranger.get(f"{BASE}commission/").status_code == 404
    for path in (f"inventories/{inventory.pk}/", f"transfers/{transfer.pk}/"):
        assert stranger.get(f"{BASE}{path}").status_code == 404, path
    assert protocol(people["stranger"], f"inventories/{inventory.pk}").status_code == 404
    review = {"case": world["cases"]["01-03"].pk, "decision": "destroy", "number": "1"}
    assert stranger.post(f"{BASE}reviews/", {**review, "date": today()}).status_code == 404
    foreign = stranger.post(f"{BASE}transfers/", {**body, "number": "9"}, format="json")
    assert foreign.status_code == 400 and Transfer.objects.count() == 1
    started = start(people["stranger"], "destruction_act", {"cases": [world["cases"]["01-02"].pk]})
    assert started.status_code == 400
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.APPROVED


def test_every_path_is_in_the_schema(db):
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    expected = {
        "cases/": {"get"},
        "report/": {"get"},
        "commission/": {"get", "put"},
        "inventories/": {"get"},
        "inventories/{id}/": {"get"},
        "inventories/{id}/protocol/": {"post"},
        "acts/": {"get"},
        "acts/{id}/": {"get"},
        "acts/{id}/dry-run/": {"get"},
        "acts/{id}/protocol/": {"post"},
        "acts/{id}/destroy/": {"post"},
        "reviews/": {"get", "post"},
        "transfers/": {"get", "post"},
        "transfers/{id}/": {"get"},
    }
    archive = {path for path in paths if path.startswith(BASE)}
    assert archive == {f"{BASE}{path}" for path in expected}
    for path, methods in expected.items():
        assert set(paths[f"{BASE}{path}"]) == methods, path
    assert "delete" not in paths[f"{BASE}acts/{{id}}/"]
    parameters = {p["name"] for p in paths[f"{BASE}cases/"]["get"]["parameters"]}
    assert {"state", "year", "page"} <= parameters
