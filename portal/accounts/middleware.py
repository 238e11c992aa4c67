from django.contrib import messages
from django.contrib.auth.middleware import get_user
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .roles import requires_two_factor
from .second_factor import has_totp, mark_user, staff_rights_allowed

ADMIN_PATH = "/admin/"
# BL's pages: the admin and the approval pages outside it. Staff who reach
# them without the second factor are sent to pass it first.
STAFF_PATHS = (
    ADMIN_PATH,
    "/organisation/godkendelser/",
    "/organisation/partnerskaber/",
)


class RequireTwoFactorForStaffMiddleware:
    """Applies the second-factor rule to each request (after Django's and
    allauth's authentication middleware):

    - marks request.user with whether this session passed the second factor,
      which is what the permission backend grants staff rights on;
    - sends staff without it who open BL's pages to set up TOTP, or to enter
      their code;
    - answers everyone else without admin access at /admin/ with a page that
      says so (Wagtail would send them to the login page, which sends a
      logged-in person straight back: a redirect loop)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: mark_user(request, get_user(request)))
        path = request.path
        user = request.user
        if not path.startswith(STAFF_PATHS) or not user.is_authenticated:
            return self.get_response(request)
        if not staff_rights_allowed(user) and requires_two_factor(user):
            return self._second_factor(request)
        if path.startswith(ADMIN_PATH) and not user.has_perm(
            "wagtailadmin.access_admin"
        ):
            return render(request, "accounts/no_admin_access.html", status=403)
        return self.get_response(request)

    @staticmethod
    def _second_factor(request):
        if has_totp(request.user):
            messages.warning(
                request,
                _(
                    "Indtast koden fra din godkendelsesapp for at fortsætte. "
                    "BL's sider kræver totrinsbekræftelse."
                ),
            )
            return redirect_to_login(
                request.get_full_path(), login_url=reverse("mfa_reauthenticate")
            )
        messages.warning(
            request,
            _("Du skal slå totrinsbekræftelse til, før du kan åbne administrationen."),
        )
        return redirect(reverse("mfa_activate_totp"))
