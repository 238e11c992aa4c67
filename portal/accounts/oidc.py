"""Login with MitID Erhverv through a broker's OpenID Connect (allauth's
openid_connect provider, configured in settings from OIDC_*).

Two things the broker asserts matter here:

- the CVR number of the company the person works for (settings.OIDC_CVR_CLAIM)
  links them to that organisation when BL has approved it;
- the assurance level of the login (settings.OIDC_ASSURANCE_CLAIM, accepted
  values in settings.OIDC_ACCEPTED_ASSURANCE) counts as staff's second factor.

Everything else (e-mail, verification, connecting accounts) is allauth's own.
"""

from dataclasses import dataclass
from enum import StrEnum

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.stages import AuthenticateStage as MfaAuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr
from wagtail.log_actions import log

from inputs.personal_data import no_cpr_number
from portal.organisations.models import Membership, Organisation
from portal.organisations.services import membership_set

from .roles import requires_two_factor

ASSURANCE_RECORD_TYPE = "oidc_assurance"


def oidc_claims(extra_data: dict) -> dict:
    """The claims of one login as allauth stores them on the social account:
    the ID token's (signed by the broker, or fetched from it directly) win
    over the userinfo endpoint's."""
    return {**(extra_data.get("userinfo") or {}), **(extra_data.get("id_token") or {})}


def _is_ours(sociallogin) -> bool:
    return (
        sociallogin is not None
        and sociallogin.account.provider == settings.OIDC_PROVIDER_ID
    )


# The second factor ---------------------------------------------------------


def oidc_assurance_record(request, *, user, sociallogin) -> bool:
    """Count a MitID Erhverv login of substantial or high assurance as the
    second factor.

    MitID is itself two-factor at NSIS Substantial and High, so when the
    broker's ID token asserts one of settings.OIDC_ACCEPTED_ASSURANCE in
    settings.OIDC_ASSURANCE_CLAIM, an authentication record with method
    "mfa" (type "oidc_assurance") is written to the session, as allauth writes
    one for a TOTP code. Whatever asks whether this session passed a second
    factor (allauth's records, get_authentication_records) then sees it, and
    nothing else needs to know about OpenID Connect. Only the ID token's claim
    counts: it is what the broker asserts about this very login. Returns
    whether the record was written; a lower or missing level writes none and
    staff are asked for their TOTP code as after a password."""
    if user is None or not _is_ours(sociallogin):
        return False
    id_token = sociallogin.account.extra_data.get("id_token") or {}
    level = id_token.get(settings.OIDC_ASSURANCE_CLAIM)
    if not level or level not in settings.OIDC_ACCEPTED_ASSURANCE:
        return False
    record_authentication(
        request,
        user,
        "mfa",
        type=ASSURANCE_RECORD_TYPE,
        provider=sociallogin.account.provider,
        uid=sociallogin.account.uid,
        assurance=level,
    )
    return True


class AssuranceAuthenticateStage(MfaAuthenticateStage):
    """allauth's second-factor stage, satisfied by an accepted assurance."""

    def handle(self) -> tuple:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if oidc_assurance_record(
            self.request, user=self.login.user, sociallogin=sociallogin
        ):
            return None, True
        return super().handle()


# Linking by CVR --------------------------------------------------------------


class CvrLinkStatus(StrEnum):
    MEMBER = "member"  # already a member
    JOINED = "joined"  # became a member now
    PENDING = "pending"  # the organisation awaits BL's approval
    DECLINED = "declined"  # BL declined the organisation
    UNKNOWN = "unknown"  # no organisation has this CVR number
    MISSING = "missing"  # the broker sent no (valid) CVR number


@dataclass(frozen=True)
class CvrLink:
    status: CvrLinkStatus
    cvr: str = ""
    organisation: Organisation | None = None


