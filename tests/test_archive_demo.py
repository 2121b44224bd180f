"""The demo archive (archive/demo.py through `load_demo`): loaded twice, the same records;
every tab of «Архив» shows the centre's clerk rows of their own; the commission's chair has
the inventory on approval in his inbox; a document destroyed by the demo's act keeps its card.
Years are counted from today, as the demo counts them."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from .workflow_helpers import client_for, urls_loaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    urls_loaded()
    return timezone.localdate().year


def _counts():
    from archive import models as archive
    from documents.models import Document
    from registry.models import Case, Journal, Nomenclature, Registration
    from workflows.models import Approval, ApprovalStep

    return {
        model.__name__: model.objects.count()
        for model in (
            archive.Commission,
            archive.Inventory,
            archive.InventoryEntry,
            archive.Transfer,
            archive.TransferredCase,
            archive.Review,
            archive.DestructionAct,
            archive.ActEntry,
            archive.Event,
            Nomenclature,
            Case,
            Journal,
            Registration,
            Document,
            Approval,
            ApprovalStep,
        )
    }


def _user(username):
    from orgs.models import User

    return User.objects.get(username=username)


def test_the_demo_archive_is_loaded_once_with_every_stage_of_the_cycle(demo):
    from archive import selectors
    from archive.models import DestructionAct, Inventory, Transfer
    from archive.selectors import State
    from documents.models import Document
    from orgs.models import Organization
    from registry.models import Nomenclature
    from workflows.models import Approval

    first = _counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first

    year = demo
    centre = Organization.objects.get(code="imc")
    assert [n.status for n in Nomenclature.objects.filter(organization=centre)] == [
        "approved"
    ] * 8  # this year's (registry.demo) and the seven before it
    commission = selectors.commission_of(centre)
    assert commission.chair.username == "deputy" and commission.secretary.username == "clerk"
    assert {p.username for p in commission.members.all()} == {"senior_methodist", "methodist"}

    states = {(s.year, s.case.index): s.state for s in selectors.case_states(centre)}
    assert states[year - 7, "01-01"] == State.IN_ARCHIVE  # handed over after its term
    assert states[year - 3, "01-03"] == State.IN_ARCHIVE  # within it
    assert states[year - 2, "01-01"] == State.TRANSFER_DUE
    assert states[year - 1, "01-01"] == State.TO_INVENTORY
    assert states[year - 2, "01-05"] == State.ON_INVENTORY  # personnel, on approval
    assert states[year - 6, "02-02"] == State.TO_REVIEW  # ЭПК
    assert states[year - 6, "01-02"] == State.EXPIRED  # 5 years
    assert states[year - 2, "03-02"] == State.EXPIRED  # 1 year
    assert states[year - 1, "03-02"] == State.KEPT
    assert {states[year - 7, i] for i in ("01-02", "02-02", "03-02")} == {State.DESTROYED}

    approved = Inventory.objects.filter(status=Inventory.Status.APPROVED).order_by("year")
    assert [i.year for i in approved] == list(range(year - 7, year - 1))
    assert all(i.document.number and i.number == "1" for i in approved)  # registered; protocol
    act = DestructionAct.objects.get()
    assert act.status == DestructionAct.Status.DESTROYED and act.document.number
    assert sorted(t.number for t in Transfer.objects.all()) == ["1", "2"]
    destroyed = Document.objects.filter(status=Document.Status.DESTROYED)
    assert destroyed.count() == 4 and {d.destruction.act for d in destroyed} == {act.label}

    # The chair's task: the personnel inventory at the commission's stage, in his inbox.
    waiting = Approval.objects.get(kind="inventory", status=Approval.Status.IN_PROGRESS)
    step = waiting.steps.get(decided_at=None)
    assert step.assignee.username == "deputy" and step.task is not None
    title = f"Опись дел по личному составу за {year - 2} год"
    assert waiting.document.title == title
    inbox = client_for(_user("deputy")).get("/workflow/inbox/").content.decode()
    assert title in inbox


def test_every_archive_tab_shows_the_clerk_the_demo_centre(demo):
    from archive.models import DestructionAct, Inventory, Transfer
    from documents.models import Document

    year = demo
    web = client_for(_user("clerk"))

    def tab(name):
        response = web.get(f"{reverse('archive:index')}?tab={name}")
        assert response.status_code == 200, name
        return response.content.decode()

    overview = tab("overview")
    for name in ("Петров Андрей Сергеевич", "Смирнова Татьяна Ивановна", "Кузнецова Елена"):
        assert name in overview
    assert f"Приказ от 15.01.{year - 7} № 01-01/1" in overview
    assert f"<td>{year - 7}</td>" in overview  # the closed cases by year

    inventory = tab("inventory")
    for section in ("permanent", "personnel"):  # the cases of last year, waiting
        assert f"?year={year - 1}&amp;section={section}" in inventory
    for listed in (year - 7, year - 2):
        assert f"Опись дел постоянного хранения за {listed} год" in inventory
    assert f"Опись дел по личному составу за {year - 2} год" in inventory

    transfer = tab("transfer")
    due = transfer.split("<h3>")[1]  # «Cases due for the archive» and its table
    assert f"<td>{year - 2}</td><td>01-01</td>" in due
    assert f"<td>{year - 2}</td><td>01-03</td>" in due
    assert f"<td>{year - 3}</td>" not in due  # handed over already
    for transferred in Transfer.objects.all():
        assert transferred.get_absolute_url() in transfer

    review = tab("review")
    assert f"<td>{year - 6}</td><td>02-02</td>" in review
    assert f"<td>{year - 7}</td>" not in review  # reviewed and destroyed
    assert "Аналитические справки по итогам мониторинга" in review

    destruction = tab("destruction")
    for expired in range(year - 6, year - 1):  # the monthly plans of a year are kept one
        assert f"<td>{expired}</td><td>03-02</td>" in destruction
    assert f"<td>{year - 6}</td><td>01-02</td>" in destruction
    act = DestructionAct.objects.get()
    assert act.get_absolute_url() in destruction
    assert f"не подлежащих хранению ({year - 7})" in destruction

    cases = tab("cases")
    for past in range(year - 7, year):
        assert f"<td>{past}</td><td>01-01</td>" in cases
    assert cases.count("<tr>") >= 37

    log = tab("log")
    assert f"протокол № 1 от {timezone.localdate():%d.%m.%Y}" in log
    assert act.label in log  # the destruction carried out

    # The records behind the tabs open, and so does a document destroyed by the act (its card).
    for record in (*Inventory.objects.all(), act, *Transfer.objects.all()):
        assert web.get(record.get_absolute_url()).status_code == 200, record
    transfer = Transfer.objects.get(number="2")
    download = web.get(reverse("archive:transfer_file", args=[transfer.pk]))
    assert download.status_code == 200 and download.content[:2] == b"PK"
    gone = Document.objects.filter(status=Document.Status.DESTROYED).first()
    card = web.get(gone.get_absolute_url()).content.decode()
    assert 'id="destroyed-by"' in card and act.label in card
