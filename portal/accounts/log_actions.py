"""The accounts' Wagtail audit-log actions. Registered from
AccountsConfig.ready()."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

# In an audit-log entry's data: its actor has since deleted their account
# (portal.accounts.services.account_delete); histories say so, not "BL".
USER_DELETED = "user_deleted"


@hooks.register("register_log_actions")
def register_account_actions(actions):
    actions.register_action("accounts.delete", _("Konto slettet"), _("Konto slettet"))
