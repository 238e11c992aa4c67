"""A moderator's form that does not save says so at the top of the page,
where the reloaded page starts, with a link to each field in error; what was
typed stays. The form's own address answers a GET (a reload, a bookmark)
with the input's page, not a blank 405."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(name, item):
    return reverse(f"inputs_moderation:{name}", args=[item.pk])


def _summary(html: str) -> str:
    start = html.index('id="form-errors"')
    return html[start : html.index("</section>", start)]


def test_a_rejection_without_a_reason_is_summarised_at_the_top(mod_client, make_input):
    item = make_input(status="in_review")
    response = mod_client.post(
        _url("transition", item), {"transition": "reject", "note": ""}
    )
    assert response.status_code == 400
    html = response.text
    # Before everything else on the input's page: the first thing in view.
    assert html.index('id="form-errors"') < html.index("Oplysninger")
    summary = _summary(html)
    assert 'href="#id_note"' in summary
    assert "Besked til organisationen: Skriv, hvorfor input afvises." in summary
    # Focused when the page loads, so a screen reader says it at once.
    assert "autofocus" in summary.split(">")[0]
    # The chosen action stays chosen.
    assert '<option value="reject" selected>' in html


def test_no_action_chosen_is_summarised_and_the_message_kept(mod_client, make_input):
    item = make_input(status="submitted")
    response = mod_client.post(
        _url("transition", item), {"transition": "", "note": "Tak for jeres input"}
    )
    assert response.status_code == 400
    summary = _summary(response.text)
    assert 'href="#id_transition"' in summary
    assert "Vælg en handling." in summary
    assert "Tak for jeres input</textarea>" in response.text


def test_no_summary_on_the_page_as_it_opens(mod_client, make_input):
    item = make_input(status="in_review")
    assert 'id="form-errors"' not in mod_client.get(_url("inspect", item)).text


def test_the_summary_in_english(mod_client, make_input):
    item = make_input(status="in_review")
    mod_client.cookies["django_language"] = "en"
    response = mod_client.post(
        _url("transition", item), {"transition": "reject", "note": ""}
    )
    summary = _summary(response.text)
    assert "There is a problem" in summary
    assert "Message to the organisation: " in summary


@pytest.mark.parametrize(
    "name", ["transition", "visibility", "add_note", "add_link", "assign"]
)
def test_a_get_of_an_action_leads_to_the_input(mod_client, make_input, name):
    item = make_input(status="accepted")
    response = mod_client.get(_url(name, item))
    assert response.status_code == 302
    assert response["Location"] == _url("inspect", item)


def test_a_get_of_an_action_still_needs_a_moderator(client, make_input, author):
    from tests.factories import log_in

    item = make_input(status="in_review")
    log_in(client, author)
    assert client.get(_url("transition", item)).status_code == 403
