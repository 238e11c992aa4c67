"""Who finds what, through the search page. Visibility is part of the query,
so totals and facet counts never count what the viewer may not see."""

import pytest
from django.urls import reverse

from inputs.states import Status
from tests import factories
from tests.factories import log_in, partnership_member

# The behaviour suite: every test once per backend (search_backend).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]
URL = reverse("archive:search")


def _titles(response):
    return {
        str(h.title).replace("<mark>", "").replace("</mark>", "")
        for h in response.context["result"].hits
    }


def moderator():
    return factories.moderator()


def test_anonymous_finds_public_accepted_only(client, world):
    response = client.get(URL, {"q": "vaskekælder"})
    assert _titles(response) == {"Offentlig vaskekælder", "Anonym vaskekælder"}
    assert response.context["result"].total == 2
    assert "status" not in response.context["result"].facets


def test_partnership_member_also_finds_own_partnerships_shared(
    client, world, partnerships
):
    log_in(client, partnership_member(partnerships[0]))
    response = client.get(URL, {"q": "vaskekælder"})
    assert _titles(response) == {
        "Offentlig vaskekælder",
        "Anonym vaskekælder",
        "Delt vaskekælder",
    }


def test_organisation_member_is_no_partnership_member(client, world):
    from tests.factories import member_of

    log_in(client, member_of(world["bl_only"].organisation))
    assert _titles(client.get(URL, {"q": "vaskekælder"})) == {
        "Offentlig vaskekælder",
        "Anonym vaskekælder",
    }


def test_moderator_finds_everything_with_a_status_facet(client, world):
    log_in(client, moderator())
    response = client.get(URL, {"q": "vaskekælder"})
    assert len(_titles(response)) == 6
    statuses = {v.value: v.count for v in response.context["result"].facets["status"]}
    assert statuses == {Status.ACCEPTED: 5, Status.IN_REVIEW: 1}
    only_review = client.get(URL, {"q": "vaskekælder", "status": Status.IN_REVIEW})
    assert _titles(only_review) == {"Ny vaskekælder"}


def test_anonymised_organisation_is_never_revealed_to_the_public(client, world):
    response = client.get(URL, {"q": "vaskekælder"})
    assert b"Hemmelige" not in response.content
    assert _titles(client.get(URL, {"q": "Hemmelige", "exact": "1"})) == set()
    # Corrected against public words only, never to the name.
    suggestion = client.get(URL, {"q": "Hemmelige"}).context["result"].suggestion
    assert suggestion is None or "hemmelig" not in suggestion.query.lower()
    # Exports show what the page shows.
    csv = client.get(reverse("archive:export_csv"), {"q": "vaskekælder"})
    assert b"Hemmelige" not in csv.content
    assert b"Anonymiseret" in csv.content


def test_moderator_can_search_an_anonymised_organisation(client, world):
    log_in(client, moderator())
    assert _titles(client.get(URL, {"q": "Hemmelige"})) == {"Anonym vaskekælder"}


def test_status_filter_is_ignored_for_the_public(client, world):
    response = client.get(URL, {"q": "vaskekælder", "status": Status.IN_REVIEW})
    assert "Ny vaskekælder" not in _titles(response)


def test_public_facet_counts_hold_only_public_inputs(client, world, partnerships):
    response = client.get(URL)
    counts = {
        v.value: v.count for v in response.context["result"].facets["partnership"]
    }
    assert str(partnerships[1].pk) not in counts
