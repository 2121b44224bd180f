"""Demo correspondence, so «Переписка», «Поручения» and the discipline report have something to
show after `make run`: «Входящие» and «Исходящие» in the centre, the authority and the school
(the school gets its first nomenclature); incoming letters of outside correspondents
registered at the centre with the head's resolutions (one поручение open, one overdue, one done
late); the authority's letters to the centre and to the school delivered through the tree; the
centre's reply, signed, registered and sent, which reports its поручение (done on time) and
arrives back at the authority waiting for registration; at the school, a ministry letter
registered by its head with an overdue поручение of the deputy."""

import datetime

import docx
from django.db import transaction
from django.urls import get_resolver
from django.utils import timezone

from common.gost import saved
from control import services as control
from control.models import Assignment
from orgs.models import Organization, User
from orgs.selectors import organization_head
from registry import services as registry
from registry.models import Journal, Nomenclature, RetentionRule
from workflows import services as workflow_services
from workflows.runner import run_task, start_process

from . import services
from .flows import LetterFlow
from .forms import LetterForm
from .models import Correspondent, Letter

RULE = "Переписка с органами власти и организациями по основной деятельности"
# Each organisation's correspondence case goes to the unit that keeps it; its journals.
KEEPING_UNIT = {"imc": "01", "uo": "03", "school14": "01"}
JOURNALS = (
    ("Входящие документы", Journal.Kind.INCOMING, "{n}-вх"),
    ("Исходящие документы", Journal.Kind.OUTGOING, "{n}-исх"),
)
MINISTRY = "Министерство образования Рязанской области"
INSTITUTE = "Рязанский институт развития образования"


def load_demo_correspondence() -> list[Letter]:
    """Create what is missing; the letters only once (when the centre has none yet)."""
    rule = _rule()
    for code, unit in KEEPING_UNIT.items():
        _journals(Organization.objects.get(code=code), unit, rule)
    centre = Organization.objects.get(code="imc")
    if not Letter.objects.filter(organization=centre).exists():
        _ = get_resolver().url_patterns  # notifications link to pages
        _letters(centre)
    return list(Letter.objects.order_by("organization_id", "created_at", "pk"))


def _rule() -> RetentionRule:
    rule, _created = RetentionRule.objects.get_or_create(
        article="", title=RULE, defaults={"years": 5, "epk": True, "needs_check": True}
    )
    return rule


@transaction.atomic
def _journals(organization, unit_code, rule):
    """The organisation's case for correspondence in its approved nomenclature of the year (a
    nomenclature approved by its head when it has none, like registry.demo) and the two
    journals filing into it."""
    year = timezone.localdate().year
    unit = organization.units.get(code=unit_code)
    nomenclature, created = Nomenclature.objects.get_or_create(organization=organization, year=year)
    case = nomenclature.cases.filter(title=RULE).first()
    if case is None:
        case = registry.add_case(nomenclature, unit=unit, title=RULE, retention_rule=rule)
    if created or nomenclature.status == Nomenclature.Status.DRAFT:
        registry.approve_nomenclature(
            nomenclature,
            approver=organization_head(organization),
            order_number="01-12/1",
            order_date=datetime.date(year - 1, 12, 20),
        )
    for name, kind, template in JOURNALS:
        if not organization.journals.filter(kind=kind).exists():
            registry.save_journal(
                Journal(
                    organization=organization,
                    name=name,
                    kind=kind,
                    number_template=template,
                    default_case_index=case.index,
                )
            )


def _file(*paragraphs) -> bytes:
    out = docx.Document()
    for paragraph in paragraphs:
        out.add_paragraph(paragraph)
    return saved(out)


def _incoming(centre, clerk, correspondent, *, number, days_ago, summary, text):
    today = timezone.localdate()
    received = today - datetime.timedelta(days=min(days_ago, today.timetuple().tm_yday - 1))
    return services.register_incoming(
        clerk=clerk,
        organization=centre,
        kind=Letter.Kind.LETTER,
        summary=summary,
        received_on=received,
        channel=Letter.Channel.EMAIL,
        name="Письмо.docx",
        data=_file(correspondent.name.upper(), summary, text),
        correspondent=correspondent,
        their_number=number,
        their_date=received - datetime.timedelta(days=2),
    )


def _past(days) -> datetime.date:
    """A day `days` ago, in this year where possible (the discipline report shows the year)."""
    today = timezone.localdate()
    return max(today - datetime.timedelta(days=days), today.replace(month=1, day=1))


def _letter(author, signer, **fields) -> Letter:
    """An outgoing letter drafted by `author` through the letter flow, signed by `signer`
    (the process registers it in «Исходящие»)."""
    form = LetterForm(data=fields, user=author)
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    approval = start_process(LetterFlow, form, user=author)
    step = approval.steps.get(assignee=signer, decided_at__isnull=True)
    run_task(
        step,
        user=signer,
        action=lambda: workflow_services.decide(step, user=signer, decision="agree"),
    )
    return Letter.objects.get(document=approval.document)


