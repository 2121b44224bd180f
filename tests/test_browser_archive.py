"""The act of destruction in Chromium, as the clerk, the chair of the expert commission and the
head click it on 1 February 2028, the key pages checked at 1,366 and 390 px (nothing scrolls
sideways, no English left, no field label cut, every button on the screen): the chair decides
on the ЭПК case 01-03 on its review page; the clerk picks the expired cases 01-02 and 01-03 on
the list and drafts the act; the chair, refused an agreement without the commission's protocol,
records it on the task's card and agrees; the head approves; the clerk reads the dry run on the
act's page and destroys by the act, confirmed; the documents keep their cards with the SHA-256
of the removed files, their downloads answer 410.

The world is tests.archive_helpers' (the cases of 2022, committed: a browser test's database is
a transactional one), with the inventory of 2022's permanent case approved in 2024, since an
act for 2022 is approved only after it. time_machine moves the whole process, the live
server's thread with it."""

import datetime
import re

import pytest
from django.urls import reverse

from . import archive_helpers as helpers
from . import browser
from .archive_helpers import YEAR, at
from .browser import BROWSER_TEST, fill_date, go
from .workflow_helpers import decide as decide_by_client
from .workflow_helpers import start

pytestmark = BROWSER_TEST
archive_world = helpers.archive_world  # the fixture
TODAY = datetime.date(2028, 2, 1)


@pytest.fixture
def in_2028(archive_world):
    """The inventory of 2022 approved in 2024 (through the test client); then 1 February 2028,
    when 01-02 (five years) has run out and 01-03 (ЭПК) waits for the commission."""
    from archive import services
    from archive.flows import InventoryFlow
    from archive.models import Inventory
    from workflows.models import Approval

    world = archive_world
    with at(YEAR + 2, 2, 12):
        response = start(InventoryFlow, world["clerk"], {"year": YEAR, "section": "permanent"})
        assert response.status_code == 302, response.content.decode()[:3000]
        inventory = Inventory.objects.get()
        approval = Approval.objects.get(document=inventory.document)
        services.record_protocol(
            record=inventory, number="3", date=datetime.date(2024, 2, 12), actor=world["chair"]
        )
        assert decide_by_client(world["chair"], approval).status_code == 302
        assert decide_by_client(world["head"], approval).status_code == 302
        inventory.refresh_from_db()
        assert inventory.status == Inventory.Status.APPROVED
    with at(TODAY.year, TODAY.month, TODAY.day):
        yield world


def buttons_off_screen(page) -> list[str]:
    """Buttons (outside a table that scrolls on its own) not wholly on the screen's width."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('button, .mdc-button')).filter(el => {
            if (el.closest('.rg-scroll') || !el.getClientRects().length) return false;
            const box = el.getBoundingClientRect();
            return box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5);
        }).map(el => el.id || el.textContent.trim())"""
    )


def errors_overlapping(page) -> list[str]:
    """A form's refusal drawn over a field's label (their boxes intersect)."""
    return page.evaluate(
        """() => {
            const boxes = (selector) => Array.from(document.querySelectorAll(selector))
                .filter(el => el.getClientRects().length)
                .map(el => [el, el.getBoundingClientRect()]);
            const labels = boxes('.mdc-floating-label, legend, label');
            return boxes('.vf-form__errors').filter(([, error]) => labels.some(([, label]) =>
                label.width > 0 && error.left < label.right && label.left < error.right
                && error.top < label.bottom && label.top < error.bottom
            )).map(([el]) => el.textContent.trim());
        }"""
    )


def looks_right(page, name):
    """tests.browser.looks_right (no sideways scroll, no English, no cut label), and every
    button on the screen, no refusal drawn over a label."""
    browser.looks_right(page, name)
    assert buttons_off_screen(page) == [], f"{name}: buttons off the screen"
    assert errors_overlapping(page) == [], f"{name}: a refusal over a label"


def both(page, phone, path, name):
    for each, width in ((page, 1366), (phone, 390)):
        go(each, path)
        looks_right(each, f"{name}-{width}")


def send(page, form):
    """Submit `form` (a locator) by its button and wait for the page it leads to."""
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")


def step_of(approval, user):
    return approval.steps.get(assignee=user, decided_at__isnull=True, purpose="decision")


def decide(page, decision="agree"):
    form = page.locator(".rg-page form:has(input[name=decision])")
    form.locator(f"input[name=decision][value={decision}]").check(force=True)
    send(page, form)


