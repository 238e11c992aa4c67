"""Who may do what with organisations. Views ask these; they do not decide.

Organisation-scoped checks look at memberships on every call, so a member
who is removed loses access with their next request."""

from allauth.account.models import EmailAddress

from .models import Invitation, JoinRequest, Membership, Organisation


def sees_every_organisation(user) -> bool:
    """BL's moderators and site administrators (after the second factor,
    like every staff permission: portal/accounts/second_factor.py)."""
    return user.has_perm("organisations.view_organisation")


def is_member(user, organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def can_manage_members(user, organisation) -> bool:
    """Organisation administrators (their own organisation) and BL
    moderators (every organisation)."""
    if not user.has_perm("organisations.manage_members"):
        return False
    if sees_every_organisation(user):
        return True
    return (
        organisation.status == Organisation.Status.APPROVED
        and Membership.objects.filter(
            user=user, organisation=organisation, role=Membership.Role.ADMIN
        ).exists()
    )


def can_see_organisation(user, organisation) -> bool:
    """Members see their own organisation; moderators see every one.
    Everyone else is told it does not exist (404)."""
    return sees_every_organisation(user) or is_member(user, organisation)


def can_decide_join_request(user, join_request: JoinRequest) -> bool:
    return can_manage_members(user, join_request.organisation)


def can_request_to_join(user, organisation) -> bool:
    return (
        user.is_authenticated
        and organisation.status == Organisation.Status.APPROVED
        and not is_member(user, organisation)
    )


def can_approve_organisations(user) -> bool:
    return user.has_perm("organisations.approve_organisation")


def can_invite_partnership_members(user) -> bool:
    return user.has_perm("organisations.invite_partnership_member")


def can_open_invitation(user, invitation: Invitation) -> bool:
    """Only the person the invitation was sent to (by verified address)."""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
    )
