"""Decisions named for what they are, in Chromium as the real roles click them: the approver
agrees (with remarks) from the inbox, the head approves a conclusion, the head signs an order,
the listed staff acknowledge it and its page lists who did and who not yet. The pages say it
in Russian: no Viewflow code names («Decide:», «1-2 of 2», «yes/no»)."""

import re

from django.utils import timezone

from conclusions.flows import ExpertConclusionFlow
from orders.flows import OrderFlow
from workflows.models import Approval, ApprovalStep

from .browser import BROWSER_TEST, go, horizontal_overflow, shot
from .workflow_helpers import CONCLUSION, ORDER, start

pytestmark = BROWSER_TEST

# Latin a person may see: e-mail addresses (the menu's header) and the diagram's export format.
ALLOWED_LATIN = {"BPMN", "docx"}


def latin_words(page) -> set[str]:
    """Latin words in the page's visible text (icons' ligatures and e-mail addresses aside)."""
    text = page.evaluate(
        """() => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const el = node.parentElement;
            if (!el || el.closest('script, style, .material-icons, i')) continue;
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            if (!el.getClientRects().length) continue;
            out.push(node.textContent);
          }
          return out.join(' ');
        }"""
    )
    text = re.sub(r"\S+@\S+", " ", text)
    return set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN


def options(page) -> list[str]:
    labels = page.locator("label:has(input[name=decision]), label[for^=id_decision_]")
    return [label.inner_text().strip() for label in labels.all()]


def open_from_inbox(page, title):
    """Open the task of the document `title` from the inbox, as a person would."""
    go(page, "/workflow/inbox/")
    row = page.locator("tr", has_text=title)
    row.locator("a").first.click()  # the frame follows links with Turbo: no page load
    page.wait_for_url(re.compile(r"/execute/"))
    page.wait_for_selector("form button:has-text('Готово')")


def submit(page):
    with page.expect_navigation():
        page.click("button:has-text('Готово')")
    page.wait_for_load_state("domcontentloaded")


def test_approver_agrees_with_remarks_and_the_head_approves(
    as_user, people, lab_deputy, journals
):
    response = start(
        ExpertConclusionFlow,
        people["methodist"],
        CONCLUSION,
        experts=[people["methodist"].pk],
    )
    assert response.status_code == 302
    approval = Approval.objects.get(initiator=people["methodist"])
    title = approval.document.title

    deputy = as_user(lab_deputy)
    go(deputy, "/workflow/inbox/")
    row = deputy.locator("tr", has_text=title).inner_text()
    assert title in row and "Согласование" in row  # the whole title and the step
    due = ApprovalStep.objects.get(assignee=lab_deputy).due_at
    assert timezone.localtime(due).strftime("%d.%m.%Y %H:%M") in row
    assert "1–1 из 1" in deputy.inner_text("body")
    assert latin_words(deputy) == set()
    shot(deputy, "flowui-inbox-1366")
    open_from_inbox(deputy, title)
    assert deputy.inner_text("h2").startswith("Согласование:")
    assert options(deputy) == ["Согласовать", "Согласовать с замечаниями", "Вернуть на доработку"]
    assert latin_words(deputy) == set()
    deputy.get_by_label("Согласовать с замечаниями", exact=True).check()
    deputy.fill("textarea[name=remarks]", "Уточнить критерии оценки.")
    shot(deputy, "flowui-decide-approver-1366")
    submit(deputy)

    head = as_user(people["head"])
    open_from_inbox(head, title)
    assert head.inner_text("h2").startswith("Утверждение:")
    assert options(head) == ["Утвердить", "Вернуть на доработку"]
    assert latin_words(head) == set()
    shot(head, "flowui-approve-head-1366")
    head.get_by_label("Утвердить", exact=True).check()
    submit(head)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE

    # The process page: the people's steps with who, when and what; a readable diagram.
    url = approval.process.flow_class.instance.reverse("process_detail", args=[approval.process_id])
    go(head, url)
    steps = head.inner_text(".rg-steps")
    for words in (
        "Согласование",
        lab_deputy.get_full_name(),
        "Согласовано с замечаниями",
        "Уточнить критерии оценки.",
        "Утверждение",
        people["head"].get_full_name(),
        "Утверждено",
    ):
        assert words in steps, words
    assert "Есть следующий этап?" not in head.inner_text("body")
    diagram = head.locator(".rg-chart img")
    diagram.wait_for()
    loaded = "img => img.complete && img.naturalWidth > 0"
    head.wait_for_function(loaded, arg=diagram.element_handle())
    assert diagram.bounding_box()["width"] > 600  # not a thumbnail
    assert latin_words(head) == set()
    assert head.locator("text=Отозвать с согласования").count() == 0  # it has ended
    shot(head, "flowui-process-1366")
    phone = as_user(people["head"], width=390, height=844)
    go(phone, url)
    assert horizontal_overflow(phone) == 0  # the steps stack, the diagram scrolls in its card
    assert phone.locator(".rg-chart img").bounding_box()["width"] >= 700
    shot(phone, "flowui-process-390")
    go(phone, "/workflow/archive/")
    assert latin_words(phone) == set()
    shot(phone, "flowui-archive-390")


def test_the_head_signs_an_order_and_its_page_lists_the_acknowledgements(
    as_user, people, journals
):
    response = start(
        OrderFlow,
        people["methodist"],
        ORDER,
        visas=[people["senior"].pk],
        acknowledgers=[people["teacher"].pk, people["methodist2"].pk],
    )
    assert response.status_code == 302
    approval = Approval.objects.get(initiator=people["methodist"])
    title = approval.document.title

    senior = as_user(people["senior"])
    open_from_inbox(senior, title)
    assert options(senior) == ["Согласовать", "Согласовать с замечаниями", "Вернуть на доработку"]
    senior.get_by_label("Согласовать", exact=True).check()
    submit(senior)

    head = as_user(people["head"])
    go(head, "/workflow/inbox/")
    assert "Подписание" in head.locator("tr", has_text=title).inner_text()
    open_from_inbox(head, title)
    assert head.inner_text("h2").startswith("Подписание:")
    assert options(head) == ["Подписать", "Вернуть на доработку"]
    assert latin_words(head) == set()
    shot(head, "flowui-sign-head-1366")
    head.get_by_label("Подписать", exact=True).check()
    submit(head)

    teacher = as_user(people["teacher"])
    go(teacher, "/workflow/inbox/")
    assert "Ознакомление" in teacher.locator("tr", has_text=title).inner_text()
    open_from_inbox(teacher, title)
    assert teacher.inner_text("h2").startswith("Ознакомление:")
    assert latin_words(teacher) == set()
    submit(teacher)
    acknowledged = ApprovalStep.objects.get(assignee=people["teacher"], purpose="acknowledgement")

    author = as_user(people["methodist"])
    go(author, approval.document.get_absolute_url())
    card = author.inner_text("#acknowledgements")
    assert "ознакомлены 1 из 2, не ознакомлены: 1" in card
    lines = {line.split("\t")[0]: line for line in card.splitlines() if "\t" in line}
    teacher_line = lines[people["teacher"].get_full_name()]
    assert timezone.localtime(acknowledged.decided_at).strftime("%d.%m.%Y %H:%M") in teacher_line
    assert "ещё нет" in lines[people["methodist2"].get_full_name()]
    shot(author, "flowui-acknowledgements-1366")
    phone = as_user(people["methodist"], width=390, height=844)
    go(phone, approval.document.get_absolute_url())
    assert "ещё нет" in phone.inner_text("#acknowledgements")
    shot(phone, "flowui-acknowledgements-390")
