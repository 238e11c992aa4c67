"""BL does not see organisations' drafts, their keywords included: the
admin's tag autocompletes never offer a keyword only a draft carries. Input
keywords have a table of their own, so page, image and document tags'
autocomplete does not list them at all."""

import pytest
from taggit.models import Tag

from inputs.services.submission import input_create

pytestmark = pytest.mark.django_db

AUTOCOMPLETES = [
    "/admin/tag-autocomplete/",
    "/admin/tag-autocomplete/taggit/tag/",
    "/admin/tag-autocomplete/inputs/keyword/",
]


def _draft(organisation, author, keyword):
    data = {"title": "Kladde", "challenge": "c", "solution": "s", "kind": "both"}
    data["keywords"] = [keyword]
    return input_create(
        organisation=organisation,
        author=author,
        call=None,
        data=data,
        token=None,
    ).input


@pytest.mark.parametrize("url", AUTOCOMPLETES)
def test_a_drafts_keyword_is_not_offered_to_a_moderator(
    url, mod_client, organisation, author
):
    _draft(organisation, author, "hemmeligtnoegleordaab")
    response = mod_client.get(url, {"term": "hemme"})
    assert response.status_code == 200
    assert response.json() == []


def test_a_submitted_inputs_keyword_is_offered_only_as_a_keyword(
    mod_client, make_input
):
    item = make_input(status="submitted")
    item.keywords.set(["hemmeligsendt"])
    Tag.objects.create(name="hemmelig-side", slug="hemmelig-side")
    for url, expected in zip(
        AUTOCOMPLETES,
        [["hemmelig-side"], ["hemmelig-side"], ["hemmeligsendt"]],
        strict=True,
    ):
        assert mod_client.get(url, {"term": "hemme"}).json() == expected


def test_an_organisation_member_is_not_offered_another_organisations_keyword(
    client, make_input, organisation
):
    from tests.factories import OrganisationFactory, log_in, member_of

    make_input(status="submitted").keywords.set(["hemmeligsendt"])
    other = member_of(OrganisationFactory())
    log_in(client, other)
    response = client.get(AUTOCOMPLETES[2], {"term": "hemme"})
    assert response.status_code != 200 or response.json() == []
