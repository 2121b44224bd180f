from django.apps import AppConfig
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Work plans")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from control import sources
        from documents.requisites import register_generator
        from workflows import dashboard, kinds

        from .documents import GENERATOR, build_plan
        from .kind import PlanKind

        register_generator(GENERATOR, build_plan)
        kinds.register(PlanKind())
        dashboard.register_card("plans/_dashboard_card.html", _dashboard_card)
        # Plan items are поручения the plan reports, extends and reminds on its own pages.
        sources.register(
            "plan",
            url=lambda assignment: reverse("plans:item", args=[assignment.source_id]),
            self_controlled=True,
        )


def _dashboard_card(user) -> dict:
    """«Мои пункты планов» and which of them are late (the dashboard counts them as overdue)."""
    from .selectors import my_items  # imports models, which load after the AppConfigs

    items = list(my_items(user)[:20])
    today = timezone.localdate()
    return {
        "plan_items": items,
        "overdue": [
            {
                "title": item.activity,
                "due": item.due_on,
                "url": reverse("plans:item", args=[item.pk]),
            }
            for item in items
            if item.due_on and item.due_on < today
        ],
    }
