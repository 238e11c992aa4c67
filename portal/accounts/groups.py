"""Wagtail's group editor, except for the plain roles: their permissions are
fixed in roles.py (every organisation's members hold them, without a second
factor, and every migrate resets them), so the editor shows them but saves
no change to them, and they cannot be deleted."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.users.views import groups

from .roles import PLAIN_ROLES


def _is_plain_role(group) -> bool:
    return group.name in PLAIN_ROLES


class EditView(groups.EditView):
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if _is_plain_role(self.object):
            messages.warning(
                request,
                _(
                    "Rettighederne for rollen »%(name)s« er fastlagt i "
                    "Partnerportalens kode og kan ikke ændres her. Rollen "
                    "gives til alle medlemmer af organisationer og "
                    "partnerskaber, der logger ind uden totrinsbekræftelse. "
                    "Opret en ny gruppe, hvis nogen skal have flere "
                    "rettigheder."
                )
                % {"name": self.object.name},
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if _is_plain_role(self.object):
            messages.error(
                request,
                _("Intet er gemt: rollen »%(name)s« kan ikke ændres.")
                % {"name": self.object.name},
            )
            return redirect(request.path)
        return super().post(request, *args, **kwargs)


class DeleteView(groups.DeleteView):
    def _refuse(self, group):
        messages.error(
            self.request,
            _(
                "Rollen »%(name)s« kan ikke slettes: alle medlemmer af "
                "organisationer og partnerskaber har den."
            )
            % {"name": group.name},
        )
        return redirect("wagtailusers_groups:edit", group.pk)

    def get(self, request, *args, **kwargs):
        if _is_plain_role(self.object):
            return self._refuse(self.object)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if _is_plain_role(self.object):
            return self._refuse(self.object)
        return super().post(request, *args, **kwargs)


class GroupViewSet(groups.GroupViewSet):
    edit_view_class = EditView
    delete_view_class = DeleteView
