import datetime
from pathlib import Path

import pytest
from django.db import connection

from .browser import as_user, browser  # noqa: F401  (fixtures of the browser tests)

D = datetime.date


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        metavar="DIR",
        default=None,
        help="write screenshots of the journeys' pages (desktop and 390 px) to DIR",
    )


def pytest_configure(config):
    from . import browser as browser_module

    folder = config.getoption("--screenshots", default=None)
    if folder:
        browser_module.SHOTS = Path(folder)


def pytest_collection_modifyitems(config, items):
    vendor = connection.vendor
    fuzz_selected = "fuzz" in (config.getoption("markexpr", default="") or "")
    for item in items:
        if item.get_closest_marker("fuzz") and not fuzz_selected:
            item.add_marker(pytest.mark.skip(reason="the API fuzz run: select it with -m fuzz"))
        for marker, needed in (("postgres", "postgresql"), ("sqlite", "sqlite")):
            if item.get_closest_marker(marker) and vendor != needed:
                item.add_marker(pytest.mark.skip(reason=f"needs {needed}; this run uses {vendor}"))


@pytest.fixture(autouse=True)
def _search_index(settings, tmp_path_factory):
    """A tantivy index of the test's own: the database is rolled back after each test, an
    index directory is not (and SQLite gives ids again)."""
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")


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
    """An order approved on paper (entered from the archive): ready for registration."""
    from .record_helpers import approved_upload

    return approved_upload(org_tree["centre"], "ПРИКАЗ\nО мониторинге\n\n1. Провести.", "o.txt")


# --- workflows --------------------------------------------------------------------------------


@pytest.fixture
def people(org_tree, make_person, head, clerk):
    """The centre's staff in every role, plus a stranger from the school."""
    from orgs.roles import Role

    centre, lab = org_tree["centre"], org_tree["units"]["imc-02"]
    head.last_name, head.first_name, head.middle_name = "Иванова", "Мария", "Петровна"
    head.position = "Директор"
    head.email = "head@example.org"
    head.save()

    def person(username, last, roles, position, unit=lab, org=centre):
        return make_person(
            username,
            org,
            unit,
            roles=roles,
            last_name=last,
            first_name="Анна",
            middle_name="Сергеевна",
            position=position,
            email=f"{username}@example.org",
        )

    return {
        "head": head,
        "clerk": clerk,
        "deputy": person("deputy", "Смирнова", [Role.DEPUTY_DIRECTOR], "Заместитель директора"),
        "deputy2": person("deputy2", "Кузнецова", [Role.DEPUTY_DIRECTOR], "Заместитель директора"),
        "senior": person("senior", "Попова", [Role.SENIOR_METHODIST], "Старший методист"),
        "methodist": person("methodist", "Волкова", [Role.METHODIST], "Методист"),
        "methodist2": person("methodist2", "Зайцева", [Role.METHODIST], "Методист"),
        "teacher": person("teacher", "Лебедева", [Role.STAFF], "Педагог"),
        "stranger": person(
            "stranger", "Соколова", [Role.HEAD], "Директор", unit=None, org=org_tree["school"]
        ),
    }


@pytest.fixture
def lab_deputy(people, org_tree):
    """The laboratory's head of service is the deputy (routes resolve the deputy role to them)."""
    lab = org_tree["units"]["imc-02"]
    lab.deputy = people["deputy"]
    lab.save()
    return people["deputy"]


@pytest.fixture
def journals(org_tree, nomenclature, journal):
    from registry import services as registry_services
    from registry.models import Journal

    conclusions = registry_services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Экспертные заключения",
            kind=Journal.Kind.CONCLUSIONS,
            number_template="{case}/{n}",
            default_case_index="01-02",
        )
    )
    return {"orders": journal, "conclusions": conclusions}


SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"


@pytest.fixture
def setting(people, lab_deputy, journals, org_tree):
    """Everything the four processes need: routes resolve to the lab's deputy, the senior
    methodist (the lab's lead) and the head; journals for conclusions, orders and plans."""
    from documents import services as document_services
    from registry import services as registry_services
    from registry.models import Journal

    from .record_helpers import approved
    from .workflow_helpers import urls_loaded

    urls_loaded()
    lab = org_tree["units"]["imc-02"]
    lab.head = people["senior"]
    lab.save()
    registry_services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Планы",
            kind=Journal.Kind.PLANS,
            number_template="{case}/{n}",
            default_case_index="01-01",
        )
    )

    seed = next(SEEDS.glob("004_*.txt"))
    regulation = approved(
        document_services.create_document(
            organization=org_tree["centre"], unit=lab, name=seed.name, data=seed.read_bytes()
        )
    )
    return {**people, "regulation": regulation}