def test_the_act_of_destruction_from_the_list_to_the_destroyed_files(as_user, in_2028):
    from archive.flows import DestructionActFlow
    from archive.models import DestructionAct, Review
    from documents.models import Document
    from workflows.models import Approval

    world = in_2028
    cases = world["cases"]
    doomed = world["documents"]["01-02"] + world["documents"]["01-03"]

    # The chair of the commission decides on the ЭПК case on its page.
    chair, chair_phone = as_user(world["chair"]), as_user(world["chair"], width=390)
    both(chair, chair_phone, reverse("archive:index") + "?tab=review", "archive-review-list")
    assert "01-03" in chair.inner_text("#review")
    review_url = reverse("archive:review", args=[cases["01-03"].pk])
    both(chair, chair_phone, review_url, "archive-review")
    form = chair.locator(".rg-page form")
    form.locator(f"input[name=decision][value={Review.Decision.DESTROY}]").check(force=True)
    chair.fill("vf-field-input[name=number] input", "5")
    fill_date(chair, "date", TODAY)
    looks_right(chair, "archive-review-filled-1366")
    send(chair, form)
    assert chair.url.endswith(reverse("archive:index") + "?tab=review")
    review = Review.objects.get(case=cases["01-03"])
    assert (review.decision, review.protocol) == ("destroy", "№ 5 от 01.02.2028")

    # The clerk: the expired cases, both checked; the act drafted from them.
    clerk, clerk_phone = as_user(world["clerk"]), as_user(world["clerk"], width=390)
    both(clerk, clerk_phone, reverse("archive:index") + "?tab=destruction", "archive-destruction")
    listed = clerk.locator("#destruction input[name=cases]")
    assert sorted(listed.evaluate_all("els => els.map(el => +el.value)")) == sorted(
        [cases["01-02"].pk, cases["01-03"].pk]
    )
    assert all(box.is_checked() for box in listed.all())
    with clerk.expect_navigation():
        clerk.click("#draft-act")
    clerk.wait_for_load_state("domcontentloaded")
    start = DestructionActFlow.start.reverse("execute")
    assert clerk.url == f"{clerk.base}{start}?cases={cases['01-02'].pk}&cases={cases['01-03'].pk}"
    start_url = clerk.url.removeprefix(clerk.base)
    go(clerk_phone, start_url)
    looks_right(clerk_phone, "archive-act-start-390")
    boxes = clerk.locator(".rg-page form input[name=cases]")
    assert boxes.count() == 2 and all(box.is_checked() for box in boxes.all())
    looks_right(clerk, "archive-act-start-1366")
    send(clerk, clerk.locator(".rg-page form"))
    act = DestructionAct.objects.get()
    assert act.status == DestructionAct.Status.ON_APPROVAL
    assert sorted(act.cases.values_list("index", flat=True)) == ["01-02", "01-03"]
    approval = Approval.objects.get(document=act.document)

    # The chair finds the task in the inbox: agreeing waits for the protocol, recorded on the
    # task's card.
    go(chair, "/workflow/inbox/")
    with chair.expect_navigation(url=re.compile(r"/execute/")):
        chair.locator("tr", has_text=act.document.title).locator("a").first.click()
    task_url = chair.url.removeprefix(chair.base)
    assert chair.locator("#commission-protocol form").count() == 1
    decide(chair)
    assert chair.locator(".rg-page form:has(input[name=decision]) .vf-form__errors").is_visible()
    looks_right(chair, "archive-act-chair-refused-1366")
    assert step_of(approval, world["chair"]).decided_at is None
    card = chair.locator("#commission-protocol form")
    card.locator("vf-field-input[name=number] input").fill("6")
    card.locator("vf-field-date[name=date] input").fill(TODAY.strftime("%d.%m.%Y"))
    looks_right(chair, "archive-act-chair-task-1366")
    send(chair, card)
    assert chair.url.endswith(task_url)
    act.refresh_from_db()
    assert act.protocol == "№ 6 от 01.02.2028"
    assert "№ 6 от 01.02.2028" in chair.inner_text("#commission-protocol")
    go(chair_phone, task_url)
    looks_right(chair_phone, "archive-act-chair-task-390")
    decide(chair)
    assert step_of(approval, world["head"])  # the head's turn

    head, head_phone = as_user(world["head"]), as_user(world["head"], width=390)
    head_task = step_of(approval, world["head"]).task_url
    both(head, head_phone, head_task, "archive-act-head-task")
    assert head.locator("#commission-protocol form").count() == 0  # the head is no member
    decide(head)
    act.refresh_from_db()
    act.document.refresh_from_db()
    assert act.status == DestructionAct.Status.APPROVED
    assert act.document.number and act.approved_on == TODAY

    # The dry run, then the destruction, confirmed.
    both(clerk, clerk_phone, act.get_absolute_url(), "archive-act-approved")
    dry_run = clerk.inner_text("#dry-run")
    for document in doomed:
        assert document.current_version.sha256 in dry_run
    names = [d.current_version.file.name for d in doomed]
    hashes = [d.current_version.sha256 for d in doomed]
    storage = doomed[0].current_version.file.storage
    assert all(storage.exists(name) for name in names)
    destroy = clerk.locator("#dry-run form")
    send(clerk, destroy)  # not confirmed: nothing happens
    act.refresh_from_db()
    assert act.status == DestructionAct.Status.APPROVED
    clerk.check("#confirm-destruction")
    with clerk.expect_navigation():
        clerk.click("#destroy")
    clerk.wait_for_selector("#destroyed")
    act.refresh_from_db()
    assert act.status == DestructionAct.Status.DESTROYED and act.destroyed_by == world["clerk"]
    looks_right(clerk, "archive-act-destroyed-1366")
    go(clerk_phone, act.get_absolute_url())
    looks_right(clerk_phone, "archive-act-destroyed-390")

    for number, (document, name, sha256) in enumerate(zip(doomed, names, hashes, strict=True)):
        document.refresh_from_db()
        assert document.status == Document.Status.DESTROYED
        assert document.destruction.act == act.label
        assert not storage.exists(name)
        if number == 0:
            both(clerk, clerk_phone, f"/documents/{document.pk}/", "archive-destroyed-document")
        else:
            go(clerk, f"/documents/{document.pk}/")
        card = clerk.inner_text("#archive-card")
        assert act.label in clerk.inner_text("#destroyed-by")
        assert "SHA-256" in card and sha256 in card
        download = clerk.request.get(clerk.base + reverse("documents:download", args=[document.pk]))
        assert download.status == 410
    for document in world["documents"]["01-01"] + world["documents"]["01-04"]:
        document.refresh_from_db()
        assert document.status == Document.Status.REGISTERED
