"""Files chosen on an edit form that did not save wait for that form only:
another tab on the same input saves without them (they were never chosen
there), and the first tab's next try still takes them."""

import re

import pytest
from django.urls import reverse

from inputs.models import Input
from tests.factories import InputFactory, log_in
from tests.inputs import files
from tests.inputs.conftest import form_data

pytestmark = pytest.mark.django_db


def _open(client, item) -> dict:
    """The edit form as a tab opens it: its token and the input's version."""
    html = client.get(reverse("inputs:edit", args=[item.pk])).text
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token, "the edit form has a token of its own"
    item.refresh_from_db()
    return {"token": token.group(1), "version": item.version}


def test_a_file_goes_only_with_the_form_it_was_chosen_in(
    client, call, organisation, member
):
    item = InputFactory(organisation=organisation, call=call, status="draft")
    log_in(client, member)
    url = reverse("inputs:edit", args=[item.pk])
    tab_a, tab_b = _open(client, item), _open(client, item)
    assert tab_a["token"] != tab_b["token"]

    # Tab A: a blank title and ok.pdf; the file waits.
    response = client.post(
        url,
        {
            **form_data(call, intent="draft", title=""),
            **tab_a,
            "attachments": [files.pdf("ok.pdf")],
        },
    )
    assert response.status_code == 400
    assert "Vedhæftet: ok.pdf" in response.text

    # Tab B: only the text changes; no file was chosen there.
    response = client.post(
        url, {**form_data(call, intent="draft", title="Fra fane B"), **tab_b}
    )
    assert response.status_code == 302
    item = Input.objects.get(pk=item.pk)
    assert item.title == "Fra fane B"
    assert not item.attachments.exists()

    # Tab A's next try (on the new version) still takes its file.
    response = client.post(
        url,
        {
            **form_data(call, intent="draft", title="Fra fane A"),
            **tab_a,
            "version": item.version,
        },
    )
    assert response.status_code == 302
    assert [a.original_name for a in item.attachments.all()] == ["ok.pdf"]
