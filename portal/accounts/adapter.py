from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Du kan ikke slå totrinsbekræftelse fra: som moderator eller "
            "administrator hos BL skal du have den slået til."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff keep at least one second factor (recovery codes alone are
        not one: they go with the authenticator they back up)."""
        if not requires_two_factor(authenticator.user):
            return True
        return (
            Authenticator.objects.filter(user_id=authenticator.user_id)
            .exclude(pk=authenticator.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
            .exists()
        )
