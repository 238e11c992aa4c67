from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from portal.accounts.roles import requires_two_factor


class AccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request):
        # A new person's next step is to find and ask to join their organisation.
        return reverse("organisations:join")

    def get_login_redirect_url(self, request):
        # Someone who belongs nowhere yet (just verified, or invited) lands on
        # “Min organisation”, which shows their invitations and the search.
        user = request.user
        if not (
            requires_two_factor(user)
            or user.memberships.exists()
            or user.partnership_memberships.exists()
        ):
            return reverse("organisations:home")
        return super().get_login_redirect_url(request)
