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
