"""Who may do what with organisations. Views ask these; they do not decide.

Organisation-scoped checks look at memberships on every call, so a member
who is removed loses access with their next request."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from .models import Invitation, JoinRequest, Membership, Organisation


def is_bl_staff(user) -> bool:
    """BL's moderators and site administrators (the roles that may approve
    organisations, see portal/accounts/roles.py), once they have two-factor
    authentication: their powers here need it as much as in the admin."""
    return (
        user.is_authenticated
        and user.has_perm("organisations.approve_organisation")
        and Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    )


def is_member(user, organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def can_manage_members(user, organisation) -> bool:
    """Organisation administrators and BL moderators."""
    if is_bl_staff(user):
        return True
    return (
        user.is_authenticated
        and organisation.status == Organisation.Status.APPROVED
        and Membership.objects.filter(
            user=user, organisation=organisation, role=Membership.Role.ADMIN
        ).exists()
    )


def can_see_organisation(user, organisation) -> bool:
    """Members see their own organisation; moderators see every one.
    Everyone else is told it does not exist (404)."""
    return is_bl_staff(user) or is_member(user, organisation)


def can_decide_join_request(user, join_request: JoinRequest) -> bool:
    return can_manage_members(user, join_request.organisation)


def can_request_to_join(user, organisation) -> bool:
    return (
        user.is_authenticated
        and organisation.status == Organisation.Status.APPROVED
        and not is_member(user, organisation)
    )


def can_approve_organisations(user) -> bool:
    return is_bl_staff(user)


def can_invite_partnership_members(user) -> bool:
    return is_bl_staff(user) and user.has_perm(
        "organisations.invite_partnership_member"
    )


def can_open_invitation(user, invitation: Invitation) -> bool:
    """Only the person the invitation was sent to (by verified address)."""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
    )
