"""An input's history says what happened ("Indsendt"), not the button that
did it ("Indsend"), for the organisation and for BL, in both languages; the
feedback box names a request for changes as the status does."""

import pytest
from django.urls import reverse
from django.utils import translation

from inputs.selectors import input_history
from inputs.states import TRANSITIONS
from tests.factories import log_in

pytestmark = pytest.mark.django_db

PAST = {
    "submit": ("Indsendt", "Submitted"),
    "resubmit": ("Indsendt igen", "Resubmitted"),
    "withdraw": ("Trukket tilbage", "Withdrawn"),
    "start_review": ("Behandling startet", "Review started"),
    "request_changes": ("Ændringer ønsket", "Changes requested"),
    "accept": ("Accepteret", "Accepted"),
    "reject": ("Afvist", "Declined"),
    "archive": ("Arkiveret", "Archived"),
}


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_every_action_has_a_past_tense_label(action):
    danish, english = PAST[action]
    assert str(TRANSITIONS[action].done) == danish
    with translation.override("en"):
        assert str(TRANSITIONS[action].done) == english


def test_the_organisation_sees_what_happened(client, make_input, author):
    item = make_input(status="changes_requested")
    assert [e.label for e in input_history(input=item)] == [
        "Indsendt",
        "Behandling startet",
        "Ændringer ønsket",
    ]
    log_in(client, author)
    html = client.get(reverse("inputs:detail", args=[item.pk])).text
    assert "Indsendt</td>" in html and "Indsend</td>" not in html
    client.cookies["django_language"] = "en"
    html = client.get(reverse("inputs:detail", args=[item.pk])).text
    assert "Submitted</td>" in html and ">Submit</td>" not in html
    # The feedback box's heading and the status read alike.
    assert "Changes requested, " in html
    assert "Request changes" not in html


def test_the_moderator_sees_what_happened(mod_client, make_input):
    item = make_input(status="in_review")
    html = mod_client.get(reverse("inputs_moderation:inspect", args=[item.pk])).text
    history = html.split("Tidspunkt")[1]
    assert "<td>Indsendt</td>" in history
    assert "<td>Behandling startet</td>" in history
    assert "<td>Indsend</td>" not in history
