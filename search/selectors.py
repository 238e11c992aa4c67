"""Reads for the archive search."""

from portal.accounts.roles import is_moderator
from portal.organisations.models import PartnershipMembership

from .query import ANONYMOUS, Viewer


def viewer_for(*, user) -> Viewer:
    """What the user may find, in the same terms as inputs' own access
    rules: anyone → public; partnership members → also what is shared with
    their partnerships; moderators → everything."""
    if not user.is_authenticated:
        return ANONYMOUS
    if is_moderator(user):
        return Viewer(is_moderator=True)
    ids = PartnershipMembership.objects.filter(user=user).values_list(
        "partnership_id", flat=True
    )
    return Viewer(partnership_ids=tuple(str(i) for i in sorted(ids)))


def saved_searches_of(*, user):
    from .models import SavedSearch

    return SavedSearch.objects.filter(user=user)
