"""The discipline report (исполнительская дисциплина): a known mix of поручения in an
authority and its school, counted exactly per executor, unit and organisation; the head of
the authority sees both, the school's head only the school; the page, the .xlsx and the .docx
say the same numbers; the number of queries does not grow with the number of поручения."""

import io
import re

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from control import selectors, services
from control.models import Assignment
from orgs.models import Unit, User
from orgs.roles import Role

from .control_helpers import TODAY, D, api, at, frozen_fixture  # noqa: F401  (`frozen`)
from .record_helpers import approved_upload
from .test_workflow_frame import _english_words
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db
YEAR = {"start": D(2026, 1, 1), "end": D(2026, 12, 31)}


def counts(row):
    return (
        row["total"],
        row["done_on_time"],
        row["done_late"],
        row["overdue"],
        row["open"],
        row["on_time_share"],
    )


@pytest.fixture
def mix(frozen, org_tree, make_person):
    """As of 1.12.2026: the authority's two executors (one unit) and the school's two (one
    without a unit), with поручения done on time, done late, overdue, open and reported."""
    authority, school = org_tree["authority"], org_tree["school"]
    department = Unit.objects.create(organization=authority, code="01", name="Отдел")
    people = {
        "uo-head": make_person("uo-head", authority, roles=[Role.HEAD], last_name="Начальникова"),
        "school-head": make_person(
            "school-head", school, roles=[Role.HEAD], last_name="Директорова"
        ),
        "a1": make_person("a1", authority, department, roles=[Role.STAFF], last_name="Агеева"),
        "a2": make_person("a2", authority, department, roles=[Role.STAFF], last_name="Борисова"),
        "s1": make_person(
            "s1", school, org_tree["units"]["school-02"], roles=[Role.STAFF], last_name="Васильева"
        ),
        "s2": make_person("s2", school, None, roles=[Role.STAFF], last_name="Григорьева"),
    }
    letters = {
        authority.pk: approved_upload(authority, "ПИСЬМО\nО мониторинге\n\nТекст."),
        school.pk: approved_upload(school, "ПИСЬМО\nО мониторинге\n\nТекст."),
    }

    def given(executor, deadline, *, reported=None, accepted=True):
        head = people["uo-head" if executor.organization == authority else "school-head"]
        with at(D(2026, 11, 2)):
            services.write_resolution(
                document=letters[executor.organization_id],
                author=head,
                text="Поручение",
                executor=executor,
                deadline=deadline,
            )
        assignment = Assignment.objects.latest("pk")
        if reported:
            with at(reported):
                services.report(assignment, user=executor, text="Исполнено")
                if accepted:
                    services.accept(assignment, user=head)
        return assignment

    a1, a2, s1, s2 = people["a1"], people["a2"], people["s1"], people["s2"]
    given(a1, D(2026, 11, 20), reported=D(2026, 11, 18))  # done on time
    given(a1, D(2026, 11, 10), reported=D(2026, 11, 12))  # done late
    given(a1, D(2026, 11, 25))  # overdue
    given(a1, D(2026, 12, 20))  # open
    given(a2, D(2026, 12, 10), reported=D(2026, 12, 1), accepted=False)  # reported in time
    given(a2, D(2026, 11, 27), reported=D(2026, 11, 30), accepted=False)  # reported late
    given(a2, D(2026, 11, 30))  # overdue (yesterday)
    given(a2, D(2027, 1, 20))  # due after the period
    cancelled = given(a1, D(2026, 12, 4))
    Assignment.objects.filter(pk=cancelled.pk).update(status=Assignment.Status.CANCELLED)
    given(s1, D(2026, 11, 20), reported=D(2026, 11, 19))  # done on time
    given(s1, D(2026, 11, 26))  # overdue
    given(s2, D(2026, 12, 15))  # open
    given(s2, D(2026, 11, 16), reported=D(2026, 11, 17))  # done late
    return people


