"""Access to inputs, declared once. Every view goes through these."""

from portal.accounts.roles import is_moderator
from portal.organisations.models import Membership

from .models import Input
from .states import Actor


def inputs_of_user_organisations(user):
    """Every input, draft or not, of the organisations the user belongs to."""
    if not user.is_authenticated:
        return Input.objects.none()
    return Input.objects.filter(organisation__memberships__user=user)


def can_view_input(user, input: Input) -> bool:
    if is_moderator(user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=input.organisation_id
        ).exists()
    )


def can_edit_input(user, input: Input) -> bool:
    """Any member of the organisation, until review starts."""
    return (
        input.is_editable_by_submitter
        and user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=input.organisation_id
        ).exists()
    )


def can_take_action(user, input: Input, actor: str) -> bool:
    if actor == Actor.MODERATOR:
        return is_moderator(user)
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=input.organisation_id
        ).exists()
    )
