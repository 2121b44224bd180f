from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")

    def ready(self):
        # Imported in ready(): these modules import models, which load after the AppConfigs.
        from documents.requisites import register_generator
        from workflows import kinds, routes

        from . import panels, services
        from .documents import (
            ACT_GENERATOR,
            INVENTORY_GENERATOR,
            WORDING,
            build_act,
            build_inventory,
        )
        from .kind import COMMISSION, DestructionActKind, InventoryKind

        register_generator(INVENTORY_GENERATOR, build_inventory, version=WORDING)
        register_generator(ACT_GENERATOR, build_act, version=WORDING)
        routes.register_group(
            COMMISSION, label=_("Expert commission"), resolve=services.commission_people
        )
        kinds.register(InventoryKind())
        kinds.register(DestructionActKind())
        panels.register()
