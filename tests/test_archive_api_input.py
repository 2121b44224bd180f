"""The archive's API refuses malformed input with a 4xx and a message, never a 500, and stores
nothing: empty bodies, wrong types, unknown ids, huge strings, control characters, dates in
the future; the expert commission read and named, and its bad bodies."""

import pytest

from . import archive_helpers as helpers
from .archive_helpers import YEAR, at
from .test_archive_api import BASE, api, approved_inventory, start, states, today

pytestmark = pytest.mark.django_db
archive_world = helpers.archive_world  # the fixture


def test_the_commission_read_and_named(archive_world, people, org_tree):
    from archive.models import Commission

    world = archive_world
    clerk, head, chair = world["clerk"], world["head"], world["chair"]
    commission = api(chair).get(f"{BASE}commission/").json()
    assert commission["chair"] == chair.pk and commission["secretary"] == clerk.pk
    assert commission["members"] == [world["member"].pk]
    assert commission["archive"] is None and commission["organization"] == world["centre"].pk

    body = {"chair": chair.pk, "secretary": clerk.pk, "members": [people["methodist"].pk]}
    # A member of the commission does not name it; the head does.
    assert api(chair).put(f"{BASE}commission/", body, format="json").status_code == 403
    authority = org_tree["authority"]
    body["archive"] = authority.pk
    answer = api(head).put(f"{BASE}commission/", body, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["members"] == [people["methodist"].pk]
    saved = Commission.objects.get()
    assert list(saved.members.all()) == [people["methodist"]] and saved.archive_id == authority.pk
    # The methodist is of the commission now: they see the archive.
    assert api(people["methodist"]).get(f"{BASE}cases/").status_code == 200

    for bad in (
        {},
        {"chair": "abc"},
        {"chair": 99999},
        {"chair": True},
        {"chair": chair.pk, "members": "x"},
        {"chair": chair.pk, "members": [99999]},
        {"chair": chair.pk, "order": "я" * 201},
        {"chair": chair.pk, "order": "Приказ\x00"},
        {"chair": chair.pk, "order": "Приказ\x07"},
        {"chair": people["stranger"].pk},  # of another organisation
        {"chair": chair.pk, "members": [people["stranger"].pk]},
        {"chair": chair.pk, "archive": 99999},
        ["chair"],
    ):
        refused = api(head).put(f"{BASE}commission/", bad, format="json")
        assert refused.status_code == 400, (bad, refused.content)
        assert refused.json(), bad
    saved = Commission.objects.get()
    assert saved.chair == chair and list(saved.members.all()) == [people["methodist"]]


BAD_TRANSFERS = [
    {},
    [],
    "cases",
    {"cases": [], "number": "1", "date": "2024-02-01"},
    {"cases": "1", "number": "1", "date": "2024-02-01"},
    {"cases": ["abc"], "number": "1", "date": "2024-02-01"},
    {"cases": [None], "number": "1", "date": "2024-02-01"},
    {"cases": [2**40], "number": "1", "date": "2024-02-01"},
    {"cases": [99999], "number": "1", "date": "2024-02-01"},
    {"cases": [1], "number": "", "date": "2024-02-01"},
    {"cases": [1], "number": "   ", "date": "2024-02-01"},
    {"cases": [1], "number": "1" * 51, "date": "2024-02-01"},
    {"cases": [1], "number": "1\x01", "date": "2024-02-01"},
    {"cases": [1], "number": "1", "date": "01.02.2024"},
    {"cases": [1], "number": "1", "date": "2024-02-30"},
    {"cases": [1], "number": "1", "date": 20240201},
    {"cases": [1], "number": "1", "date": "2099-01-01"},
    {"cases": [1], "number": "1", "date": "2024-02-01", "reason": "я" * 1001},
    {"cases": [1], "number": "1", "date": "2024-02-01", "received_by": "\x1b[31m"},
    {"cases": list(range(1, 1002)), "number": "1", "date": "2024-02-01"},
]


@pytest.mark.parametrize("body", BAD_TRANSFERS)
def test_a_malformed_transfer_is_a_400(archive_world, body):
    from archive.models import Transfer

    if isinstance(body, dict) and body.get("cases") == [1]:
        body = {**body, "cases": [archive_world["cases"]["01-01"].pk]}
    with at(YEAR + 2, 2, 1):
        approved_inventory(archive_world, "permanent")
        response = api(archive_world["clerk"]).post(f"{BASE}transfers/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()
    assert not Transfer.objects.exists()


BAD_REVIEWS = [
    {},
    [1],
    {"case": "abc", "decision": "destroy", "number": "1", "date": "2028-01-10"},
    {"case": 2**40, "decision": "destroy", "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": "burn", "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": ["destroy"], "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": "extend", "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": "extend", "years": 0, "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": "extend", "years": 51, "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": "extend", "years": "many", "number": "1", "date": "2028-01-10"},
    {"case": 1, "decision": "destroy", "number": "", "date": "2028-01-10"},
    {"case": 1, "decision": "destroy", "number": "x" * 10000, "date": "2028-01-10"},
    {"case": 1, "decision": "destroy", "number": "5\x0b6", "date": "2028-01-10"},
    {"case": 1, "decision": "destroy", "number": "5"},
    {"case": 1, "decision": "destroy", "number": "5", "date": None},
    {"case": 1, "decision": "destroy", "number": "5", "date": "2029-01-01"},
]


@pytest.mark.parametrize("body", BAD_REVIEWS)
def test_a_malformed_review_is_a_400(archive_world, body):
    from archive.models import Review

    if isinstance(body, dict) and body.get("case") == 1:
        body = {**body, "case": archive_world["cases"]["01-03"].pk}
    with at(YEAR + 6, 2, 1):
        response = api(archive_world["chair"]).post(f"{BASE}reviews/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()
    assert not Review.objects.exists()


def test_unknown_ids_and_queries(archive_world):
    from archive.models import Review

    clerk = api(archive_world["clerk"])
    for path in ("inventories", "acts", "transfers"):
        for pk in ("99999", "abc", "1.5", str(2**70)):
            assert clerk.get(f"{BASE}{path}/{pk}/").status_code == 404, (path, pk)
    for pk in ("99999", "abc", str(2**70)):
        assert clerk.get(f"{BASE}acts/{pk}/dry-run/").status_code == 404
        assert clerk.post(f"{BASE}acts/{pk}/destroy/", {"confirm": True}).status_code == 404
        assert clerk.post(f"{BASE}inventories/{pk}/protocol/", {}).status_code == 404
    body = {"case": 99999, "decision": "destroy", "number": "5", "date": "2028-01-10"}
    with at(YEAR + 6, 2, 1):
        assert api(archive_world["chair"]).post(f"{BASE}reviews/", body).status_code == 404
    assert not Review.objects.exists()
    for query in ({"state": "nonsense"}, {"year": "abc"}, {"year": 99999}, {"state": ["a", "b"]}):
        response = clerk.get(f"{BASE}cases/", query)
        assert response.status_code == 400, query
        assert set(response.json()) <= {"state", "year"}
    assert clerk.get(f"{BASE}cases/", {"page": 99}).status_code == 404
    with at(YEAR + 1, 6, 1):
        assert len(states(archive_world["clerk"], state="", year=YEAR)) == 4


def test_protocol_bodies(archive_world):
    from archive.models import Inventory

    world = archive_world
    with at(YEAR + 1, 6, 1):
        start(world["clerk"], "inventory", {"year": YEAR, "section": "permanent"})
        inventory = Inventory.objects.get()
        url = f"{BASE}inventories/{inventory.pk}/protocol/"
        for body in (
            {},
            [],
            {"number": "3"},
            {"date": today()},
            {"number": "", "date": today()},
            {"number": "3" * 51, "date": today()},
            {"number": "3\x00", "date": today()},
            {"number": 3, "date": "yesterday"},
            {"number": "3", "date": "2099-12-31"},
        ):
            response = api(world["chair"]).post(url, body, format="json")
            assert response.status_code == 400, (body, response.content)
        inventory.refresh_from_db()
        assert inventory.number == "" and inventory.date is None


@pytest.mark.parametrize(
    ("kind", "form"),
    [
        ("inventory", {}),
        ("inventory", {"year": "abc", "section": "permanent"}),
        ("inventory", {"year": 1800, "section": "permanent"}),
        ("inventory", {"year": YEAR, "section": "temporary"}),
        ("inventory", {"year": YEAR + 3, "section": "permanent"}),  # no cases of that year
        ("destruction_act", {}),
        ("destruction_act", {"cases": "all"}),
        ("destruction_act", {"cases": [99999]}),
        ("destruction_act", {"cases": ["01-02"]}),
        ("destruction_act", {"cases": "01-01"}),  # permanent: never destroyed
    ],
)
def test_a_malformed_start_is_a_400(archive_world, kind, form):
    from archive.models import DestructionAct, Inventory
    from workflows.models import Approval

    if form.get("cases") == "01-01":
        form = {"cases": [archive_world["cases"]["01-01"].pk]}
    with at(YEAR + 6, 2, 1):
        response = start(archive_world["clerk"], kind, form)
    assert response.status_code == 400, response.content
    assert response.json()
    assert not (Approval.objects.exists() or Inventory.objects.exists())
    assert not DestructionAct.objects.exists()
