"""Access to inputs, declared once. Every view goes through these.

The role's permission (portal/accounts/roles.py, editable per group in the
admin) says what a person may do; their memberships say with which
organisation's inputs. Staff permissions count only after the second factor
(portal/accounts/second_factor.py)."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from portal.organisations.models import Membership
from portal.organisations.selectors import organisations_of

from .models import Input
from .states import TRANSITIONS, Actor, Status


def can_moderate(user) -> bool:
    """BL's moderators: every input that has left draft, the queue, exports."""
    return user.has_perm("inputs.moderate_input")


def _member(user, input: Input) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=input.organisation_id
        ).exists()
    )


def inputs_of_user_organisations(user):
    """Every input, draft or not, of the organisations the user belongs to."""
    if not user.has_perm("inputs.view_input"):
        return Input.objects.none()
    return Input.objects.filter(organisation__memberships__user=user)


def inputs_viewable_by(user):
    """Every input the user may open in full (its history, notes and
    attachments): the organisation's own inputs, drafts included, and, for
    BL's moderators, every input that has left draft. An organisation's
    draft is its own until it is submitted: not even a moderator sees it.
    The one rule; can_view_input asks it of a single input."""
    own = inputs_of_user_organisations(user)
    if can_moderate(user):
        return Input.objects.filter(
            Q(pk__in=own.values("pk")) | ~Q(status=Status.DRAFT)
        )
    return own


def can_view_input(user, input: Input) -> bool:
    return inputs_viewable_by(user).filter(pk=input.pk).exists()


def can_edit_input(user, input: Input) -> bool:
    """Any member of the organisation, until review starts."""
    return (
        input.is_editable_by_submitter
        and user.has_perm("inputs.change_input")
        and _member(user, input)
    )


def can_take_action(user, input: Input, actor: str) -> bool:
    if actor == Actor.MODERATOR:
        return can_moderate(user)
    return user.has_perm("inputs.change_input") and _member(user, input)


def organisations_for_new_input(user):
    """The approved organisations the user may write a new input for."""
    if not user.has_perm("inputs.add_input"):
        return organisations_of(user=user).none()
    return organisations_of(user=user)


def can_withdraw_input(user, input: Input) -> bool:
    """A member of the organisation, before the review starts."""
    return can_take_action(user, input, Actor.SUBMITTER) and (
        input.status in TRANSITIONS["withdraw"].source
    )


def can_delete_draft(user, input: Input) -> bool:
    """A member of the organisation, while the input is a draft: nobody
    outside the organisation has seen it yet."""
    return input.status == Status.DRAFT and can_take_action(
        user, input, Actor.SUBMITTER
    )


def viewable_input_or_404(user, pk: int) -> Input:
    """The input if the user may see it; 404 otherwise, never 403, so nobody
    learns that another organisation's input exists."""
    return get_object_or_404(
        inputs_viewable_by(user).select_related("organisation"), pk=pk
    )
