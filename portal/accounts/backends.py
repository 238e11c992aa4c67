"""Authentication and permissions: allauth's e-mail login, with permissions
granted by the second-factor rule (second_factor.py)."""

from allauth.account.auth_backends import AuthenticationBackend
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Permission

from .second_factor import permissions_held, staff_rights_allowed


class RoleBackend(AuthenticationBackend):
    """Permissions from the user's groups, as Django's ModelBackend, except
    that without the second factor only the plain permissions count, and neither
    permissions of the user's own nor superuser status grant anything."""

    def _get_user_permissions(self, user_obj):
        if not staff_rights_allowed(user_obj):
            return Permission.objects.none()
        return super()._get_user_permissions(user_obj)

    def _get_group_permissions(self, user_obj):
        return permissions_held(user_obj, super()._get_group_permissions(user_obj))

    def _get_permissions(self, user_obj, obj, from_name):
        if user_obj.is_superuser and not staff_rights_allowed(user_obj):
            # ModelBackend would answer "every permission" for a superuser.
            return self._plain_permissions(user_obj, obj, from_name)
        return super()._get_permissions(user_obj, obj, from_name)

    async def _aget_permissions(self, user_obj, obj, from_name):
        if user_obj.is_superuser and not staff_rights_allowed(user_obj):
            return await sync_to_async(self._plain_permissions)(
                user_obj, obj, from_name
            )
        return await super()._aget_permissions(user_obj, obj, from_name)

    def _plain_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or obj is not None:
            return set()
        perms = getattr(self, f"_get_{from_name}_permissions")(user_obj)
        return {
            f"{app_label}.{codename}"
            for app_label, codename in perms.values_list(
                "content_type__app_label", "codename"
            )
        }
