"""Items imported into a plan that has items already: a plan table numbers its rows from 1,
so they are numbered after the plan's items (1, 2, 3, 4, 5, 6, not 1, 2, 1, 2, 3, 4) and the
methodist is told; a file that continues the numbering keeps it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans import services
from plans.periods import SCHOOL, Period

from .test_plans import plan_table
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db

FIRST = [
    ["1", "Мониторинг адаптации первоклассников", "октябрь", "Волкова А.С.", "справка"],
    ["2", "Заседание методического совета", "ноябрь", "Волкова А.С.", "протокол"],
]
SECOND = [
    ["1", "Семинар для заместителей", "декабрь", "Волкова А.С.", "методическая разработка"],
    ["2", "Конкурс педагогического мастерства", "январь", "Волкова А.С.", "приказ"],
    ["2.1", "Отборочный тур", "январь", "Волкова А.С.", "протокол"],
    ["3", "Итоговая конференция", "май", "Волкова А.С.", "сборник"],
]


@pytest.fixture
def plan(people):
    return services.create_plan(
        owner=people["deputy"],
        title="План работы центра на 2026/2027 учебный год",
        period=Period(SCHOOL, "year", 2026),
    )


def _import(user, plan, rows, name="plan.docx"):
    return client_for(user).post(
        f"/plans/{plan.pk}/import/",
        {"file": SimpleUploadedFile(name, plan_table(rows))},
        follow=True,
    )


def _numbers(plan):
    return [item.number for item in plan.items.order_by("order", "pk")]


def test_second_import_is_numbered_after_the_plans_items_and_says_so(people, plan):
    first = _import(people["deputy"], plan, FIRST)
    assert first.status_code == 200
    assert "уже были пункты" not in first.content.decode()  # nothing to say the first time
    assert _numbers(plan) == ["1", "2"]

    second = _import(people["deputy"], plan, SECOND)
    assert second.status_code == 200
    assert _numbers(plan) == ["1", "2", "3", "4", "4.1", "5"]
    html = second.content.decode()
    assert "Добавлено пунктов: 4." in html
    assert (
        "В плане уже были пункты с номерами до 2, а в файле строки пронумерованы с начала: "
        "загруженные пункты пронумерованы после них, с 3 по 5. Проверьте нумерацию."
    ) in html


def test_items_typed_in_before_the_import_count_too(people, plan):
    services.add_item(plan, user=people["deputy"], activity="Комплектование кадров")
    _import(people["deputy"], plan, FIRST)
    assert _numbers(plan) == ["1", "2", "3"]


def test_a_file_that_continues_the_numbering_keeps_it(people, plan):
    _import(people["deputy"], plan, FIRST)
    continuation = [
        ["3", "Семинар для заместителей", "декабрь", "Волкова А.С.", "разработка"],
        ["4", "Итоговая конференция", "май", "Волкова А.С.", "сборник"],
    ]
    response = _import(people["deputy"], plan, continuation)
    assert _numbers(plan) == ["1", "2", "3", "4"]
    assert "уже были пункты" not in response.content.decode()


def test_the_service_reports_the_renumbering(people, plan):
    services.import_items(plan, user=people["deputy"], name="a.docx", data=plan_table(FIRST))
    report = services.import_items(
        plan, user=people["deputy"], name="b.docx", data=plan_table(SECOND)
    )
    assert report.renumbered_after == 2
    assert [item.number for item in report.items] == ["3", "4", "4.1", "5"]
