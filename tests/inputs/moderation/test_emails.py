import pytest
from django.core import mail

from inputs.services import input_transition
from inputs.states import TRANSITIONS, Status
from tests.factories import moderator

pytestmark = pytest.mark.django_db

# For each action: the status to start from, and who takes it.
START = {
    "submit": ("draft", "author"),
    "resubmit": ("changes_requested", "author"),
    "withdraw": ("submitted", "author"),
    "start_review": ("submitted", "moderator"),
    "request_changes": ("in_review", "moderator"),
    "accept": ("in_review", "moderator"),
    "reject": ("in_review", "moderator"),
    "archive": ("accepted", "moderator"),
}


def test_every_action_is_covered():
    assert set(START) == set(TRANSITIONS)


@pytest.mark.parametrize("action", sorted(START))
def test_each_transition_emails_the_author_in_danish(
    action, make_input, author, django_capture_on_commit_callbacks
):
    status, actor = START[action]
    mod = moderator()
    item = make_input(status=status, moderator_user=mod)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        input_transition(
            input=item,
            action=action,
            user=author if actor == "author" else mod,
            note="Tak for jeres arbejde",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    item.refresh_from_db()
    assert item.reference in message.subject
    assert item.reference in message.body
    assert "Tak for jeres arbejde" in message.body
    assert str(Status(TRANSITIONS[action].target).label) in message.body
    assert "Venlig hilsen" in message.body
