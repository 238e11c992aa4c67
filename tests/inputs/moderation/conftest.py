import itertools

import pytest

from inputs.models.inputs import Consent
from inputs.services import input_transition
from portal.organisations.models import Membership
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    log_in,
    member_of,
    moderator,
)

_references = itertools.count(1)


@pytest.fixture
def mod(db):
    return moderator()


@pytest.fixture
def mod_client(client, mod):
    log_in(client, mod)
    return client


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def author(organisation):
    return member_of(organisation, Membership.Role.MEMBER)


@pytest.fixture
def make_input(organisation, author):
    """An input taken through the state machine to `status`."""

    def make(status="submitted", moderator_user=None, **fields):
        fields.setdefault("organisation", organisation)
        fields.setdefault("author", author)
        fields.setdefault("consent", Consent.NAMED)
        fields.setdefault("reference", f"BL-2020-{next(_references):04d}")
        item = InputFactory(**fields)
        if status == "draft":
            return item
        input_transition(input=item, action="submit", user=item.author or author)
        if status == "submitted":
            return item
        if status == "withdrawn":
            input_transition(input=item, action="withdraw", user=item.author or author)
            return item
        moderator_user = moderator_user or moderator()
        input_transition(input=item, action="start_review", user=moderator_user)
        if status == "in_review":
            return item
        input_transition(
            input=item,
            action=status_action[status],
            user=moderator_user,
            note="Begrundelse",  # a rejection or request for changes needs one
        )
        return item

    status_action = {
        "accepted": "accept",
        "rejected": "reject",
        "changes_requested": "request_changes",
    }
    return make
