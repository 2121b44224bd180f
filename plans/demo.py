"""A demo work plan: the centre's annual plan for the current school year, approved by the
head, its items assigned to the methodists, one done and one overdue as the calendar goes, so
«Мои пункты планов», the plan's page and its execution report have something to show."""

from django.db import transaction
from django.urls import get_resolver
from django.utils import timezone

from orgs.models import User
from workflows import services as workflow_services
from workflows.runner import run_task, start_process

from . import services
from .flows import PlanFlow
from .forms import PlanForm
from .models import Plan
from .periods import SCHOOL, Period

ITEMS = [
    ("Заседание методического совета: утверждение плана", "сентябрь", "senior_methodist",
     "протокол"),
    ("Мониторинг адаптации первоклассников", "октябрь", "methodist", "справка"),
    ("Семинар для заместителей директоров по УВР", "декабрь", "methodist",
     "методическая разработка"),
    ("Анализ результатов муниципального этапа олимпиады", "в течение года", "senior_methodist",
     "справка"),
]  # fmt: skip


def load_demo_plans() -> list[Plan]:
    deputy = User.objects.get(username="deputy")
    existing = Plan.objects.filter(owner=deputy)
    if existing.exists():
        return list(existing)
    _ = get_resolver().url_patterns  # notifications link to task pages
    today = timezone.localdate()
    year = today.year if today.month >= 9 else today.year - 1
    with transaction.atomic():
        plan = services.create_plan(
            owner=deputy,
            title=f"План работы центра на {year}/{year + 1} учебный год",
            period=Period(SCHOOL, "year", year),
        )
        for activity, due, username, result_form in ITEMS:
            services.add_item(
                plan,
                user=deputy,
                activity=activity,
                due_text=due,
                responsible=[User.objects.get(username=username)],
                result_form=result_form,
            )
        form = PlanForm(data={"plan": plan.pk}, user=deputy)
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        approval = start_process(PlanFlow, form, user=deputy)
    head = User.objects.get(username="head")
    step = approval.steps.get(assignee=head, decided_at__isnull=True)
    run_task(
        step,
        user=head,
        action=lambda: workflow_services.decide(step, user=head, decision="agree"),
    )
    plan.refresh_from_db()
    first = plan.items.order_by("order").first()
    if plan.status == Plan.Status.APPROVED and first.due_on <= today:
        services.complete_item(
            first,
            user=first.responsible.first(),
            report="Заседание проведено, план утверждён.",
            result_document=plan.document,
        )
    return [plan]
