"""Reads of inputs. `inputs_visible_to` is THE rule for who may see which
input outside the organisation's own pages; search, summaries and exports
all use it."""

from django.db.models import Q, QuerySet

from portal.accounts.roles import is_moderator

from .models import Input
from .models.inputs import Visibility
from .states import Status

# Only accepted inputs are shown beyond BL and their own organisation;
# archived ones stay in the archive with the visibility they were given.
PUBLISHED_STATUSES = (Status.ACCEPTED, Status.ARCHIVED)


def inputs_visible_to(*, user) -> QuerySet[Input]:
    """Every input `user` may see.

    - Moderators: every input that has left draft.
    - Everyone: accepted (or archived) inputs marked public.
    - Partnership members: also accepted inputs marked for partnership
      members, of the partnerships they belong to.
    - Organisation members: also every input of their own organisations.
    BL-only inputs reach nobody but moderators (and their own organisation)."""
    if user.is_authenticated and is_moderator(user):
        return Input.objects.exclude(status=Status.DRAFT)
    published = Q(status__in=PUBLISHED_STATUSES)
    rule = published & Q(visibility=Visibility.PUBLIC)
    if user.is_authenticated:
        rule |= (
            published
            & Q(visibility=Visibility.PARTNERSHIP)
            & Q(partnerships__memberships__user=user)
        )
        rule |= Q(organisation__memberships__user=user)
    # The joins above can repeat a row; filtering on pk keeps it a plain,
    # further-filterable queryset without DISTINCT.
    return Input.objects.filter(pk__in=Input.objects.filter(rule).values("pk"))


def input_is_visible_to(*, user, input: Input) -> bool:
    return inputs_visible_to(user=user).filter(pk=input.pk).exists()
