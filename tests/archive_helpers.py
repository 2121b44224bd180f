"""The archive as the tests drive it: the centre with its clerk (the commission's secretary),
head and an expert commission (chair: the deputy; member: the senior methodist); the
nomenclature of 2022 with a case of each kind of retention, documents registered in each, its
cases closed at the year's end; the archive's journal where inventories and acts
are registered. Time moves with `at(...)` (time_machine), a year at a time."""

import datetime
import zoneinfo

import pytest
import time_machine

from .record_helpers import approved_upload
from .workflow_helpers import client_for, urls_loaded

MSK = zoneinfo.ZoneInfo("Europe/Moscow")
YEAR = 2022
CASES = (
    # index, title, rule title, epk
    ("01-01", "Приказы директора по основной деятельности", "Приказы по основной деятельности"),
    (
        "01-02",
        "Приказы по административно-хозяйственным вопросам",
        "Приказы по административно-хозяйственным вопросам",
    ),
    ("01-03", "Аналитические справки о результатах мониторинга", "Аналитические справки"),
    ("01-04", "Приказы по личному составу", "Приказы по личному составу"),
)


def at(year, month=1, day=15, hour=10):
    """Travel to that day (Moscow time), the clock ticking."""
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=MSK), tick=True)


@pytest.fixture
def archive_world(org_tree, people, rules):
    """Everything up to 1 January 2023: the cases of 2022 closed, documents in each."""
    from archive import services
    from registry import services as registry
    from registry.models import Journal, Nomenclature, RetentionRule

    urls_loaded()
    centre, admin = org_tree["centre"], org_tree["units"]["imc-01"]
    clerk, head = people["clerk"], people["head"]
    clerk.last_name, clerk.first_name, clerk.position = "Смирнова", "Татьяна", "Делопроизводитель"
    clerk.save()
    world = {
        "centre": centre,
        "clerk": clerk,
        "head": head,
        "chair": people["deputy"],
        "member": people["senior"],
        "cases": {},
        "documents": {},
    }
    with at(YEAR, 1, 10):
        nomenclature = Nomenclature.objects.create(organization=centre, year=YEAR)
        for index, title, rule in CASES:
            world["cases"][index] = registry.add_case(
                nomenclature,
                unit=admin,
                index=index,
                title=title,
                retention_rule=RetentionRule.objects.get(title=rule),
            )
        registry.approve_nomenclature(
            nomenclature,
            approver=head,
            order_number="01-01/1",
            order_date=datetime.date(2021, 12, 20),
        )
        journal = registry.save_journal(
            Journal(
                organization=centre,
                name="Приказы",
                kind=Journal.Kind.ORDERS_MAIN,
                number_template="{n}",
            )
        )
        for index, case in world["cases"].items():
            found = []
            for n in (1, 2):
                document = approved_upload(
                    centre,
                    f"ПРИКАЗ\nО деле {index}, документ {n}\n\n1. Провести.",
                    f"{index}-{n}.txt",
                )
                registry.register_document(document, journal, user=clerk, case=case)
                found.append(document)
            world["documents"][index] = found
        services.name_commission(
            organization=centre,
            chair=people["deputy"],
            secretary=clerk,
            members=[people["senior"]],
            order="Приказ от 10.01.2022 № 01-01/2",
            actor=head,
        )
    with at(YEAR, 12, 31, 18):
        for case in world["cases"].values():
            registry.close_case(case)
    # Every later year has its nomenclature with the case of inventories and acts (kept
    # permanently), so what the archive registers in its journal finds its case.
    for year in range(YEAR + 1, YEAR + 9):
        with at(year - 1, 12, 20):
            later = Nomenclature.objects.create(organization=centre, year=year)
            keep = registry.add_case(
                later,
                unit=admin,
                index="01-09",
                title="Описи дел, акты о выделении к уничтожению",
                retention_rule=RetentionRule.objects.get(title="Приказы по основной деятельности"),
                carried_over=True,
            )
            registry.approve_nomenclature(
                later,
                approver=head,
                order_number=f"01-01/{year}",
                order_date=datetime.date(year - 1, 12, 20),
            )
    world["internal"] = registry.save_journal(
        Journal(
            organization=centre,
            name="Описи дел и акты архива",
            kind=Journal.Kind.ARCHIVE,
            number_template="{n}-ЭК",
            default_case_index=keep.index,
            yearly_reset=False,
        )
    )
    return world


def page(user, url, data=None):
    client = client_for(user)
    return client.post(url, data) if data is not None else client.get(url)
