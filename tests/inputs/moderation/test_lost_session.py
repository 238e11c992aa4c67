"""A moderator's text (the redaction, an internal note, the message to the
organisation) sent after the session ended or with a stale CSRF token comes
back on the page, as the input form's does (tests/inputs/test_lost_session.py);
nothing is saved, and nothing but that form's text is echoed."""

import pytest
from django.test import Client
from django.urls import reverse

from inputs.models import InternalNote
from tests.factories import log_in
from tests.inputs.test_lost_session import shown_back

pytestmark = pytest.mark.django_db

NOTE = "Ring til AAB om afdeling 12.\nDe vil gerne fortælle mere."


def _url(name, item):
    return reverse(f"inputs_moderation:{name}", args=[item.pk])


def test_a_note_sent_after_logging_out_shows_the_text_back(client, make_input):
    item = make_input()
    url = _url("add_note", item)
    response = client.post(url, {"text": NOTE, "password": "hemmeligt-kodeord"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Noten er ikke gemt</h1>" in html
    assert "<title>Noten er ikke gemt" in html
    assert "Du blev logget ud, mens du skrev, så vi kunne ikke gemme noten." in html
    assert "input" not in html.split("<h1>")[1].split("</p>")[0]
    assert shown_back(response) == {"Ny intern note": NOTE}
    assert "hemmeligt-kodeord" not in html
    assert f"/konto/login/?next={url.replace('/', '%2F')}" in html
    assert not InternalNote.objects.exists()


def test_the_message_to_the_organisation_is_shown_back(client, make_input):
    item = make_input(status="in_review")
    response = client.post(
        _url("transition", item), {"transition": "reject", "note": "For kort."}
    )
    assert response.status_code == 403
    heading = "<h1>Statusændringen med beskeden til organisationen er ikke gemt</h1>"
    assert heading in response.text
    assert "så vi kunne ikke gemme statusændringen med beskeden" in response.text
    assert shown_back(response) == {"Besked til organisationen": "For kort."}
    item.refresh_from_db()
    assert item.status == "in_review"


def test_a_redaction_sent_after_logging_out_shows_the_text_back(client, make_input):
    item = make_input(title="Gammel titel")
    response = client.post(
        _url("redact", item),
        {
            "version": item.version,
            "title": "Ny titel",
            "challenge": "Renset tekst",
            "solution": "",
            "question_hvem": "Frivillige",
        },
    )
    assert response.status_code == 403
    assert "<h1>Den redigerede tekst er ikke gemt</h1>" in response.text
    assert "så vi kunne ikke gemme den redigerede tekst." in response.text
    assert shown_back(response) == {
        "Titel": "Ny titel",
        "Udfordringen": "Renset tekst",
        "Svar på spørgsmål 1": "Frivillige",
    }
    item.refresh_from_db()
    assert item.title == "Gammel titel"


def test_a_stale_csrf_token_shows_the_moderators_text_back(make_input, mod):
    item = make_input()
    client = Client(enforce_csrf_checks=True)
    log_in(client, mod)
    response = client.post(_url("add_note", item), {"text": NOTE})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Noten er ikke gemt</h1>" in html
    assert "andet vindue, så vi kunne ikke gemme noten." in html
    assert shown_back(response) == {"Ny intern note": NOTE}
    assert not InternalNote.objects.exists()


def test_a_get_after_logging_out_still_leads_to_the_login(client, make_input):
    item = make_input()
    response = client.get(_url("redact", item))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_the_page_names_the_note_in_english(client, make_input):
    client.cookies["django_language"] = "en"
    response = client.post(_url("add_note", make_input()), {"text": NOTE})
    assert response.status_code == 403
    assert "<h1>The note has not been saved</h1>" in response.text
    assert "so we could not save the note." in response.text
