"""The status form on a moderator's input page: nothing is preselected, so
a stray click on "Gem status" changes nothing and mails no one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from inputs.states import Status

pytestmark = pytest.mark.django_db


def _url(name, item):
    return reverse(f"inputs_moderation:{name}", args=[item.pk])


def _status_select(html: str, item) -> str:
    form = html.split(f'action="{_url("transition", item)}"')[1].split("</form>")[0]
    return form.split('name="transition"')[1].split("</select>")[0]


@pytest.mark.parametrize("status", ["submitted", "in_review", "accepted"])
def test_no_action_is_preselected(mod_client, make_input, status):
    item = make_input(status=status)
    select = _status_select(mod_client.get(_url("inspect", item)).text, item)
    options = re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)<', select)
    assert options[0] == ("", " selected", "– Vælg handling –")
    assert all("selected" not in attrs for _v, attrs, _l in options[1:])
    assert len(options) > 1


def test_the_empty_choice_in_english(mod_client, make_input):
    item = make_input(status="submitted")
    mod_client.cookies["django_language"] = "en"
    select = _status_select(mod_client.get(_url("inspect", item)).text, item)
    assert '<option value="" selected>– Choose an action –</option>' in select


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_saving_without_an_action_changes_nothing_and_says_why(
    mod_client, make_input, status, django_capture_on_commit_callbacks
):
    item = make_input(status=status)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(
            _url("transition", item), {"transition": "", "note": ""}
        )
    assert response.status_code == 400
    errors = response.context["forms"]["transition"].errors["transition"]
    assert errors == ["Vælg en handling."]
    # Beside the field: inside the status form, after its select.
    form = response.text.split(f'action="{_url("transition", item)}"')[1]
    assert form.index("Vælg en handling.") < form.index("</form>")
    item.refresh_from_db()
    assert item.status == status
    assert not mail.outbox


def test_a_chosen_action_still_applies(mod_client, make_input):
    item = make_input(status="submitted")
    mod_client.post(_url("transition", item), {"transition": "start_review"})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("transition", "status"),
    [("request_changes", "in_review"), ("accept", "in_review")],
)
def test_a_message_to_the_organisation_has_a_limit_beside_the_field(
    mod_client, make_input, transition, status, django_capture_on_commit_callbacks
):
    item = make_input(status=status)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(
            _url("transition", item),
            {"transition": transition, "note": "x" * 100_000, "visibility": "bl"},
        )
    assert response.status_code == 400
    errors = response.context["forms"]["transition"].errors["note"]
    assert errors == ["Denne værdi må højst have 4000 tegn (den har 100000)."], errors
    form = response.text.split(f'action="{_url("transition", item)}"')[1]
    assert form.index("højst have 4000 tegn") < form.index("</form>")
    assert 'maxlength="4000"' in form
    item.refresh_from_db()
    assert item.status == status
    assert not mail.outbox


def test_the_service_refuses_a_message_over_the_limit(make_input, mod):
    from django.core.exceptions import ValidationError

    from inputs.services import input_transition

    item = make_input(status="in_review")
    with pytest.raises(ValidationError) as refused:
        input_transition(
            input=item, action="request_changes", user=mod, note="x" * 4001
        )
    assert "note" in refused.value.error_dict
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
