import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from orgs import selectors
from orgs.models import Organization, Unit
from orgs.roles import ROLE_PERMISSIONS, Role
from orgs.services import assign_roles, sync_role_groups


@pytest.mark.django_db
def test_every_role_has_a_group_with_its_permissions_after_migrate():
    for role in Role:
        group = Group.objects.get(name=role.value)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        missing = set(ROLE_PERMISSIONS[role]) - granted
        assert not missing, f"{role}: {missing}"


@pytest.mark.django_db
def test_role_permissions_reach_the_user():
    from orgs.models import User

    methodist = User.objects.create_user("m", password="pw")
    assert not methodist.has_perm("orgs.view_organization")
    assign_roles(methodist, [Role.METHODIST])
    methodist = User.objects.get(pk=methodist.pk)  # fresh permission cache
    assert methodist.has_perm("orgs.view_organization")
    assert not methodist.has_perm("orgs.view_user")


@pytest.mark.django_db
def test_sync_role_groups_is_idempotent_and_keeps_manual_grants():
    from django.contrib.auth.models import Permission

    clerk = Group.objects.get(name=Role.CLERK)
    manual = Permission.objects.get(codename="change_unit")
    clerk.permissions.add(manual)
    before = Group.objects.count()
    sync_role_groups()
    sync_role_groups()
    assert Group.objects.count() == before
    assert clerk.permissions.filter(pk=manual.pk).exists()


def test_assign_roles_replaces_roles_and_keeps_other_groups(org_tree, make_person):
    other = Group.objects.create(name="editors")
    person = make_person("p", org_tree["centre"], roles=[Role.METHODIST, Role.CLERK])
    person.groups.add(other)
    assign_roles(person, [Role.SENIOR_METHODIST])
    assert person.roles == {Role.SENIOR_METHODIST}
    assert person.groups.filter(name="editors").exists()


def test_one_head_per_organisation(org_tree, make_person):
    make_person("director", org_tree["centre"], roles=[Role.HEAD])
    second = make_person("second", org_tree["centre"])
    with pytest.raises(ValidationError, match="уже есть руководитель"):
        assign_roles(second, [Role.HEAD])
    # Heads of different organisations do not collide.
    make_person("school_head", org_tree["school"], roles=[Role.HEAD])


def test_unknown_role_is_refused(org_tree, make_person):
    person = make_person("p", org_tree["centre"])
    with pytest.raises(ValidationError, match="Неизвестные роли: chief"):
        assign_roles(person, ["chief"])


def test_organisation_head_and_deputies(org_tree, make_person):
    centre = org_tree["centre"]
    assert selectors.organization_head(centre) is None
    head = make_person("head", centre, roles=[Role.HEAD])
    deputy_b = make_person("b", centre, roles=[Role.DEPUTY_DIRECTOR], last_name="Петров")
    deputy_a = make_person("a", centre, roles=[Role.DEPUTY_DIRECTOR], last_name="Антонов")
    make_person("other_head", org_tree["school"], roles=[Role.HEAD])
    gone = make_person("gone", centre, roles=[Role.DEPUTY_DIRECTOR], is_active=False)

    assert selectors.organization_head(centre) == head
    deputies = list(selectors.organization_deputies(centre))
    assert deputies == [deputy_a, deputy_b]
    assert gone not in deputies


def test_unit_head_prefers_named_head_then_leading_role(org_tree, make_person):
    centre, lab = org_tree["centre"], org_tree["units"]["imc-02"]
    assert selectors.unit_head(lab) is None
    make_person("methodist", centre, lab, roles=[Role.METHODIST])
    assert selectors.unit_head(lab) is None
    senior = make_person("senior", centre, lab, roles=[Role.SENIOR_METHODIST])
    assert selectors.unit_head(lab) == senior
    deputy = make_person("deputy", centre, lab, roles=[Role.DEPUTY_DIRECTOR])
    assert selectors.unit_head(lab) == deputy  # a deputy director outranks a senior methodist
    lab.head = senior
    lab.save()
    assert selectors.unit_head(lab) == senior
    senior.is_active = False
    senior.save()
    assert selectors.unit_head(lab) == deputy


def test_unit_deputy(org_tree, make_person):
    lab = org_tree["units"]["imc-02"]
    assert selectors.unit_deputy(lab) is None
    person = make_person("d", org_tree["centre"], lab)
    lab.deputy = person
    lab.save()
    assert selectors.unit_deputy(lab) == person


def test_users_with_role_is_scoped_to_organisation_and_unit(org_tree, make_person):
    centre, school = org_tree["centre"], org_tree["school"]
    lab, admin_unit = org_tree["units"]["imc-02"], org_tree["units"]["imc-01"]
    m1 = make_person("m1", centre, lab, roles=[Role.METHODIST])
    m2 = make_person("m2", centre, admin_unit, roles=[Role.METHODIST])
    make_person("m3", school, roles=[Role.METHODIST])
    assert set(selectors.users_with_role(centre, Role.METHODIST)) == {m1, m2}
    assert list(selectors.users_with_role(centre, Role.METHODIST, unit=lab)) == [m1]


def test_superior_of_walks_unit_then_organisation_then_parent(org_tree, make_person):
    centre, lab = org_tree["centre"], org_tree["units"]["imc-02"]
    authority = org_tree["authority"]
    chief = make_person("chief", authority, roles=[Role.HEAD])
    methodist = make_person("m", centre, lab, roles=[Role.METHODIST])
    assert selectors.superior_of(methodist) == chief  # nobody closer yet
    director = make_person("director", centre, roles=[Role.HEAD])
    assert selectors.superior_of(methodist) == director
    senior = make_person("senior", centre, lab, roles=[Role.SENIOR_METHODIST])
    assert selectors.superior_of(methodist) == senior
    assert selectors.superior_of(senior) == director  # a unit lead answers to the head
    assert selectors.superior_of(director) == chief
    assert selectors.superior_of(chief) is None


def test_organisation_tree_refuses_cycles(org_tree):
    authority, centre = org_tree["authority"], org_tree["centre"]
    assert centre.ancestors() == [authority]
    authority.parent = centre
    with pytest.raises(ValidationError) as error:
        authority.full_clean()
    assert "parent" in error.value.message_dict
    authority.parent = authority
    with pytest.raises(ValidationError):
        authority.full_clean()


def test_unit_code_is_numeric_and_unique_per_organisation(org_tree):
    centre, school = org_tree["centre"], org_tree["school"]
    with pytest.raises(ValidationError) as error:
        Unit(organization=centre, code="A1", name="Отдел").full_clean()
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError):
        Unit(organization=centre, code="02", name="Дубль").full_clean()
    Unit(organization=school, code="01", name="Администрация").full_clean()  # other org: fine


def test_person_unit_must_belong_to_their_organisation(org_tree, make_person):
    person = make_person("p", org_tree["school"])
    person.unit = org_tree["units"]["imc-02"]
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "unit" in error.value.message_dict


def test_names_in_russian_order_and_signature_form(db):
    from orgs.models import User

    person = User(username="s", last_name="Серёгина", first_name="Ирина", middle_name="Николаевна")
    assert person.get_full_name() == "Серёгина Ирина Николаевна"
    assert person.initials_name == "И.Н. Серёгина"
    assert User(username="x").initials_name == "x"


def test_organization_str_prefers_short_name(db):
    org = Organization(code="x", name="Полное наименование", short_name="Краткое")
    assert str(org) == "Краткое"
