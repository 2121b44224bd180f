"""Demo registry: an approved nomenclature for the current year and journals, for the
methodological centre and the authority."""

import datetime

from django.utils import timezone

from orgs.models import Organization, User

from . import services
from .models import Journal, Nomenclature, RetentionRule

CASES = {
    "imc": [
        ("01", "Приказы директора по основной деятельности", "Приказы по основной деятельности"),
        (
            "01",
            "Приказы директора по административно-хозяйственным вопросам",
            "Приказы по административно-хозяйственным вопросам",
        ),
        ("01", "Годовой план работы центра", "Планы работы годовые"),
        ("02", "Положения о структурных подразделениях", "Положения о структурных подразделениях"),
        ("02", "Аналитические справки по итогам мониторинга", "Аналитические справки"),
        ("02", "Экспертные заключения", "Экспертные заключения"),
        ("03", "Квартальные планы методического отдела", "Планы работы квартальные"),
    ],
    "uo": [
        ("01", "Приказы начальника по основной деятельности", "Приказы по основной деятельности"),
        ("02", "Положения об отделах управления", "Положения о структурных подразделениях"),
        ("02", "Экспертные заключения", "Экспертные заключения"),
    ],
}
JOURNALS = {
    "imc": [
        ("Приказы по основной деятельности", Journal.Kind.ORDERS_MAIN, "{case}/{n}", "01-01"),
        (
            "Приказы по административно-хозяйственным вопросам",
            Journal.Kind.ORDERS_ADMIN,
            "{n}-од",
            "01-02",
        ),
        ("Экспертные заключения", Journal.Kind.CONCLUSIONS, "{case}/{n}", "02-03"),
        ("Планы работы", Journal.Kind.PLANS, "{case}/{n}", "01-03"),
    ],
    "uo": [
        ("Приказы по основной деятельности", Journal.Kind.ORDERS_MAIN, "{case}/{n}", "01-01"),
        ("Экспертные заключения", Journal.Kind.CONCLUSIONS, "{case}/{n}", "02-02"),
    ],
}
HEADS = {"imc": "head", "uo": "uo_head"}


def load_demo_registry(year=None) -> list[Nomenclature]:
    """Create what is missing; never touches a nomenclature that exists already."""
    year = year or timezone.localdate().year
    result = []
    for code, cases in CASES.items():
        organization = Organization.objects.get(code=code)
        nomenclature, created = Nomenclature.objects.get_or_create(
            organization=organization, year=year
        )
        if created:
            for unit_code, title, rule_title in cases:
                services.add_case(
                    nomenclature,
                    unit=organization.units.get(code=unit_code),
                    title=title,
                    retention_rule=RetentionRule.objects.get(title=rule_title),
                )
            services.approve_nomenclature(
                nomenclature,
                approver=User.objects.get(username=HEADS[code]),
                order_number="01-12/1",
                order_date=datetime.date(year - 1, 12, 20),
            )
        for name, kind, template, case_index in JOURNALS[code]:
            if not organization.journals.filter(name=name).exists():
                services.save_journal(
                    Journal(
                        organization=organization,
                        name=name,
                        kind=kind,
                        number_template=template,
                        default_case_index=case_index,
                    )
                )
        result.append(nomenclature)
    return result
