from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders and amendments")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.requisites import register_generator
        from workflows import kinds

        from . import panels
        from .documents import GENERATOR, WORDING, build_order
        from .kind import AmendmentKind, OrderKind

        register_generator(GENERATOR, build_order, version=WORDING)
        kinds.register(OrderKind())
        kinds.register(AmendmentKind())
        panels.register()
