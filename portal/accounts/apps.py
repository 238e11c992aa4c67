from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Konti"

    def ready(self):
        from . import log_actions  # noqa: F401 - registers the audit-log actions
        from .roles import sync_role_groups

        # Permissions are created after migrations; the role groups follow them.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts_sync_roles")
