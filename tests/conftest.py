import pytest
from django.db import connection


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
