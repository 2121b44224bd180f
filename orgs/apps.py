from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Organisations and people")

    def ready(self):
        # Imported in ready(): the services import models, which load after the AppConfigs.
        from django.contrib.auth.signals import user_login_failed

        from . import schema  # noqa: F401  (registers the API token scheme with drf-spectacular)
        from .access import log_login_failure
        from .services import sync_roles_after_migrate

        user_login_failed.connect(log_login_failure, dispatch_uid="orgs.log_login_failure")

        # Not limited to this app as sender: permissions of apps migrated after this one exist
        # only after their own signals, and the sync is idempotent.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="orgs.sync_role_groups")
