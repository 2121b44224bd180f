from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")

    def ready(self):
        # Imported in ready(): the panels import models, which load after the AppConfigs.
        from . import panels

        panels.register()
