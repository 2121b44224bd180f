"""The demo correspondence (correspondence/demo.py through `load_demo`): loaded twice, the same
letters; every column of the discipline report has a number; letters of the tree waiting."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from control import selectors
from control.models import Assignment, Resolution
from correspondence.models import Letter
from orgs.models import User
from registry.models import Journal

pytestmark = pytest.mark.django_db


def test_demo_correspondence_is_loaded_once_and_fills_the_discipline_report(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = (Letter.objects.count(), Assignment.objects.count(), Resolution.objects.count())
    call_command("load_demo")
    assert (Letter.objects.count(), Assignment.objects.count(), Resolution.objects.count()) == (
        first
    )
    for code in ("imc", "uo", "school14"):
        kinds = set(Journal.objects.filter(organization__code=code).values_list("kind", flat=True))
        assert {"incoming", "outgoing"} <= kinds, code
    centre = Letter.objects.filter(organization__code="imc")
    numbers = set(centre.values_list("document__number", flat=True))
    assert {"1-вх", "2-вх", "3-вх", "4-вх", "1-исх"} <= numbers
    school = Letter.objects.filter(organization__code="school14")
    assert sorted(school.values_list("status", flat=True)) == ["arrived", "registered"]
    back = Letter.objects.get(organization__code="uo", direction="incoming")
    assert back.status == "arrived" and back.in_reply_to.organization.code == "uo"

    today = timezone.localdate()
    report = selectors.discipline(
        User.objects.get(username="head"),
        start=today.replace(month=1, day=1),
        end=today.replace(month=12, day=31),
    )
    total = report["total"]
    for column in ("done_on_time", "done_late", "overdue", "open"):
        assert total[column] > 0, column

    # The authority sees its organisations: the centre's and the school's поручения.
    authority = selectors.discipline(
        User.objects.get(username="uo_head"),
        start=today.replace(month=1, day=1),
        end=today.replace(month=12, day=31),
    )
    names = {row["name"] for row in authority["organizations"]}
    assert {"МКУ «ИМЦ»", "МБОУ «СОШ № 14»"} <= names, names
    assert next(r for r in authority["organizations"] if "СОШ" in r["name"])["overdue"] == 1
