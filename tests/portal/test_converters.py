"""Ids in URLs: a number too large for the database is simply not found."""

import pytest

from portal.organisations.models import Membership
from portal.organisations.services import membership_set
from tests.factories import OrganisationFactory, log_in, moderator

Role = Membership.Role

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
# Just past the largest 64-bit id: the database cannot hold it either.
PAST_BIGINT = str(2**63)

PATHS = [
    "/input/ny/{n}/",
    "/input/{n}/",
    "/input/{n}/rediger/",
    "/input/{n}/kvittering/",
    "/input/{n}/traek-tilbage/",
    "/input/{n}/bilag/{n}/",
    "/input/1/bilag/{n}/",
    "/admin/input/{n}/",
    "/admin/input/{n}/versioner/{n}/",
    "/arkiv/gemte/{n}/slet/",
    "/organisation/tilslut/{n}/",
    "/organisation/{n}/medlemmer/",
    "/organisation/medlemskaber/{n}/rolle/",
    "/organisation/anmodninger/{n}/",
    "/organisation/godkendelser/organisationer/{n}/",
]


@pytest.mark.parametrize("number", [HUGE, PAST_BIGINT])
@pytest.mark.parametrize("path", PATHS)
def test_an_id_too_large_for_the_database_is_a_404(client, demo_site, path, number):
    # A moderator who is also an organisation's admin reaches every view.
    user = moderator()
    membership_set(user=user, organisation=OrganisationFactory(), role=Role.ADMIN)
    log_in(client, user)
    assert client.get(path.format(n=number)).status_code == 404


def test_ordinary_ids_still_resolve():
    from django.urls import resolve, reverse

    assert reverse("inputs:detail", args=[9_223_372_036_854_775_807])
    assert resolve("/input/42/").kwargs == {"pk": 42}
