from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number_in_email
from portal.accounts.roles import requires_two_factor
from portal.site import configured_site, site_url


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # allauth's "Please type your current password." is raised for a wrong
        # one, not a missing one (an empty field gets "Dette felt er påkrævet.").
        "enter_current_password": _("Adgangskoden er forkert."),
    }

    def clean_email(self, email: str) -> str:
        """Every address typed into allauth's forms (sign-up, adding an
        address, asking for a new password) holds no CPR number: the rule
        of every e-mail address (inputs.personal_data)."""
        no_cpr_number_in_email(email)
        return super().clean_email(email)

    def send_mail(self, template_prefix, email, context):
        """Every allauth e-mail names the site and links to it as the
        project's own e-mails do (portal.site). Without django.contrib.sites
        allauth takes both from the request: "Hej fra 127.0.0.1:8010", and
        links (verification, password reset, sign-up) on whatever host the
        request came in on; only two of those links have an adapter hook,
        so they are moved to the configured address here, in one place."""
        request = allauth_context.request
        here = request.build_absolute_uri("/") if request is not None else None
        moved = {
            key: site_url("/" + value.removeprefix(here))
            for key, value in context.items()
            if here and isinstance(value, str) and value.startswith(here)
        }
        super().send_mail(
            template_prefix,
            email,
            {**context, **moved, "current_site": configured_site()},
        )

    def get_signup_redirect_url(self, request):
        # Confirming the address logs a new person in: they land where logging
        # in would take them, “Min organisation” (their invitations, the search).
        return self.get_login_redirect_url(request)

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

    def get_login_stages(self):
        # allauth's second-factor stage, which a MitID Erhverv login of
        # substantial or high assurance satisfies (portal/accounts/oidc.py).
        return [
            "portal.accounts.oidc.AssuranceAuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Du kan ikke slå totrinsbekræftelse fra: som moderator eller "
            "administrator hos BL skal du have den slået til."
        ),
    }

    def validation_error(self, code, *args) -> ValidationError:
        """allauth refuses a second factor while any of the account's addresses
        is unconfirmed, and says only "your e-mail address": someone whose
        login address is confirmed cannot tell what is wrong. Name the
        addresses, and where to confirm or remove them."""
        request = allauth_context.request
        if code == "unverified_email" and request and request.user.is_authenticated:
            return ValidationError(_unconfirmed_addresses(request.user), code=code)
        return super().validation_error(code, *args)

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


def _unconfirmed_addresses(user):
    addresses = list(
        EmailAddress.objects.filter(user=user, verified=False)
        .order_by("email")
        .values_list("email", flat=True)
    )
    return format_html(
        ngettext(
            "Du kan først slå totrinsbekræftelse til, når {addresses} er bekræftet. "
            "Klik på linket i den e-mail, vi har sendt til adressen, eller gå til "
            '<a href="{url}">E-mailadresser</a> for at få en ny e-mail eller '
            "fjerne adressen.",
            "Du kan først slå totrinsbekræftelse til, når {addresses} er bekræftet. "
            "Klik på linkene i de e-mails, vi har sendt til adresserne, eller gå "
            'til <a href="{url}">E-mailadresser</a> for at få nye e-mails eller '
            "fjerne adresserne.",
            len(addresses),
        ),
        addresses=get_text_list(addresses, gettext("og")),
        url=reverse("account_email"),
    )
