"""The header's account links: each person sees the ones that lead
somewhere for them."""

import pytest
from django.urls import reverse

from portal.organisations.models import Partnership
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    log_in,
    member_of,
    moderator,
    partnership_member,
)

pytestmark = pytest.mark.django_db

OUR_INPUTS = f'href="{reverse("inputs:list")}"'


def _header(client) -> str:
    html = client.get(reverse("accounts:my_account")).content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_a_member_of_an_organisation_has_our_inputs_in_the_header(client):
    log_in(client, member_of(OrganisationFactory()))
    assert OUR_INPUTS in _header(client)


@pytest.mark.parametrize(
    "person",
    [
        lambda: moderator(),
        lambda: partnership_member(Partnership.objects.first()),
        lambda: UserFactory(),
    ],
    ids=["moderator", "partnership member", "no organisation"],
)
def test_who_belongs_to_no_organisation_has_no_our_inputs_link(client, person):
    """ "Vores input" would lead them to a page saying they must be a member."""
    log_in(client, person())
    assert OUR_INPUTS not in _header(client)