def _letters(centre):
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=["head", "deputy", "senior_methodist", "methodist", "clerk",
                          "uo_head", "uo_methodist", "school_head"]
        )
    }  # fmt: skip
    head, clerk, methodist = people["head"], people["clerk"], people["methodist"]
    ministry, _created = Correspondent.objects.get_or_create(
        name=MINISTRY, defaults={"address": "390000, г. Рязань, ул. Свободы, д. 43"}
    )
    institute, _created = Correspondent.objects.get_or_create(name=INSTITUTE)

    # Open: the ministry's monitoring, the methodist responsible, the senior methodist with her.
    monitoring = _incoming(
        centre, clerk, ministry, number="ОБ/14-1187", days_ago=1,
        summary="О проведении регионального мониторинга функциональной грамотности",
        text="Просим обеспечить участие обучающихся 8 классов в мониторинге 10–12 декабря.",
    )  # fmt: skip
    control.write_resolution(
        document=monitoring.document, author=head,
        text="Подготовить график и списки участников, проинформировать школы",
        executor=methodist, co_executors=[people["senior_methodist"]], working_days=5,
    )  # fmt: skip

    # Overdue: the institute's request. Deadlines are never set in the past through the
    # services (resolve_deadline refuses), so the поручение is made with a current deadline
    # and then moved back, as if written two weeks ago and not done since.
    courses = _incoming(
        centre, clerk, institute, number="01-15/310", days_ago=14,
        summary="О представлении заявок на курсы повышения квалификации",
        text="Просим представить заявки педагогов на курсы в I полугодии.",
    )  # fmt: skip
    resolution = control.write_resolution(
        document=courses.document, author=head, text="Собрать и направить заявки педагогов",
        executor=people["senior_methodist"], working_days=1,
    )  # fmt: skip
    _move_back(resolution, deadline=_past(4), written=_past(14))

    # Done late: reported and taken off control, but after its deadline (moved back as above).
    exam = _incoming(
        centre, clerk, ministry, number="ОБ/14-1102", days_ago=10,
        summary="О подготовке к итоговому собеседованию по русскому языку",
        text="Просим назначить ответственных и провести инструктаж.",
    )  # fmt: skip
    resolution = control.write_resolution(
        document=exam.document, author=head, text="Провести инструктаж ответственных",
        executor=methodist, working_days=1,
    )  # fmt: skip
    (late,) = resolution.assignments.all()
    control.report(late, user=methodist, text="Инструктаж проведён, протокол в деле.")
    control.accept(late, user=head)
    _move_back(resolution, deadline=_past(3), written=_past(10))

    # The authority writes to the school and to the centre through the tree.
    authority, school = (
        Organization.objects.get(code="uo"),
        Organization.objects.get(code="school14"),
    )
    for partner, addressee in (
        (school, "Директору МБОУ «СОШ № 14»\nС.М. Орлову"),
        (centre, "Директору МКУ «ИМЦ»\nМ.В. Соколовой"),
    ):
        sent = _letter(
            people["uo_methodist"], people["uo_head"], partner_organization=partner.pk,
            addressee=addressee, title="О представлении сведений о педагогах-наставниках",
            text="Просим в срок до 20 декабря представить сведения о педагогах-наставниках "
            "по прилагаемой форме.",
        )  # fmt: skip
        services.mark_sent(sent, user=people["uo_head"], channel=Letter.Channel.EMAIL)
    # The school's letter waits in its «Ожидают регистрации»; the centre's clerk registers
    # hers, the head puts it on control, the senior methodist replies (not the methodist: the
    # conclusions demo looks for the methodist's approvals); the reply reports the поручение,
    # the head takes it off control, the clerk sends it back to the authority.
    senior = people["senior_methodist"]
    arrived = Letter.objects.get(organization=centre, status=Letter.Status.ARRIVED)
    arrived = services.register_arrived(arrived, clerk=clerk)
    control.write_resolution(
        document=arrived.document, author=head, text="Подготовить ответ", executor=senior,
        working_days=3,
    )  # fmt: skip
    reply = _letter(
        senior, head, in_reply_to=arrived.pk, partner_organization=authority.pk,
        addressee=services.addressee_of(arrived),
        title="О представлении сведений о педагогах-наставниках",
        text="Направляем сведения о педагогах-наставниках образовательных организаций района.",
    )  # fmt: skip
    (replied,) = Assignment.objects.filter(document=arrived.document, executor=senior)
    if replied.status == Assignment.Status.REPORTED:
        control.accept(replied, user=head)
    services.mark_sent(reply, user=clerk, channel=Letter.Channel.EMAIL)

    # The school (no clerk: its head registers) has a ministry letter on control too, overdue
    # with the deputy: the authority's discipline report shows its school beside the centre.
    school_deputy = User.objects.get(username="school_deputy")
    olympiad = _incoming(
        school, people["school_head"], ministry, number="ОБ/14-1150", days_ago=12,
        summary="О проведении школьного этапа всероссийской олимпиады школьников",
        text="Просим представить протоколы школьного этапа олимпиады.",
    )  # fmt: skip
    resolution = control.write_resolution(
        document=olympiad.document, author=people["school_head"],
        text="Представить протоколы школьного этапа", executor=school_deputy, working_days=1,
    )  # fmt: skip
    _move_back(resolution, deadline=_past(2), written=_past(12))


def _move_back(resolution, *, deadline, written):
    """The demo's only way to a past deadline: see the overdue letter above."""
    when = timezone.make_aware(datetime.datetime.combine(written, datetime.time(10)))
    resolution.assignments.update(deadline=deadline, original_deadline=deadline, created_at=when)
    type(resolution).objects.filter(pk=resolution.pk).update(deadline=deadline, created_at=when)
