"""The accounts' Wagtail audit-log actions. Registered from
AccountsConfig.ready()."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_actions(actions):
    actions.register_action("accounts.delete", _("Konto slettet"), _("Konto slettet"))
