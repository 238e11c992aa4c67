import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.models.inputs import Consent, Visibility
from inputs.states import Status
from tests.factories import log_in, moderator, theme

pytestmark = pytest.mark.django_db
BULK = reverse("inputs_moderation:bulk_action")


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_start_review_moves_legal_items_and_reports_the_rest(mod_client, make_input):
    waiting = make_input()
    already = make_input(status="in_review")
    response = mod_client.post(
        BULK, {"selected": [waiting.pk, already.pk], "action": "start_review"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    already.refresh_from_db()
    assert waiting.status == Status.IN_REVIEW
    assert already.status == Status.IN_REVIEW
    texts = _messages(response)
    assert any("udført for 1 input" in t for t in texts)
    assert any(already.reference in t and "Under behandling" in t for t in texts)
    actions = ModelLogEntry.objects.for_instance(waiting).values_list(
        "action", flat=True
    )
    assert "inputs.start_review" in actions


def test_bulk_accept_sets_visibility_and_refuses_public_without_consent(
    mod_client, make_input
):
    consenting = make_input(status="in_review", consent=Consent.ANONYMISED)
    private = make_input(status="in_review", consent=Consent.NONE)
    response = mod_client.post(
        BULK,
        {
            "selected": [consenting.pk, private.pk],
            "action": "accept",
            "visibility": Visibility.PUBLIC,
        },
    )
    consenting.refresh_from_db()
    private.refresh_from_db()
    assert (consenting.status, consenting.visibility) == (
        Status.ACCEPTED,
        Visibility.PUBLIC,
    )
    # Nothing half-done: the refused one is still in review, still BL only.
    assert (private.status, private.visibility) == (
        Status.IN_REVIEW,
        Visibility.BL_ONLY,
    )
    assert any("samtykke" in t for t in _messages(response))


def test_bulk_reject_and_themes_and_assign(mod_client, make_input):
    one, two = make_input(status="in_review"), make_input(status="in_review")
    mod_client.post(BULK, {"selected": [one.pk], "action": "reject", "note": "Nej tak"})
    one.refresh_from_db()
    assert one.status == Status.REJECTED
    loneliness = theme("ensomhed")
    mod_client.post(
        BULK,
        {"selected": [one.pk, two.pk], "action": "add_theme", "theme": loneliness.pk},
    )
    assert set(loneliness.inputs.all()) == {one, two}
    mod_client.post(
        BULK, {"selected": [two.pk], "action": "remove_theme", "theme": loneliness.pk}
    )
    assert list(loneliness.inputs.all()) == [one]
    other = moderator()
    mod_client.post(
        BULK, {"selected": [one.pk, two.pk], "action": "assign", "moderator": other.pk}
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.assigned_to == two.assigned_to == other
    assert (
        ModelLogEntry.objects.for_instance(two).filter(action="inputs.themes").count()
        == 2
    )


def test_bulk_theme_without_theme_is_refused_with_message(mod_client, make_input):
    item = make_input()
    response = mod_client.post(BULK, {"selected": [item.pk], "action": "add_theme"})
    assert any("Vælg det tema" in t for t in _messages(response))
    assert not item.themes.exists()


def test_bulk_ignores_drafts_it_may_not_see(mod_client, make_input):
    draft = make_input(status="draft")
    response = mod_client.post(BULK, {"selected": [draft.pk], "action": "start_review"})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert _messages(response)  # the invalid choice is reported


def test_non_moderator_cannot_post_bulk(client, make_input, author):
    item = make_input()
    log_in(client, author)
    client.post(BULK, {"selected": [item.pk], "action": "start_review"})
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
