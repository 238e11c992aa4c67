"""The same input edited in two tabs (or by two colleagues): the second save
is refused, its text stays on the screen, the fields the first save changed
are marked with what is saved now, and a plain link opens the saved input."""

import html
import re

import pytest
from django.urls import reverse

from inputs.models import Input
from tests.factories import InputFactory, log_in
from tests.inputs.conftest import form_data

pytestmark = pytest.mark.django_db


def _open(client, item) -> dict:
    """The hidden fields of the edit form as a tab opens it."""
    page = client.get(reverse("inputs:edit", args=[item.pk])).text
    return {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="(\w+)" value="([^"]*)"', page
        )
    }


def _field(page: str, name: str) -> str:
    """The form group of one field, as rendered."""
    start = page.index(f'for="id_{name}"')
    return page[start : page.index('<div class="form-group', start)]


@pytest.fixture
def item(call, organisation):
    item = InputFactory(organisation=organisation, call=call, status="submitted")
    item.partnerships.set(call.partnerships.all())
    return item


def _post(client, item, tab, **changes):
    data = form_data(
        call=item.call,
        token=None,
        intent="draft",  # "Gem ændringer"
        title=item.title,
        challenge=item.challenge,
        solution=item.solution,
    )
    return client.post(
        reverse("inputs:edit", args=[item.pk]), {**data, **tab, **changes}
    )


def test_the_second_tab_sees_what_the_first_changed(client, item, member):
    log_in(client, member)
    tab_a, tab_b = _open(client, item), _open(client, item)
    first = _post(client, item, tab_a, challenge="Udfordring fra fane A.")
    assert first.status_code == 302

    response = _post(
        client, item, tab_b, title="Titel fra fane B", solution="Løsning fra fane B."
    )

    assert response.status_code == 400
    page = response.text
    assert "i et andet vindue eller af en kollega" in page
    # A plain link (GET) to the saved input, in a new window: reloading the
    # refused page would send the form again.
    edit_url = reverse("inputs:edit", args=[item.pk])
    assert re.search(rf'<a href="{edit_url}" target="_blank"', page)
    # Tab B's own text stays; only the field tab A changed is marked, with
    # the saved text beside it.
    assert "Titel fra fane B" in page and "Løsning fra fane B." in page
    challenge = _field(page, "challenge")
    assert "efter du åbnede siden" in challenge
    assert "Udfordring fra fane A." in challenge
    assert "efter du åbnede siden" not in _field(page, "title")
    assert "efter du åbnede siden" not in _field(page, "solution")
    saved = Input.objects.get(pk=item.pk)
    assert saved.challenge == "Udfordring fra fane A."
    assert saved.title != "Titel fra fane B"


def test_a_form_without_its_opening_marks_nothing(client, item, member):
    # A form rendered before the fields were fingerprinted: the message, no marks.
    log_in(client, member)
    tab_a, tab_b = _open(client, item), _open(client, item)
    del tab_b["opened"]
    _post(client, item, tab_a, challenge="Udfordring fra fane A.")
    response = _post(client, item, tab_b, title="Titel fra fane B")
    assert response.status_code == 400
    assert "i et andet vindue eller af en kollega" in response.text
    assert "efter du åbnede siden" not in response.text
