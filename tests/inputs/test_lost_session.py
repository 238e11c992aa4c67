"""The input form sent after its session ended (logged out in another tab)
or with a stale CSRF token (logged in again elsewhere): the typed text
comes back on the page, nothing is saved, and nothing else is echoed."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from inputs.models import Input
from tests.factories import InputFactory, log_in
from tests.inputs import files
from tests.inputs.conftest import form_data

pytestmark = pytest.mark.django_db

CHALLENGE = "Mange ældre har isoleret sig.\nDe åbner ikke døren for naboerne."


def link(html: str, text: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.find("a", string=lambda s: s and s.strip() == text)


def shown_back(response) -> dict[str, str]:
    """label → text of the page's read-only fields."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    fields = {}
    for label in soup.select("main label"):
        field = soup.find(id=label["for"])
        assert field.has_attr("readonly")
        fields[label.get_text(strip=True)] = (
            field.get_text() if field.name == "textarea" else field["value"]
        )
    return fields


def test_a_form_sent_after_logging_out_shows_the_text_back(client, call, organisation):
    url = reverse("inputs:create", args=[call.pk])
    response = client.post(url, form_data(call, organisation, challenge=CHALLENGE))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Dit input er ikke gemt</h1>" in html
    assert "Du blev logget ud, mens du skrev" in html
    assert shown_back(response) == {
        "Titel": "Tryghedsopkald til ældre beboere",
        "Udfordringen": CHALLENGE,
        "Løsningen": "Frivillige ringer til dem hver uge.",
        "Afdeling": "Afdeling 12",
        "Antal beboere, indsatsen når": "40",
        "Hvad har I brug for?": "Flere frivillige.",
        "Samarbejder I med kommunen?": "Ja",
    }
    login = link(html, "Log ind igen i et nyt vindue")
    assert login["href"] == f"/konto/login/?next={url.replace('/', '%2F')}"
    assert response["Cache-Control"].startswith("max-age=0")
    # Switching language would leave the page (to the login page): the
    # text shown back, sent nowhere, would be gone.
    assert 'name="language"' not in html
    assert not Input.objects.exists()


def test_an_edit_sent_after_logging_out_shows_the_text_back(client, call, organisation):
    input = InputFactory(organisation=organisation, call=call)
    data = form_data(call, title="Ny titel", question_hvad_har_i_brug_for="Mere tid")
    data["call"] = call.pk  # as the form sends it
    response = client.post(reverse("inputs:edit", args=[input.pk]), data)
    assert response.status_code == 403
    fields = shown_back(response)
    assert fields["Titel"] == "Ny titel"
    # The questions in their own words: the form names its call (a public
    # page); the input itself is not looked up for a visitor.
    assert fields["Hvad har I brug for?"] == "Mere tid"
    assert fields["Samarbejder I med kommunen?"] == "Ja"
    input.refresh_from_db()
    assert input.title != "Ny titel"


def test_the_form_names_its_call(client, call, organisation, member):
    input = InputFactory(organisation=organisation, call=call)
    log_in(client, member)
    html = client.get(reverse("inputs:edit", args=[input.pk])).text
    assert f'<input type="hidden" name="call" value="{call.pk}">' in html


def test_the_files_chosen_are_named_to_be_chosen_again(client, call, organisation):
    url = reverse("inputs:create", args=[call.pk])
    data = {
        **form_data(call, organisation),
        "attachments": [files.pdf("plan.pdf"), files.png("foto.png")],
    }
    response = client.post(url, data)
    assert response.status_code == 403
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    chosen = soup.find(id="files-not-saved")
    assert "Filerne er heller ikke gemt" in chosen.get_text()
    assert [li.get_text(strip=True) for li in chosen.find_all("li")] == [
        "plan.pdf",
        "foto.png",
    ]


def test_no_files_no_list(client, call, organisation):
    url = reverse("inputs:create", args=[call.pk])
    response = client.post(url, form_data(call, organisation))
    assert 'id="files-not-saved"' not in response.content.decode()


def test_a_stale_csrf_token_shows_the_text_back(call, organisation, member):
    client = Client(enforce_csrf_checks=True)
    log_in(client, member)
    response = client.post(
        reverse("inputs:create", args=[call.pk]), form_data(call, organisation)
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formularen var udløbet, fordi du er logget ind eller ud" in html
    assert shown_back(response)["Titel"] == "Tryghedsopkald til ældre beboere"
    again = link(html, "Åbn formularen igen i et nyt vindue")
    assert again["href"] == reverse("inputs:create", args=[call.pk])
    assert not Input.objects.exists()


def test_other_forms_echo_nothing_on_a_stale_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/konto/login/", {"login": "a@b.dk", "password": "Hemmeligt-kodeord-77"}
    )
    html = response.content.decode()
    assert "<h1>Formularen er udløbet</h1>" in html
    assert "Hemmeligt-kodeord-77" not in html
    assert "a@b.dk" not in html


def test_a_visitor_opening_the_form_is_still_sent_to_log_in(client, call):
    url = reverse("inputs:create", args=[call.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/konto/login/?next={url}"


def test_a_title_too_long_for_a_phone_wraps(client, call, organisation):
    # A one-line field cut a long title off at 390 px (outside check).
    title = "Tryghedsopkald og fællesspisning for ældre beboere i Mjølnerparken"
    url = reverse("inputs:create", args=[call.pk])
    response = client.post(url, form_data(call, organisation, title=title))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    label = next(lb for lb in soup.select("main label") if lb.get_text() == "Titel")
    field = soup.find(id=label["for"])
    assert field.name == "textarea"
    assert field.get_text() == title
