import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from orgs import selectors
from orgs.demo import DEMO_PASSWORD
from orgs.models import Organization, Unit, User
from orgs.roles import Role


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def counts():
    return (
        Organization.objects.count(),
        Unit.objects.count(),
        User.objects.count(),
        sum(len(u.roles) for u in User.objects.all()),
    )


@pytest.mark.django_db
def test_load_demo_is_idempotent(debug_on, capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    out = capsys.readouterr().out
    assert "(уже есть, пароль не менялся)" in out


@pytest.mark.django_db
def test_load_demo_creates_one_user_per_role_who_can_log_in(debug_on, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    for role in Role:
        people = User.objects.filter(groups__name=role)
        assert people.exists(), role
    for username in ("head", "deputy", "senior_methodist", "methodist", "clerk", "staff", "admin"):
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
        assert username in out
    assert DEMO_PASSWORD in out


@pytest.mark.django_db
def test_demo_structure_answers_routing_questions(debug_on):
    call_command("load_demo")
    authority = Organization.objects.get(code="uo")
    centre = Organization.objects.get(code="imc")
    school = Organization.objects.get(code="school14")
    assert centre.parent == authority and school.parent == authority
    assert authority.kind == Organization.Kind.AUTHORITY
    assert centre.kind == Organization.Kind.METHODOLOGICAL_CENTRE
    assert selectors.organization_head(centre).username == "head"
    assert [u.username for u in selectors.organization_deputies(centre)] == ["deputy"]
    lab = centre.units.get(code="02")
    assert selectors.unit_head(lab).username == "senior_methodist"
    methodist = User.objects.get(username="methodist")
    assert selectors.superior_of(methodist).username == "senior_methodist"
    assert selectors.unit_head(school.units.get(code="02")).username == "school_deputy"
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as error:
        call_command("load_demo")
    assert error.value.returncode == 2
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_load_demo_gives_the_clerk_a_working_registry(debug_on):
    from django.utils import timezone

    from documents.models import Document
    from registry import services
    from registry.models import Journal, Nomenclature

    call_command("load_demo")
    call_command("load_demo")
    year = timezone.localdate().year
    nomenclature = Nomenclature.objects.get(organization__code="imc", year=year)
    # The registry's seven cases and four journals, correspondence's case with «Входящие»
    # and «Исходящие» (correspondence/demo.py), the archive's two cases with «Описи дел и
    # акты архива» and «Приказы по личному составу» (archive/demo.py).
    assert nomenclature.status == "approved" and nomenclature.cases.count() == 10
    assert Journal.objects.filter(organization__code="imc").count() == 8
    regulation = Document.objects.filter(organization__code="imc", kind="regulation").first()
    journal = Journal.objects.get(organization__code="imc", kind="orders_main")
    entry = services.register_document(regulation, journal, user=User.objects.get(username="clerk"))
    assert entry.number == "01-01/1"


@pytest.mark.django_db
def test_load_demo_publishes_the_approved_regulation_to_the_bank(debug_on, capsys):
    from search.backends import get_backend
    from search.models import Publication
    from search.services import drain_outbox

    call_command("load_demo")
    call_command("load_demo")
    assert Publication.objects.count() == 1
    drain_outbox()
    staff = User.objects.get(username="staff")  # a school teacher
    results = get_backend().search("банк педагогической информации", user=staff)
    assert results.facets["category"] == [{"value": "normative", "count": 1}]


@pytest.mark.django_db
def test_load_demo_puts_a_conclusion_on_approval(debug_on):
    from workflows.models import Approval

    call_command("load_demo")
    call_command("load_demo")
    approval = Approval.objects.get(kind="conclusion")
    assert approval.status == Approval.Status.IN_PROGRESS
    deputy_task = approval.steps.get(decided_at=None)
    assert deputy_task.assignee.username == "deputy"
    assert deputy_task.task is not None


@pytest.mark.django_db
def test_demo_plan_is_approved_registered_and_assigned_once(debug_on, capsys):
    from plans.models import Plan
    from plans.selectors import my_items

    call_command("load_demo")
    call_command("load_demo")
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.APPROVED and plan.document.number.startswith("01-03/")
    methodist = User.objects.get(username="methodist")
    assert my_items(methodist).count() == 2
    assert "Work plan:" not in capsys.readouterr().out  # printed in Russian


@pytest.mark.django_db
def test_every_readme_demo_login_exists_and_logs_in(debug_on):
    """The README's table of demo logins is the demo: each one logs in, none is missing."""
    import re
    from pathlib import Path

    call_command("load_demo")
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    assert {"uo_methodist", "uo_senior_methodist"} <= listed
    assert listed == set(User.objects.values_list("username", flat=True))
    for username in listed:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username


@pytest.mark.django_db
def test_authority_has_a_methodist_and_a_senior_methodist_leading_the_regulations_unit(
    debug_on,
):
    from documents.models import Document

    call_command("load_demo")
    call_command("load_demo")
    authority = Organization.objects.get(code="uo")
    methodist = User.objects.get(username="uo_methodist")
    senior = User.objects.get(username="uo_senior_methodist")
    assert methodist.organization == senior.organization == authority
    assert Role.METHODIST in methodist.roles and Role.SENIOR_METHODIST in senior.roles
    regulation = Document.objects.get(organization=authority, kind="regulation")
    assert methodist.unit == senior.unit == regulation.unit
    assert selectors.unit_head(regulation.unit) == senior
    assert selectors.superior_of(methodist) == senior


@pytest.mark.django_db
def test_demo_methodist_amends_the_authoritys_seed_regulation(
    debug_on, django_capture_on_commit_callbacks
):
    """The README's amendment journey with the demo data: the authority's methodist drafts
    changes to its regulation from the regulation's page, the department's senior methodist
    agrees, the head of the authority signs; the changes become a new revision."""
    from documents.models import Amendment, Document
    from orders.flows import AmendmentFlow
    from workflows.models import Approval

    from .workflow_helpers import client_for, decide, urls_loaded

    call_command("load_demo")
    urls_loaded()
    methodist = User.objects.get(username="uo_methodist")
    senior = User.objects.get(username="uo_senior_methodist")
    head = User.objects.get(username="uo_head")
    regulation = Document.objects.get(organization__code="uo", kind="regulation")
    web = client_for(methodist)
    page = web.get(f"/documents/{regulation.pk}/").content.decode()
    start_url = AmendmentFlow.start.reverse("execute")
    assert f"{start_url}?regulation={regulation.pk}" in page  # «Подготовить изменения»
    form = web.get(f"{start_url}?regulation={regulation.pk}")
    assert form.status_code == 200
    # The regulation is the one chosen in the picker.
    assert f'name="regulation" value="{regulation.pk}"' in form.content.decode()
    sent = web.post(
        start_url,
        {
            "regulation": regulation.pk,
            "control": "Контроль за исполнением приказа оставляю за собой.",
            "operations-0-op": "add",
            "operations-0-clause": "3.7",
            "operations-0-text": "Деятельность в сфере наставничества.",
        },
    )
    assert sent.status_code == 302, sent.content.decode()[:3000]
    approval = Approval.objects.get(kind="amendment")
    assert [step["participants"] for step in approval.route] == [[senior.pk], [head.pk]]
    assert decide(senior, approval).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(head, approval).status_code == 302
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DONE
    assert approval.document.status == Document.Status.REGISTERED
    assert Amendment.objects.get().status == Amendment.Status.APPLIED
    regulation.refresh_from_db()
    assert regulation.current_version.number == 2
    assert regulation.current_version.clauses.filter(number="3.7").exists()
