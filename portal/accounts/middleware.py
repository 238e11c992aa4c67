from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import requires_two_factor

# BL's pages outside the admin; the permission checks there also require
# two-factor authentication, and this sends staff to set it up first.
STAFF_PATHS = ("/admin/", "/organisation/godkendelser/", "/organisation/partnerskaber/")


class RequireTwoFactorForStaffMiddleware:
    """Moderators and site administrators reach the Wagtail admin (and BL's
    approval pages) only once they have set up two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PATHS) and self._missing_two_factor(request):
            messages.warning(
                request,
                _(
                    "Du skal slå totrinsbekræftelse til, før du kan åbne administrationen."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _missing_two_factor(request) -> bool:
        user = request.user
        if not requires_two_factor(user):
            return False
        return not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