AUTHORITY_PEOPLE = [
    ("Агеева", (4, 1, 1, 1, 1, 25)),
    ("Борисова", (3, 1, 1, 1, 0, 33)),
    ("Васильева", (2, 1, 0, 1, 0, 50)),
    ("Григорьева", (2, 0, 1, 0, 1, 0)),
]
AUTHORITY_UNITS = [
    ("01 Отдел", (7, 2, 2, 2, 1, 29)),
    ("02 Служба", (2, 1, 0, 1, 0, 50)),
    ("—", (2, 0, 1, 0, 1, 0)),
]
AUTHORITY_ORGS = [
    ("Управление образования", (7, 2, 2, 2, 1, 29)),
    ("Школа № 1", (4, 1, 1, 1, 1, 25)),
]


def named(rows):
    return [(row["name"], counts(row)) for row in rows]


def test_the_authoritys_head_counts_both_organisations_the_schools_head_only_theirs(mix):
    report = selectors.discipline(mix["uo-head"], **YEAR, today=TODAY)
    assert counts(report["total"]) == (11, 3, 3, 3, 2, 27)
    assert named(report["people"]) == AUTHORITY_PEOPLE
    assert named(report["units"]) == AUTHORITY_UNITS
    assert named(report["organizations"]) == AUTHORITY_ORGS

    school = selectors.discipline(mix["school-head"], **YEAR, today=TODAY)
    assert counts(school["total"]) == (4, 1, 1, 1, 1, 25)
    assert named(school["people"]) == AUTHORITY_PEOPLE[2:]
    assert named(school["organizations"]) == AUTHORITY_ORGS[1:]
    # An executor counts what they take part in; a later «today» makes the open overdue.
    own = selectors.discipline(mix["a1"], **YEAR, today=TODAY)
    assert counts(own["total"]) == (4, 1, 1, 1, 1, 25)
    later = selectors.discipline(mix["uo-head"], **YEAR, today=D(2026, 12, 21))
    assert counts(later["total"]) == (11, 3, 3, 5, 0, 27)
    # The period is by deadline: November only.
    november = selectors.discipline(
        mix["uo-head"], start=D(2026, 11, 1), end=D(2026, 11, 30), today=TODAY
    )
    assert counts(november["total"]) == (8, 2, 3, 3, 0, 25)


def test_the_state_of_each_row_agrees_with_the_report(mix):
    states = [
        a.state(TODAY)
        for a in Assignment.objects.exclude(status=Assignment.Status.CANCELLED).filter(
            deadline__year=2026
        )
    ]
    report = selectors.discipline(mix["uo-head"], **YEAR, today=TODAY)["total"]
    assert {s: states.count(s) for s in selectors.STATES} == {
        s: report[s] for s in selectors.STATES
    }


def table(html, table_id):
    body = re.search(rf'<table class="rg-table" id="{table_id}">(.*?)</table>', html, re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
        if "<td>" in row
    ]


