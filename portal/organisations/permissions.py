"""Who may do what with organisations. Views ask these; they do not decide.

Organisation-scoped checks look at memberships on every call, so a member
who is removed loses access with their next request."""

from portal.accounts.roles import is_moderator

from .models import Invitation, JoinRequest, Membership, Organisation
from .selectors import verified_emails


def is_member(user, organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def can_manage_members(user, organisation) -> bool:
    """Organisation administrators and BL moderators."""
    if is_moderator(user):
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
    return is_moderator(user) or is_member(user, organisation)


def can_decide_join_request(user, join_request: JoinRequest) -> bool:
    return can_manage_members(user, join_request.organisation)


def can_request_to_join(user, organisation) -> bool:
    return (
        user.is_authenticated
        and organisation.status == Organisation.Status.APPROVED
        and not is_member(user, organisation)
    )


def can_approve_organisations(user) -> bool:
    return is_moderator(user)


def can_invite_partnership_members(user) -> bool:
    return is_moderator(user)


def can_open_invitation(user, invitation: Invitation) -> bool:
    """Only the person the invitation was sent to (by verified address)."""
    return user.is_authenticated and invitation.email.lower() in verified_emails(user)
