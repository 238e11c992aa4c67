"""wagtail.users with our group editor (portal/accounts/groups.py). Apart,
since an app config's module is imported before any model is."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    group_viewset = "portal.accounts.groups.GroupViewSet"
