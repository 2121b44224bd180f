from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders and amendments")

    def ready(self):
        from documents.requisites import register_generator
        from workflows import kinds

        from .documents import GENERATOR, build_order
        from .kind import AmendmentKind, OrderKind

        register_generator(GENERATOR, build_order)
        kinds.register(OrderKind())
        kinds.register(AmendmentKind())
