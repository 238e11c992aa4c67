"""Access to inputs, declared once. Every view goes through these."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.accounts.roles import is_moderator
from portal.organisations.models import Membership
from portal.organisations.selectors import organisations_of

from .models import Input
from .states import TRANSITIONS, Actor, Status


def inputs_of_user_organisations(user):
    """Every input, draft or not, of the organisations the user belongs to."""
    if not user.is_authenticated:
        return Input.objects.none()
    return Input.objects.filter(organisation__memberships__user=user)


def can_view_input(user, input: Input) -> bool:
    if input.status == Status.DRAFT:
        # An organisation's draft is its own until it is submitted: not even
        # BL's moderators see it (the queue, search and exports agree).
        return _is_member(user, input)
    if is_moderator(user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=input.organisation_id
        ).exists()
    )


def _is_member(user, input: Input) -> bool:
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


def organisations_for_new_input(user):
    """The approved organisations the user may write a new input for."""
    return organisations_of(user=user)


def can_withdraw_input(user, input: Input) -> bool:
    """A member of the organisation, before the review starts."""
    return can_take_action(user, input, Actor.SUBMITTER) and (
        input.status in TRANSITIONS["withdraw"].source
    )


def viewable_input_or_404(user, pk: int) -> Input:
    """The input if the user may see it; 404 otherwise, never 403, so nobody
    learns that another organisation's input exists."""
    input = get_object_or_404(Input.objects.select_related("organisation"), pk=pk)
    if not can_view_input(user, input):
        raise Http404
    return input


def editable_input_or_404(user, pk: int) -> Input:
    input = viewable_input_or_404(user, pk)
    if not can_edit_input(user, input):
        raise Http404
    return input
