"""Demo archive of the methodological centre, so every tab of «Архив» has something after
`make run`, whatever year it is loaded in (Y below is this year).

What is made as data: the expert commission (chair: the deputy director; secretary: the
clerk; members: the senior methodist and the methodist); the nomenclatures of Y-7 … Y-1,
approved by the head, with cases of five retention rules (permanent, 5 years, 1 year, 5 years
ЭПК and, from Y-2, on personnel), documents of those years entered from the paper archive and
registered in them on their dates, every case closed on 31 December of its year; the journals
«Описи дел и акты архива» (where inventories and acts are registered) and «Приказы по личному
составу», and their cases in this year's nomenclature.

What happens today, through the real processes and services:

- the inventories of permanent cases of Y-7 … Y-2, agreed by the commission (its protocol) and
  approved by the head; the cases of Y-7 … Y-4 handed over to the archive after their term
  (act of acceptance № 1, with the reason), those of Y-3 within it (№ 2); those of Y-2 due;
- the permanent and personnel cases of Y-1 wait for an inventory; the personnel inventory of
  Y-2 is on approval with the commission's chair (a task in his inbox);
- the ЭПК analytical notes of Y-7 reviewed by the commission (no lasting value) and destroyed
  with the other expired cases of Y-7 by an approved act (the documents' cards kept); those of
  Y-6 wait for the commission's review; the monthly plans of Y-6 … Y-2 and the administrative
  orders of Y-6 are due for destruction.

Loaded once: the history is made only while the centre has no inventory and no nomenclature
of those years (in one transaction: all of it or nothing)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import get_resolver
from django.utils import timezone

from documents import lifecycle
from documents.models import Document
from documents.services import create_document
from orgs.models import Organization, User
from registry import services as registry
from registry.models import Journal, Nomenclature, RetentionRule
from workflows import services as workflow_services
from workflows.models import ApprovalStep
from workflows.runner import run_task, start_process

from . import selectors, services
from .flows import DestructionActFlow, InventoryFlow
from .forms import DestructionActForm, InventoryForm
from .models import DestructionAct, Inventory, Review, Transfer

CENTRE = "imc"
YEARS = 7  # the nomenclatures of the seven years before this one
PERSONNEL_SINCE = 2  # the centre keeps its own personnel orders since Y-2 (before: the authority)
PROTOCOL = "1"  # the commission's meeting that agreed the inventories and the act
ARCHIVE_RULE = "Описи дел, акты о выделении документов к уничтожению"
ARCHIVE_CASE = "Описи дел, акты о выделении документов к уничтожению"
PERSONNEL_CASE = "Приказы директора по личному составу"
INTERNAL = "Описи дел и акты архива"
PERSONNEL_JOURNAL = "Приказы по личному составу"
RECEIVED_BY = "Ответственный за архив, старший методист Е. П. Кузнецова"
LATE_REASON = (
    "описи дел постоянного хранения за прошлые годы составлены и утверждены после ввода "
    "архива центра в систему"
)


@dataclass(frozen=True)
class PastCase:
    key: str
    unit: str
    index: str  # "" for the personnel case: the index it has in this year's nomenclature
    title: str
    rule: str


PAST_CASES = (
    PastCase(
        "main",
        "01",
        "01-01",
        "Приказы директора по основной деятельности",
        "Приказы по основной деятельности",
    ),
    PastCase(
        "admin",
        "01",
        "01-02",
        "Приказы директора по административно-хозяйственным вопросам",
        "Приказы по административно-хозяйственным вопросам",
    ),
    PastCase("plan", "01", "01-03", "Годовой план работы центра", "Планы работы годовые"),
    PastCase("personnel", "01", "", PERSONNEL_CASE, "Приказы по личному составу"),
    PastCase(
        "notes",
        "02",
        "02-02",
        "Аналитические справки по итогам мониторинга",
        "Аналитические справки",
    ),
    PastCase(
        "monthly", "03", "03-02", "Месячные планы методического отдела", "Планы работы месячные"
    ),
)
# Each case's documents of a year: (month, day, kind, title, text, author, journal).
ORDERS_MAIN, ORDERS_ADMIN, PLANS = "orders_main", "orders_admin", "plans"


def _documents(key, year, first) -> list[tuple]:
    """The documents of the case `key` of `year` (`first`: the first year of the demo)."""
    order, plan, note = Document.Kind.ORDER, Document.Kind.PLAN, Document.Kind.NOTE
    if key == "main":
        opening = (
            (
                "О создании экспертной комиссии",
                "В целях организации экспертизы ценности документов, отбора их на хранение и "
                "к уничтожению\nПРИКАЗЫВАЮ:\n1. Создать постоянно действующую экспертную "
                "комиссию в составе: председатель — Петров А. С., заместитель директора; "
                "секретарь — Смирнова Т. И., делопроизводитель; члены комиссии — "
                "Кузнецова Е. П., старший методист, Иванова О. А., методист.\n2. Контроль за "
                "исполнением приказа оставляю за собой.",
            )
            if year == first
            else (
                f"Об организации методической работы в {year} году",
                f"В целях организации методической работы в {year} году\nПРИКАЗЫВАЮ:\n"
                "1. Утвердить план работы центра.\n2. Контроль за исполнением приказа "
                "возложить на заместителя директора Петрова А. С.",
            )
        )
        return [
            (1, 15, order, *opening, "clerk", ORDERS_MAIN),
            (
                12,
                20,
                order,
                f"Об утверждении номенклатуры дел на {year + 1} год",
                f"ПРИКАЗЫВАЮ:\n1. Утвердить номенклатуру дел центра на {year + 1} год и ввести "
                f"её в действие с 01.01.{year + 1}.\n2. Делопроизводителю Смирновой Т. И. "
                "завести дела в соответствии с номенклатурой.",
                "clerk",
                ORDERS_MAIN,
            ),
        ]
    if key == "admin":
        return [
            (
                8,
                20,
                order,
                f"О подготовке здания центра к отопительному сезону {year}/{year + 1} года",
                "ПРИКАЗЫВАЮ:\n1. Провести проверку системы отопления до 15 сентября.\n"
                "2. Назначить ответственным за подготовку здания завхоза.",
                "clerk",
                ORDERS_ADMIN,
            )
        ]
    if key == "plan":
        return [
            (
                1,
                12,
                plan,
                f"План работы центра на {year} год",
                f"ПЛАН РАБОТЫ\nМКУ «ИМЦ» на {year} год\n1. Организационная работа.\n"
                "2. Методическое сопровождение педагогов.\n3. Мониторинг качества образования.",
                "deputy",
                PLANS,
            )
        ]
    if key == "personnel":
        return [
            (
                9,
                1,
                order,
                "О приёме на работу",
                f"ПРИКАЗЫВАЮ:\n1. Принять на должность методиста методического отдела с "
                f"01.09.{year} (работник центра; сведения в личном деле).",
                "clerk",
                PERSONNEL_JOURNAL,
            )
        ]
    if key == "notes":
        return [
            (
                6,
                25,
                note,
                "Аналитическая справка по итогам мониторинга качества образования "
                f"в {year - 1}/{year} учебном году",
                "СПРАВКА\nМониторинг проведён в общеобразовательных организациях района.\n"
                "Результаты представлены по предметам и параллелям.",
                "senior_methodist",
                INTERNAL,
            )
        ]
    if key == "monthly":
        return [
            (
                8,
                28,
                plan,
                f"План работы методического отдела на сентябрь {year} года",
                "ПЛАН РАБОТЫ\n1. Консультации для молодых педагогов.\n2. Заседания ШМО.",
                "senior_methodist",
                PLANS,
            ),
            (
                9,
                29,
                plan,
                f"План работы методического отдела на октябрь {year} года",
                "ПЛАН РАБОТЫ\n1. Семинар для заместителей директоров по УВР.\n"
                "2. Подготовка к олимпиаде.",
                "senior_methodist",
                PLANS,
            ),
        ]
    raise ValueError(key)


def load_demo_archive() -> dict:
    """Create what is missing; returns what the archive of the centre holds."""
    centre = Organization.objects.get(code=CENTRE)
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=["head", "deputy", "senior_methodist", "methodist", "clerk"]
        )
    }
    year = timezone.localdate().year
    filing = _this_year(centre)
    if selectors.commission_of(centre) is None:
        services.name_commission(
            organization=centre,
            chair=people["deputy"],
            secretary=people["clerk"],
            members=[people["senior_methodist"], people["methodist"]],
            order=f"Приказ от 15.01.{year - YEARS} № 01-01/1",  # the first order of the demo
            actor=people["head"],
        )
    past = range(year - YEARS, year)
    fresh = not (
        Inventory.objects.filter(organization=centre).exists()
        or Nomenclature.objects.filter(organization=centre, year__in=past).exists()
    )
    if fresh:
        _ = get_resolver().url_patterns  # notifications link to task pages
        with transaction.atomic():
            cases = _history(centre, people, filing, past)
            _cycle(centre, people, cases, past)
    return {
        "cases": len(selectors.case_states(centre)),
        "inventories": Inventory.objects.filter(organization=centre).count(),
        "acts": DestructionAct.objects.filter(organization=centre).count(),
        "transfers": Transfer.objects.filter(organization=centre).count(),
    }


def _rule(title) -> RetentionRule:
    if title == ARCHIVE_RULE:
        rule, _created = RetentionRule.objects.get_or_create(
            article="",
            title=ARCHIVE_RULE,
            defaults={"years": None, "note": "Постоянно; статью уточнить", "needs_check": True},
        )
        return rule
    return RetentionRule.objects.get(title=title)


@transaction.atomic
def _this_year(centre) -> dict:
    """The cases of this year's nomenclature (registry.demo's) that the archive needs — for the
    inventories and acts, for personnel orders — and the two journals filing into them."""
    nomenclature = Nomenclature.objects.get(organization=centre, year=timezone.localdate().year)
    unit = centre.units.get(code="01")
    indexes = {}
    for title, rule in (
        (PERSONNEL_CASE, "Приказы по личному составу"),
        (ARCHIVE_CASE, ARCHIVE_RULE),
    ):
        case = nomenclature.cases.filter(title=title).first() or registry.add_case(
            nomenclature, unit=unit, title=title, retention_rule=_rule(rule)
        )
        indexes[title] = case.index
    for name, kind, template, title in (
        (INTERNAL, Journal.Kind.ARCHIVE, "{case}/{n}", ARCHIVE_CASE),
        (PERSONNEL_JOURNAL, Journal.Kind.ORDERS_ADMIN, "{n}-лс", PERSONNEL_CASE),
    ):
        if not centre.journals.filter(name=name).exists():
            registry.save_journal(
                Journal(
                    organization=centre,
                    name=name,
                    kind=kind,
                    number_template=template,
                    default_case_index=indexes[title],
                )
            )
    journals = {
        ORDERS_MAIN: centre.journals.filter(kind=Journal.Kind.ORDERS_MAIN).order_by("pk").first(),
        ORDERS_ADMIN: centre.journals.filter(
            name="Приказы по административно-хозяйственным вопросам"
        ).first(),
        PLANS: centre.journals.filter(kind=Journal.Kind.PLANS).order_by("pk").first(),
        INTERNAL: centre.journals.get(name=INTERNAL),
        PERSONNEL_JOURNAL: centre.journals.get(name=PERSONNEL_JOURNAL),
    }
    return {"journals": journals, "personnel_index": indexes[PERSONNEL_CASE]}


def _history(centre, people, filing, past) -> dict:
    """The nomenclatures of the past years, their documents registered on their dates, their
    cases closed on 31 December. Returns {(year, key): case}."""
    cases = {}
    clerk, head = people["clerk"], people["head"]
    for year in past:
        nomenclature = Nomenclature.objects.create(organization=centre, year=year)
        for spec in PAST_CASES:
            if spec.key == "personnel" and year < past.stop - PERSONNEL_SINCE:
                continue
            cases[year, spec.key] = registry.add_case(
                nomenclature,
                unit=centre.units.get(code=spec.unit),
                index=spec.index or filing["personnel_index"],
                title=spec.title,
                retention_rule=_rule(spec.rule),
            )
        registry.approve_nomenclature(
            nomenclature,
            approver=head,
            order_number="01-01/2",
            order_date=datetime.date(year - 1, 12, 20),
        )
        entries = sorted(
            (
                (datetime.date(year, month, day), key, kind, title, text, author, journal)
                for key in [k for (y, k) in cases if y == year]
                for month, day, kind, title, text, author, journal in _documents(
                    key, year, past.start
                )
            ),
            key=lambda entry: entry[0],
        )
        for on_date, key, kind, title, text, author, journal in entries:
            case = cases[year, key]
            heading = title.upper() if kind == Document.Kind.ORDER else title
            document = create_document(
                organization=centre,
                name=f"{year}-{case.index}-{on_date:%m%d}.txt",
                data=f"{heading}\n\n{text}\n".encode(),
                author=people[author],
                unit=case.unit,
                kind=kind,
                title=title,
                comment="Документ прошлых лет",
            )
            lifecycle.enter_from_archive(document, actor=clerk, reason="Документ прошлых лет")
            document.refresh_from_db()
            registry.register_document(
                document, filing["journals"][journal], user=clerk, case=case, on_date=on_date
            )
        for (case_year, _key), case in cases.items():
            if case_year == year:
                registry.close_case(case, on_date=datetime.date(year, 12, 31))
    return cases


def _drafted(flow, form_class, user, data):
    form = form_class(data=data, user=user)
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    return start_process(flow, form, user=user)


def _decide(approval, person):
    step = approval.steps.get(
        assignee=person, decided_at__isnull=True, purpose=ApprovalStep.Purpose.DECISION
    )
    run_task(
        step,
        user=person,
        action=lambda: workflow_services.decide(
            step, user=person, decision=ApprovalStep.Decision.AGREE
        ),
    )


def _approved(approval, people):
    """The chair records the commission's protocol and agrees; the head approves; registered."""
    today = timezone.localdate()
    services.record_protocol(
        record=services.record_of(approval.document),
        number=PROTOCOL,
        date=today,
        actor=people["deputy"],
    )
    _decide(approval, people["deputy"])
    _decide(approval, people["head"])
    record = services.record_of(approval.document)
    if record.status != record.Status.APPROVED:
        raise RuntimeError(f"{approval.document.title}: {approval.registration_error}")
    return record


