"""Demo organisations, units and people for local use (`manage.py load_demo`).

Everything is keyed by code or username, so loading twice changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from .models import Organization, Unit, User
from .roles import Role
from .services import assign_roles

# Local-only password of every demo account; README lists it.
DEMO_PASSWORD = "reglament"

ORGANIZATIONS = [
    {
        "code": "uo",
        "name": "Управление образования администрации муниципального района",
        "short_name": "Управление образования",
        "kind": Organization.Kind.AUTHORITY,
        "parent": None,
        "place": "г. Сасово",
        "address": "391430, г. Сасово, ул. Ленина, д. 1",
        "phone": "+7 (49133) 2-00-00",
        "units": [
            ("01", "Руководство", Unit.Kind.ADMINISTRATION),
            (
                "02",
                "Отдел мониторинга и методического сопровождения системы образования",
                Unit.Kind.DEPARTMENT,
            ),
            ("03", "Общий отдел", Unit.Kind.DEPARTMENT),
        ],
    },
    {
        "code": "imc",
        "name": "Муниципальное казённое учреждение «Информационно-методический центр»",
        "short_name": "МКУ «ИМЦ»",
        "kind": Organization.Kind.METHODOLOGICAL_CENTRE,
        "parent": "uo",
        "place": "г. Сасово",
        "address": "391430, г. Сасово, ул. Ленина, д. 3",
        "phone": "+7 (49133) 2-10-10",
        "units": [
            ("01", "Администрация", Unit.Kind.ADMINISTRATION),
            ("02", "Лаборатория мониторинга качества образования", Unit.Kind.LABORATORY),
            ("03", "Методический отдел", Unit.Kind.DEPARTMENT),
        ],
    },
    {
        "code": "school14",
        "name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 14»",
        "short_name": "МБОУ «СОШ № 14»",
        "kind": Organization.Kind.SCHOOL,
        "parent": "uo",
        "place": "г. Сасово",
        "address": "391430, г. Сасово, ул. Школьная, д. 14",
        "phone": "+7 (49133) 2-14-14",
        "units": [
            ("01", "Администрация", Unit.Kind.ADMINISTRATION),
            ("02", "Служба мониторинга и маркетинга", Unit.Kind.SERVICE),
        ],
    },
]


@dataclass(frozen=True)
class DemoPerson:
    username: str
    last_name: str
    first_name: str
    middle_name: str
    organization: str
    unit: str
    position: str
    roles: tuple[str, ...]
    leads_unit: bool = False


# One person per role in the methodological centre (where approval routes run end to end),
# plus the heads of the authority and the school and the school's deputy director, and in the
# authority's monitoring department (unit 02, which owns the seed regulation 004) a methodist
# who drafts changes to it and the senior methodist who leads the department and agrees them.
PEOPLE = [
    DemoPerson("head", "Соколова", "Марина", "Викторовна", "imc", "01", "Директор", (Role.HEAD,)),
    DemoPerson(
        "deputy",
        "Петров",
        "Андрей",
        "Сергеевич",
        "imc",
        "01",
        "Заместитель директора по научно-методической работе",
        (Role.DEPUTY_DIRECTOR,),
    ),
    DemoPerson(
        "senior_methodist",
        "Кузнецова",
        "Елена",
        "Павловна",
        "imc",
        "02",
        "Старший методист",
        (Role.SENIOR_METHODIST,),
        leads_unit=True,
    ),
    DemoPerson(
        "methodist", "Иванова", "Ольга", "Алексеевна", "imc", "02", "Методист", (Role.METHODIST,)
    ),
    DemoPerson(
        "clerk", "Смирнова", "Татьяна", "Ивановна", "imc", "01", "Делопроизводитель", (Role.CLERK,)
    ),
    DemoPerson(
        "staff",
        "Фёдоров",
        "Дмитрий",
        "Олегович",
        "school14",
        "02",
        "Учитель математики",
        (Role.STAFF,),
    ),
    DemoPerson(
        "uo_head",
        "Васильева",
        "Наталья",
        "Геннадьевна",
        "uo",
        "01",
        "Начальник управления образования",
        (Role.HEAD,),
    ),
    DemoPerson(
        "uo_senior_methodist",
        "Григорьева",
        "Светлана",
        "Николаевна",
        "uo",
        "02",
        "Старший методист, руководитель отдела мониторинга и методического сопровождения",
        (Role.SENIOR_METHODIST,),
        leads_unit=True,
    ),
    DemoPerson(
        "uo_methodist",
        "Никитина",
        "Юлия",
        "Андреевна",
        "uo",
        "02",
        "Методист отдела мониторинга и методического сопровождения",
        (Role.METHODIST,),
    ),
    DemoPerson(
        "school_head", "Орлов", "Сергей", "Михайлович", "school14", "01", "Директор", (Role.HEAD,)
    ),
    DemoPerson(
        "school_deputy",
        "Лебедева",
        "Анна",
        "Викторовна",
        "school14",
        "02",
        "Заместитель директора по УВР",
        (Role.DEPUTY_DIRECTOR,),
        leads_unit=True,
    ),
]


@transaction.atomic
def load_demo() -> list[tuple[User, str | None]]:
    """Create or update the demo data. Returns (person, password) pairs; the password is None
    for people who existed already (their password is left as it is)."""
    organizations = {}
    for spec in ORGANIZATIONS:
        spec = dict(spec)
        units = spec.pop("units")
        parent = organizations[spec.pop("parent")] if spec["parent"] else None
        spec.pop("parent", None)
        org, _ = Organization.objects.update_or_create(
            code=spec.pop("code"), defaults={**spec, "parent": parent}
        )
        organizations[org.code] = org
        for code, name, kind in units:
            Unit.objects.update_or_create(
                organization=org, code=code, defaults={"name": name, "kind": kind}
            )

    result = []
    for person in PEOPLE:
        org = organizations[person.organization]
        unit = org.units.get(code=person.unit)
        user, created = User.objects.update_or_create(
            username=person.username,
            defaults={
                "last_name": person.last_name,
                "first_name": person.first_name,
                "middle_name": person.middle_name,
                "organization": org,
                "unit": unit,
                "position": person.position,
                "email": f"{person.username}@example.org",
                "is_active": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        assign_roles(user, person.roles)
        if person.leads_unit and unit.head_id != user.pk:
            unit.head = user
            unit.save(update_fields=["head"])
        result.append((user, DEMO_PASSWORD if created else None))

    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "last_name": "Администратор",
            "is_staff": True,
            "is_superuser": True,
            "email": "admin@example.org",
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    result.append((admin, DEMO_PASSWORD if created else None))
    return result
