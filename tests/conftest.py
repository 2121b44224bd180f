import datetime

import pytest
from django.db import connection

D = datetime.date


def pytest_collection_modifyitems(config, items):
    vendor = connection.vendor
    for item in items:
        for marker, needed in (("postgres", "postgresql"), ("sqlite", "sqlite")):
            if item.get_closest_marker(marker) and vendor != needed:
                item.add_marker(pytest.mark.skip(reason=f"needs {needed}; this run uses {vendor}"))


@pytest.fixture
def org_tree(db):
    """An authority with a methodological centre and a school, each with units."""
    from orgs.models import Organization, Unit

    authority = Organization.objects.create(
        code="uo", name="Управление образования", kind=Organization.Kind.AUTHORITY
    )
    centre = Organization.objects.create(
        code="imc",
        name="Информационно-методический центр",
        kind=Organization.Kind.METHODOLOGICAL_CENTRE,
        parent=authority,
    )
    school = Organization.objects.create(
        code="school", name="Школа № 1", kind=Organization.Kind.SCHOOL, parent=authority
    )
    units = {
        "imc-01": Unit.objects.create(organization=centre, code="01", name="Администрация"),
        "imc-02": Unit.objects.create(organization=centre, code="02", name="Лаборатория"),
        "school-02": Unit.objects.create(organization=school, code="02", name="Служба"),
    }
    return {"authority": authority, "centre": centre, "school": school, "units": units}


@pytest.fixture
def make_person(db):
    from orgs.models import User
    from orgs.services import assign_roles

    def make(username, organization=None, unit=None, roles=(), **fields):
        user = User.objects.create_user(
            username=username, password="pw", organization=organization, unit=unit, **fields
        )
        assign_roles(user, roles)
        return user

    return make


# --- registry ---------------------------------------------------------------------------------


@pytest.fixture
def rules(db):
    from registry.models import RetentionRule

    return {
        "permanent": RetentionRule.objects.get(title="Приказы по основной деятельности"),
        "five": RetentionRule.objects.get(
            title="Приказы по административно-хозяйственным вопросам"
        ),
        "long": RetentionRule.objects.get(title="Приказы по личному составу"),
        "note": RetentionRule.objects.get(title="Аналитические справки"),
    }


@pytest.fixture
def head(org_tree, make_person):
    from orgs.roles import Role

    return make_person("head", org_tree["centre"], roles=[Role.HEAD])


@pytest.fixture
def clerk(org_tree, make_person):
    from orgs.roles import Role

    return make_person("clerk", org_tree["centre"], roles=[Role.CLERK])


@pytest.fixture
def nomenclature(org_tree, rules, head):
    """An approved 2026 nomenclature of the centre with two cases in unit 01."""
    from registry import services as registry_services
    from registry.models import Nomenclature

    n = Nomenclature.objects.create(organization=org_tree["centre"], year=2026)
    unit = org_tree["units"]["imc-01"]
    registry_services.add_case(
        n,
        unit=unit,
        title="Приказы директора по основной деятельности",
        retention_rule=rules["permanent"],
    )
    registry_services.add_case(
        n,
        unit=unit,
        title="Приказы по административно-хозяйственным вопросам",
        retention_rule=rules["five"],
    )
    return registry_services.approve_nomenclature(
        n, approver=head, order_number="01-12/5", order_date=D(2025, 12, 20)
    )


@pytest.fixture
def journal(org_tree, nomenclature):
    from registry import services as registry_services
    from registry.models import Journal

    return registry_services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Приказы по основной деятельности",
            kind=Journal.Kind.ORDERS_MAIN,
            number_template="{case}/{n}",
            default_case_index="01-01",
        )
    )


@pytest.fixture
def document(org_tree):
    from documents.services import create_document

    return create_document(
        organization=org_tree["centre"],
        name="o.txt",
        data="ПРИКАЗ\nО мониторинге\n\n1. Провести.".encode(),
    )
