"""An organisation's draft is its own until it is submitted: not even BL's
moderators see it, on any page or in any list."""

import pytest
from django.urls import reverse

from inputs.models import Input
from inputs.services import input_transition
from inputs.states import Status
from tests.factories import log_in, moderator
from tests.inputs import files
from tests.inputs.test_attachments import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, call, organisation, member):
    """A draft with an attachment, saved through the form as its author would."""
    log_in(client, member)
    upload(client, call, organisation, [files.pdf()], title="Hemmelig kladde")
    client.logout()
    return Input.objects.get()


def _pages(draft):
    attachment = draft.attachments.get()
    return [
        reverse("inputs:detail", args=[draft.pk]),
        reverse("inputs:receipt", args=[draft.pk]),
        reverse("inputs:attachment", args=[draft.pk, attachment.pk]),
        reverse("inputs_moderation:inspect", args=[draft.pk]),
    ]


def test_a_moderator_gets_404_on_every_page_of_a_draft(client, draft, member):
    log_in(client, moderator())
    for url in _pages(draft):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("inputs_moderation:index"),
        reverse("inputs_moderation:index") + "?export=csv",
        reverse("archive:search") + "?q=Hemmelig",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Hemmelig kladde" not in response.content, url

    # Once submitted, it is BL's to review.
    input_transition(input=draft, action="submit", user=member)
    for url in _pages(draft):
        assert client.get(url).status_code == 200, url


def test_the_organisation_still_sees_its_own_draft(client, draft, member):
    log_in(client, member)
    for url in _pages(draft)[:3]:
        assert client.get(url).status_code == 200, url


def test_a_draft_cannot_be_withdrawn_into_the_moderators_view(client, draft, member):
    # Withdrawing a draft once made it "withdrawn", and so BL's to see, with
    # its attachment, though it was never sent (outside check, session 19).
    # A draft is deleted instead; the page offers that, not "Træk tilbage".
    log_in(client, member)
    page = client.get(reverse("inputs:detail", args=[draft.pk])).content.decode()
    assert reverse("inputs:withdraw", args=[draft.pk]) not in page
    assert reverse("inputs:delete", args=[draft.pk]) in page
    response = client.post(reverse("inputs:withdraw", args=[draft.pk]))
    assert response.status_code == 409  # the refused move, explained
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
