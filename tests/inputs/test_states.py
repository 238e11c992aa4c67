"""The state machine through input_transition: every legal and every illegal
move, and who may take each."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from inputs.services import input_transition
from inputs.states import (
    NOTE_REQUIRED,
    TRANSITIONS,
    Actor,
    IllegalTransition,
    Status,
    actions_from,
)
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
    elif action in DECISIONS and status == Status.SUBMITTED:
        pass  # through the review step: test_a_decision_from_submitted_...
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


DECISIONS = ("accept", "reject", "request_changes")


@pytest.mark.parametrize("action", DECISIONS)
def test_a_decision_from_submitted_passes_through_review_and_logs_it(
    action, django_capture_on_commit_callbacks, mailoutbox
):
    input = input_in(Status.SUBMITTED)
    input.author = member_of(input.organisation)
    input.save(update_fields=["author"])
    user = moderator()
    with django_capture_on_commit_callbacks(execute=True):
        input_transition(input=input, action=action, user=user, note="n")
    assert input.status == TRANSITIONS[action].target
    entries = ModelLogEntry.objects.for_instance(input).order_by("pk")
    assert [(e.action, e.data, e.user) for e in entries] == [
        (
            "inputs.start_review",
            {"from": Status.SUBMITTED, "to": Status.IN_REVIEW, "note": ""},
            user,
        ),
        (
            f"inputs.{action}",
            {"from": Status.IN_REVIEW, "to": TRANSITIONS[action].target, "note": "n"},
            user,
        ),
    ]
    # One e-mail, about the decision.
    assert len(mailoutbox) == 1
    assert "begyndt at behandle" not in mailoutbox[0].body


@pytest.mark.parametrize("action", DECISIONS)
def test_the_organisation_cannot_decide_from_submitted(action):
    input = input_in(Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        input_transition(input=input, action=action, user=member_of(input.organisation))
    input.refresh_from_db()
    assert input.status == Status.SUBMITTED
    assert not ModelLogEntry.objects.for_instance(input).exists()


def test_a_moderator_is_offered_the_decisions_from_submitted():
    offered = [t.action for t in actions_from(Status.SUBMITTED, Actor.MODERATOR)]
    assert offered == ["start_review", "request_changes", "accept", "reject"]
    assert [t.action for t in actions_from(Status.SUBMITTED, Actor.SUBMITTER)] == [
        "withdraw"
    ]


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


@pytest.mark.parametrize("action", sorted(NOTE_REQUIRED))
def test_a_move_that_needs_a_reason_is_refused_without_one(action):
    input = input_in(Status.IN_REVIEW)
    with pytest.raises(ValidationError) as error:
        input_transition(input=input, action=action, user=moderator(), note=" ")
    assert error.value.message_dict == {"note": [str(NOTE_REQUIRED[action])]}
    input.refresh_from_db()
    assert input.status == Status.IN_REVIEW