def test_the_page_shows_the_numbers(mix):
    page = client_for(mix["uo-head"]).get(
        reverse("control:discipline"), {"start": "01.01.2026", "end": "31.12.2026"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert _english_words(html) - {"xlsx"} == set()  # «Отчёт (.xlsx)» names the format
    assert table(html, "organizations") == [
        ["Управление образования", "7", "2", "2", "2", "1", "29"],
        ["Школа № 1", "4", "1", "1", "1", "1", "25"],
    ]
    people = table(html, "people")
    assert [row[0] for row in people] == [name for name, _c in AUTHORITY_PEOPLE]
    assert people[3][1:] == ["2", "0", "1", "0", "1", "0"]
    assert table(html, "units")[2] == ["—", "2", "0", "1", "0", "1", "0"]
    assert "<th>На контроле</th><td>11</td>" in html.replace("\n", "").replace("    ", "")
    school = client_for(mix["school-head"]).get(reverse("control:discipline"))
    assert "Управление образования" not in school.content.decode()
    # Without a period: the current year.
    assert school.context["report"]["start"] == D(2026, 1, 1)
    assert counts(school.context["report"]["total"]) == (4, 1, 1, 1, 1, 25)
    bad = client_for(mix["school-head"]).get(
        reverse("control:discipline"), {"start": "31.12.2026", "end": "01.01.2026"}
    )
    assert "Период заканчивается раньше, чем начинается." in bad.content.decode()


def test_the_xlsx_and_the_docx_have_the_numbers(mix):
    web = client_for(mix["uo-head"])
    query = {"start": "01.01.2026", "end": "31.12.2026"}
    xlsx = web.get(reverse("control:discipline_file", args=["xlsx"]), query)
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    assert ".xlsx" in xlsx["Content-Disposition"]
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Исполнительская дисциплина"
    assert "с 01.01.2026 по 31.12.2026" in rows[1][0] and "на 01.12.2026" in rows[1][0]
    assert rows[3][:7] == ("Всего", 11, 3, 3, 3, 2, 27)
    by_name = {row[0]: row[1:7] for row in rows if row and row[0]}
    assert by_name["Управление образования"] == (7, 2, 2, 2, 1, 29)
    assert by_name["Школа № 1"] == (4, 1, 1, 1, 1, 25)
    assert by_name["01 Отдел"] == (7, 2, 2, 2, 1, 29)
    assert by_name["—"] == (2, 0, 1, 0, 1, 0)
    assert by_name[mix["a2"].get_full_name()] == (3, 1, 1, 1, 0, 33)
    header = rows.index(
        (
            "Организация",
            "На контроле",
            "Исполнено в срок",
            "Исполнено с нарушением срока",
            "Просрочено",
            "В работе",
            "Исполнено в срок, %",
        )
    )
    assert rows[header + 1][0] == "Управление образования"

    word = web.get(reverse("control:discipline_file", args=["docx"]), query)
    assert word.status_code == 200 and "wordprocessingml" in word["Content-Type"]
    document = docx.Document(
        io.BytesIO(b"".join(word.streaming_content) if word.streaming else word.content)
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "СПРАВКА" in text and "за период с 01.01.2026 по 31.12.2026" in text
    assert (
        "На контроле 11 поручений со сроком исполнения в периоде; исполнено в срок 3, "
        "с нарушением срока 3, просрочено 3, в работе 2 (по состоянию на 01.12.2026)."
    ) in text
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Школа № 1", "4", "1", "1", "1", "1", "25"] in cells
    assert [mix["a1"].get_full_name(), "4", "1", "1", "1", "1", "25"] in cells
    assert web.get("/control/discipline.pdf").status_code == 404


def test_the_api_answers_the_same_numbers(mix):
    body = (
        api(mix["school-head"])
        .get("/api/v1/assignments/discipline/", {"start": "2026-01-01", "end": "2026-12-31"})
        .json()
    )
    assert counts(body["total"]) == (4, 1, 1, 1, 1, 25)
    assert [o["name"] for o in body["organizations"]] == ["Школа № 1"]
    everything = (
        api(mix["uo-head"])
        .get("/api/v1/assignments/discipline/", {"start": "2026-01-01", "end": "2026-12-31"})
        .json()
    )
    assert [(o["name"], counts(o)) for o in everything["organizations"]] == AUTHORITY_ORGS


def bulk(organization, executors, controller, n):
    Assignment.objects.bulk_create(
        Assignment(
            organization=organization,
            source="order",
            text=f"Поручение {i}",
            executor=executors[i % len(executors)],
            unit_id=executors[i % len(executors)].unit_id,
            controller=controller,
            deadline=D(2026, 1 + i % 12, 1 + i % 28),
            original_deadline=D(2026, 1 + i % 12, 1 + i % 28),
            status=("open", "reported", "done")[i % 3],
            reported_at=None if i % 3 == 0 else "2026-06-01T10:00:00+03:00",
            completed_on=D(2026, 6, 1) if i % 3 == 2 else None,
        )
        for i in range(n)
    )


def queries_of(user_pk) -> int:
    user = User.objects.get(pk=user_pk)  # its roles not read yet
    with CaptureQueriesContext(connection) as captured:
        selectors.discipline(user, **YEAR, today=TODAY)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_assignments(mix):
    authority, school = mix["a1"].organization, mix["s1"].organization
    few = queries_of(mix["uo-head"].pk)
    bulk(authority, [mix["a1"], mix["a2"]], mix["uo-head"], 10)
    ten = queries_of(mix["uo-head"].pk)
    bulk(school, [mix["s1"], mix["s2"]], mix["school-head"], 190)
    more = queries_of(mix["uo-head"].pk)
    assert few == ten == more <= 10
    assert selectors.discipline(mix["uo-head"], **YEAR, today=TODAY)["total"]["total"] == 211
