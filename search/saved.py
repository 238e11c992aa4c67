"""Writes for saved searches."""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class SavedSearchOutcome:
    saved_search: SavedSearch
    # The name the same search was saved under before, or None if it is new.
    previous_name: str | None


def saved_search_create(
    *, user, name: str, query_string: str, frequency: str
) -> SavedSearchOutcome:
    """Save the search for the user. Saving the same search again updates
    its name and frequency instead of making a second one, and says which
    name it had, so the person can be told."""
    existing = SavedSearch.objects.filter(user=user, query_string=query_string).first()
    previous_name = existing.name if existing else None
    saved = existing or SavedSearch(user=user, query_string=query_string)
    saved.name, saved.frequency = name, frequency
    saved.full_clean(validate_constraints=existing is None)
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        # A double submit raced us; the first one won and is the same search.
        saved = SavedSearch.objects.get(user=user, query_string=query_string)
    return SavedSearchOutcome(saved_search=saved, previous_name=previous_name)


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()
