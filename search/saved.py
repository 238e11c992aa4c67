"""Writes for saved searches."""

from django.db import IntegrityError, transaction
from django.http import QueryDict

from .models import SavedSearch

# Parameters that describe a search; anything else in a URL is dropped.
SEARCH_PARAMS = frozenset(
    {
        "q",
        "sort",
        "source",
        "partnership",
        "kind",
        "theme",
        "target_group",
        "region",
        "municipality",
        "organisation_kind",
        "year",
        "status",
    }
)


def canonical_query_string(params: QueryDict) -> str:
    """The search's own parameters, sorted: the same search saved twice is
    the same string."""
    clean = QueryDict(mutable=True)
    for key in sorted(SEARCH_PARAMS & set(params.keys())):
        values = sorted(v for v in params.getlist(key) if v)
        if values:
            clean.setlist(key, values)
    return clean.urlencode()


def saved_search_create(
    *, user, name: str, query_string: str, frequency: str
) -> SavedSearch:
    """Save the search for the user. Saving the same search again updates
    its name and frequency instead of making a second one."""
    existing = SavedSearch.objects.filter(user=user, query_string=query_string).first()
    saved = existing or SavedSearch(user=user, query_string=query_string)
    saved.name, saved.frequency = name, frequency
    saved.full_clean(validate_constraints=existing is None)
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        # A double submit raced us; the first one won and is the same search.
        saved = SavedSearch.objects.get(user=user, query_string=query_string)
    return saved


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()
