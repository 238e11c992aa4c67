import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from inputs.models.inputs import Consent, Visibility
from inputs.states import Status
from tests.factories import log_in, moderator, theme

pytestmark = pytest.mark.django_db
QUEUE = reverse("inputs_moderation:index")


def bulk_url(action, pks):
    url = reverse("wagtail_bulk_action", args=["inputs", "input", action])
    return url + "?" + "&".join(f"id={pk}" for pk in pks) + f"&next={QUEUE}"


def bulk(client, action, pks, **fields):
    """Confirm a Wagtail bulk action on the inputs `pks` with its fields."""
    return client.post(bulk_url(action, pks), fields)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_start_review_moves_legal_items_and_reports_the_rest(mod_client, make_input):
    waiting = make_input()
    already = make_input(status="in_review")
    response = bulk(mod_client, "start_review", [waiting.pk, already.pk])
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
    response = bulk(
        mod_client, "accept", [consenting.pk, private.pk], visibility=Visibility.PUBLIC
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


def test_bulk_reject_needs_a_reason_and_changes_nothing_without(mod_client, make_input):
    one, two = make_input(status="in_review"), make_input(status="in_review")
    response = bulk(mod_client, "reject", [one.pk, two.pk], note="")
    assert response.status_code == 200  # the confirmation form again
    assert "Skriv, hvorfor input afvises." in response.text
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (Status.IN_REVIEW, Status.IN_REVIEW)


def test_bulk_reject_and_themes_and_assign(mod_client, make_input):
    one, two = make_input(status="in_review"), make_input(status="in_review")
    bulk(mod_client, "reject", [one.pk], note="Nej tak")
    one.refresh_from_db()
    assert one.status == Status.REJECTED
    loneliness = theme("ensomhed")
    bulk(mod_client, "add_theme", [one.pk, two.pk], theme=loneliness.pk)
    assert set(loneliness.inputs.all()) == {one, two}
    bulk(mod_client, "remove_theme", [two.pk], theme=loneliness.pk)
    assert list(loneliness.inputs.all()) == [one]
    other = moderator()
    bulk(mod_client, "assign", [one.pk, two.pk], moderator=other.pk)
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.assigned_to == two.assigned_to == other
    assert (
        ModelLogEntry.objects.for_instance(two).filter(action="inputs.themes").count()
        == 2
    )


def test_confirm_page_lists_the_inputs_and_asks_for_the_theme(mod_client, make_input):
    item = make_input(title="Lektiecafé")
    page = mod_client.get(bulk_url("add_theme", [item.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lektiecafé" in html and 'name="theme"' in html
    response = bulk(mod_client, "add_theme", [item.pk])
    assert response.status_code == 200  # the form again, the error beside it
    assert (
        "Vælg det tema, der skal tilføjes eller fjernes." in response.content.decode()
    )
    assert not item.themes.exists()


def test_bulk_ignores_drafts_it_may_not_see(mod_client, make_input):
    draft = make_input(status="draft")
    response = bulk(mod_client, "start_review", [draft.pk])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert response.status_code == 404  # a draft is not in the queue


def test_non_moderator_cannot_post_bulk(client, make_input, author):
    item = make_input()
    log_in(client, author)
    response = bulk(client, "start_review", [item.pk])
    assert response.status_code in (302, 403)
    assert "/admin/input/" not in response.get("Location", "")
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_a_cpr_number_in_the_bulk_message_is_refused_before_any_input_moves(
    mod_client, make_input
):
    one, two = make_input(status="in_review"), make_input(status="in_review")
    response = bulk(mod_client, "reject", [one.pk, two.pk], note="Se 010190-1234")
    assert "indeholder et CPR-nummer" in response.content.decode()
    for item in (one, two):
        item.refresh_from_db()
        assert item.status == Status.IN_REVIEW


def test_bulk_message_has_the_same_limit():
    from inputs.moderation.bulk_actions import NoteForm

    form = NoteForm({"note": "x" * 4001}, action="request_changes")
    assert not form.is_valid()
    assert form.errors["note"] == [
        "Denne værdi må højst have 4000 tegn (den har 4001)."
    ]
