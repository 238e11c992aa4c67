"""People in each role, built from factories, for the portal view tests."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from portal.accounts.roles import Role
from portal.organisations.models import Membership, Partnership
from portal.organisations.services import partnership_membership_add
from tests.factories import OrganisationFactory, UserFactory, log_in, member_of


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Boligforeningen Solhjem", cvr="93170601")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Andelsboligen Nord")


@pytest.fixture
def org_admin(organisation):
    return member_of(organisation, Membership.Role.ADMIN, email="admin@solhjem.dk")


@pytest.fixture
def org_member(organisation):
    return member_of(organisation, email="medlem@solhjem.dk")


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@bl.dk")
    user.groups.add(Group.objects.get(name=Role.MODERATOR))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def partnership_member(db):
    user = UserFactory(email="partner@ministeriet.dk")
    partnership_membership_add(
        user=user, partnership=Partnership.objects.get(slug="udsatte-voksne")
    )
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(email="ny@solhjem.dk", first_name="Sofie", last_name="Berg")


def login(client, user):
    log_in(client, user)
    return client


# The API tests build archived inputs as the search tests do.
from tests.search.conftest import archived, partnerships, world  # noqa: E402,F401
