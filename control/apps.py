from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    name = "control"
    verbose_name = _("Control of execution")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from workflows import dashboard

        from . import panels
        from .views import dashboard_card

        dashboard.register_card("control/_dashboard_card.html", dashboard_card)
        panels.register()
