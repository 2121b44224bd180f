from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Work plans")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.requisites import register_generator
        from workflows import dashboard, kinds

        from .documents import GENERATOR, build_plan
        from .kind import PlanKind
        from .selectors import my_items

        register_generator(GENERATOR, build_plan)
        kinds.register(PlanKind())
        dashboard.register_card(
            "plans/_dashboard_card.html", lambda user: {"plan_items": list(my_items(user)[:20])}
        )
