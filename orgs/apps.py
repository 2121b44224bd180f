from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Organisations and people")

    def ready(self):
        # Not limited to this app as sender: permissions of apps migrated after this one exist
        # only after their own signals, and the sync is idempotent.
        post_migrate.connect(_sync_roles, dispatch_uid="orgs.sync_role_groups")


def _sync_roles(sender, using="default", **kwargs):
    from .services import sync_role_groups

    sync_role_groups(using=using)