def organisation_link_by_cvr(*, user, cvr: str | None) -> CvrLink:
    """Make the person a member of the approved organisation with the CVR
    number their MitID Erhverv login asserted, without a join request (the
    broker has vouched for their employment), logged in the organisation's
    audit trail. An existing membership keeps its role; other organisations'
    memberships are left alone. Idempotent."""
    try:
        compact = stdnum_cvr.validate(str(cvr or ""))
    except ValueError:
        return CvrLink(CvrLinkStatus.MISSING)
    organisation = Organisation.objects.filter(cvr=compact).first()
    if organisation is None:
        return CvrLink(CvrLinkStatus.UNKNOWN, compact)
    if organisation.status != Organisation.Status.APPROVED:
        status = (
            CvrLinkStatus.PENDING
            if organisation.status == Organisation.Status.PENDING
            else CvrLinkStatus.DECLINED
        )
        return CvrLink(status, compact, organisation)
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        return CvrLink(CvrLinkStatus.MEMBER, compact, organisation)
    with transaction.atomic():
        membership_set(
            user=user, organisation=organisation, role=Membership.Role.MEMBER
        )
        # In the organisation's audit trail like an approved join request.
        log(
            instance=organisation,
            action="organisations.mitid_join",
            user=user,
            data={"person": user.email},
        )
    return CvrLink(CvrLinkStatus.JOINED, compact, organisation)


def _belongs_somewhere(user) -> bool:
    return user.memberships.exists() or user.partnership_memberships.exists()


def _session_oidc_account(request) -> SocialAccount | None:
    """The MitID Erhverv account this session logged in with, if it did."""
    for record in reversed(get_authentication_records(request, request.user)):
        if (record.get("method"), record.get("provider")) == (
            "socialaccount",
            settings.OIDC_PROVIDER_ID,
        ):
            return SocialAccount.objects.filter(
                user=request.user, provider=record["provider"], uid=record.get("uid")
            ).first()
    return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        """The names the broker sends pass the CPR rule, as every name
        typed on the site does; one that fails it is left blank for the
        person to write on their account page."""
        user = super().populate_user(request, sociallogin, data)
        for field in ("first_name", "last_name"):
            try:
                no_cpr_number(getattr(user, field, ""))
            except ValidationError:
                setattr(user, field, "")
        return user

    def pre_social_login(self, request, sociallogin):
        """A MitID Erhverv login ends on `welcome`, which links the person by
        CVR number and then goes on to where they were headed."""
        if _is_ours(sociallogin) and sociallogin.state.get("process") == "login":
            next_url = sociallogin.state.get("next")
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            sociallogin.state["next"] = reverse("accounts:oidc_welcome") + query


@login_required
def welcome(request):
    """After a MitID Erhverv login: into the organisation, to registering it,
    or told it awaits BL's approval."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    account = _session_oidc_account(request)
    if account is None:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    claims = oidc_claims(account.extra_data)
    link = organisation_link_by_cvr(
        user=request.user, cvr=claims.get(settings.OIDC_CVR_CLAIM)
    )
    name = {"name": link.organisation.name} if link.organisation else {}
    match link.status:
        case CvrLinkStatus.JOINED:
            messages.success(request, _("Du er nu medlem af %(name)s.") % name)
            return redirect(next_url or "organisations:home")
        case CvrLinkStatus.MEMBER:
            return redirect(next_url or "organisations:home")
        case CvrLinkStatus.UNKNOWN:
            messages.info(
                request,
                _(
                    "Din organisation (CVR-nummer %(cvr)s) er ikke registreret i "
                    "Partnerportalen endnu. Registrér den her; BL godkender den."
                )
                % {"cvr": link.cvr},
            )
            return redirect(
                reverse("organisations:register") + "?" + urlencode({"cvr": link.cvr})
            )
        case CvrLinkStatus.PENDING:
            messages.info(
                request,
                _(
                    "%(name)s venter på BL's godkendelse. Du bliver medlem, "
                    "når du logger ind med MitID Erhverv efter godkendelsen."
                )
                % name,
            )
        case CvrLinkStatus.DECLINED:
            messages.warning(
                request,
                _("%(name)s er ikke godkendt i Partnerportalen. Kontakt BL.") % name,
            )
        case CvrLinkStatus.MISSING if (
            next_url
            or requires_two_factor(request.user)
            or _belongs_somewhere(request.user)
        ):
            # BL's staff and existing members have no company to be linked to.
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        case CvrLinkStatus.MISSING:
            messages.warning(
                request,
                _(
                    "Dit login fortalte ikke, hvilken organisation du arbejder for. "
                    "Find din organisation her."
                ),
            )
            return redirect("organisations:join")
    return redirect("organisations:home")
