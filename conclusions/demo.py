"""Demo approvals: one expert conclusion waiting for the deputy director, so the inbox,
the dashboard and the process page have something to show after `make run`."""

from django.urls import get_resolver

from orgs.models import User
from workflows.models import Approval
from workflows.runner import start_process

from .flows import ExpertConclusionFlow
from .forms import ConclusionForm

DEMO_CONCLUSION = {
    "object_title": "Рабочая программа курса внеурочной деятельности «Финансовая грамотность»",
    "object_author": "Учитель МБОУ «СОШ № 14»",
    "object_subject": "обществознание, 8–9 классы",
    "collected_from": "2026-10-01",
    "collected_to": "2026-10-20",
    "method": "анализ программы и посещение занятий",
    "theses": "Программа соответствует требованиям ФГОС ООО.\nЦели и планируемые результаты "
    "согласованы.",
    "conclusion": "Программа может использоваться в образовательных организациях района.",
    "recommendations": "Дополнить программу практическими заданиями по кибербезопасности.",
    "verdict": "recommended",
    "criteria": "Соответствие ФГОС | 5 |\nПрактическая направленность | 4 | мало заданий",
    "category": "methodical",
}


def load_demo_approvals() -> list[Approval]:
    methodist = User.objects.get(username="methodist")
    existing = Approval.objects.filter(initiator=methodist)
    if existing.exists():
        return list(existing)
    _ = get_resolver().url_patterns  # notifications link to task pages
    form = ConclusionForm(data={**DEMO_CONCLUSION, "experts": [methodist.pk]}, user=methodist)
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    return [start_process(ExpertConclusionFlow, form, user=methodist)]
