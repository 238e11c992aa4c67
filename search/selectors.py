"""Reads for the archive search."""

from inputs.permissions import can_moderate
from portal.organisations.models import PartnershipMembership

from .query import ANONYMOUS, Viewer


def viewer_for(*, user) -> Viewer:
    """What the user may find, in the same terms as inputs' own access
    rules: anyone → public; partnership members → also what is shared with
    their partnerships; moderators → everything."""
    if not user.is_authenticated:
        return ANONYMOUS
    if can_moderate(user):
        return Viewer(is_moderator=True)
    if not user.has_perm("inputs.view_shared_input"):
        return Viewer()
    ids = PartnershipMembership.objects.filter(user=user).values_list(
        "partnership_id", flat=True
    )
    return Viewer(partnership_ids=tuple(str(i) for i in sorted(ids)))


def saved_searches_of(*, user):
    from .models import SavedSearch

    return SavedSearch.objects.filter(user=user)
