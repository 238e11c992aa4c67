from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Konti"

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from . import log_actions  # noqa: F401 - registers the audit-log actions
        from .roles import sync_role_groups_after_migrate
        from .second_factor import on_authenticator_added, on_user_logged_in

        # Permissions are created after migrations; the role groups follow them.
        post_migrate.connect(
            sync_role_groups_after_migrate, dispatch_uid="accounts_sync_roles"
        )
        user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts_mark_login")
        authenticator_added.connect(
            on_authenticator_added, dispatch_uid="accounts_totp_added"
        )