def _cycle(centre, people, cases, past):
    """Today's work of the archive on the past years (see the module's docstring)."""
    clerk, chair = people["clerk"], people["deputy"]
    today = timezone.localdate()
    last = past.stop - 1
    for year in range(past.start, last):
        approval = _drafted(
            InventoryFlow, InventoryForm, clerk, {"year": year, "section": "permanent"}
        )
        _approved(approval, people)
    permanent = ("main", "plan")
    services.record_transfer(
        organization=centre,
        cases=[cases[y, key] for y in range(past.start, last - 2) for key in permanent],
        number="1",
        date=today,
        actor=clerk,
        received_by=RECEIVED_BY,
        reason=LATE_REASON,
    )
    services.record_transfer(
        organization=centre,
        cases=[cases[last - 2, key] for key in permanent],
        number="2",
        date=today,
        actor=clerk,
        received_by=RECEIVED_BY,
    )
    first = past.start
    services.decide_review(
        case=cases[first, "notes"],
        decision=Review.Decision.DESTROY,
        protocol_number=PROTOCOL,
        protocol_date=today,
        actor=chair,
    )
    approval = _drafted(
        DestructionActFlow,
        DestructionActForm,
        clerk,
        {"cases": [cases[first, key].pk for key in ("admin", "notes", "monthly")]},
    )
    services.destroy(act=_approved(approval, people), actor=clerk)
    # On approval with the commission: the chair's task (the protocol not recorded yet).
    _drafted(InventoryFlow, InventoryForm, clerk, {"year": last - 1, "section": "personnel"})
