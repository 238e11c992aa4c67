"""The state machine through input_transition: every legal and every illegal
move, and who may take each."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from inputs.services import input_transition
from inputs.states import TRANSITIONS, Actor, IllegalTransition, Status
from tests import factories
from tests.factories import InputFactory, member_of

pytestmark = pytest.mark.django_db

CASES = [(action, status) for action in TRANSITIONS for status in Status.values]


def moderator():
    return factories.moderator()


def actor_for(transition, input):
    if transition.actor == Actor.MODERATOR:
        return moderator()
    return member_of(input.organisation)


def input_in(status: str):
    """An input put in `status` directly: the fixture for the machine itself."""
    input = InputFactory()
    type(input).objects.filter(pk=input.pk).update(status=status)
    input.refresh_from_db()
    return input


@pytest.mark.parametrize(("action", "status"), CASES)
def test_every_action_from_every_status(action, status):
    transition = TRANSITIONS[action]
    input = input_in(status)
    user = actor_for(transition, input)
    if status in transition.source:
        input_transition(input=input, action=action, user=user, note="n")
        assert input.status == transition.target
        entry = ModelLogEntry.objects.for_instance(input).get()
        assert entry.action == f"inputs.{action}"
        assert entry.user == user
        assert entry.data == {"from": status, "to": transition.target, "note": "n"}
    else:
        with pytest.raises(IllegalTransition):
            input_transition(input=input, action=action, user=user)
        input.refresh_from_db()
        assert input.status == status
        assert not ModelLogEntry.objects.for_instance(input).exists()


@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_the_wrong_actor_is_refused(action):
    transition = TRANSITIONS[action]
    input = input_in(next(iter(transition.source)))
    if transition.actor == Actor.MODERATOR:
        wrong = [member_of(input.organisation)]
    else:
        wrong = [moderator(), member_of(InputFactory().organisation)]
    for user in wrong:
        with pytest.raises(PermissionDenied):
            input_transition(input=input, action=action, user=user)
    input.refresh_from_db()
    assert input.status == next(iter(transition.source))


def test_an_unknown_action_is_illegal():
    with pytest.raises(IllegalTransition):
        input_transition(input=InputFactory(), action="publish", user=moderator())


def test_submit_snapshots_the_text_and_bumps_the_version():
    input = InputFactory()
    input_transition(input=input, action="submit", user=member_of(input.organisation))
    assert input.version == 2
    assert input.submitted_at is not None
    assert input.revisions.get().content["title"] == input.title


def test_accept_records_when_the_input_was_published():
    input = input_in(Status.IN_REVIEW)
    assert input.accepted_at is None
    input_transition(input=input, action="accept", user=moderator())
    input.refresh_from_db()
    assert input.accepted_at is not None
