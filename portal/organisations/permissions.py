"""Who may do what with organisations. Views ask these; they do not decide."""

from portal.accounts.roles import is_moderator

from .models import Membership


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
        and Membership.objects.filter(
            user=user, organisation=organisation, role=Membership.Role.ADMIN
        ).exists()
    )


def can_approve_organisations(user) -> bool:
    return is_moderator(user)


def can_invite_partnership_members(user) -> bool:
    return is_moderator(user)
