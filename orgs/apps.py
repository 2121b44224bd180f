from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Organisations and people")

    def ready(self):
        # Imported in ready(): the services import models, which load after the AppConfigs.
        from .services import sync_roles_after_migrate

        # Not limited to this app as sender: permissions of apps migrated after this one exist
        # only after their own signals, and the sync is idempotent.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="orgs.sync_role_groups")
