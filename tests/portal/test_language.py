"""Danish unless the person chooses English in the footer."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import InputFactory, OrganisationFactory, member_of

from .conftest import login

pytestmark = pytest.mark.django_db

HOME = reverse("organisations:home")


def test_danish_by_default_even_if_the_browser_prefers_english(client, org_member):
    login(client, org_member)
    response = client.get(HOME, headers={"accept-language": "en"})
    assert response["Content-Language"] == "da"
    assert "Min organisation" in response.text
    assert "Log ud" in response.text


def test_choosing_english_renders_english_navigation(client, org_member):
    login(client, org_member)
    response = client.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert response.status_code == 302
    response = client.get(HOME)
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.text
    for text in ["Skip to content", "My organisation", "Log out", "Main menu"]:
        assert text in response.text
    assert "Your organisations" in response.text
    assert "Log ud" not in response.text


def test_english_form_errors_on_the_organisation_pages(client, outsider):
    login(client, outsider)
    client.post(reverse("set_language"), {"language": "en", "next": HOME})
    response = client.post(
        reverse("organisations:register"),
        {"name": "X", "cvr": "12345678", "kind": "andet"},
    )
    assert "is not a valid CVR number" in response.text
    assert "This field is required." in response.text


def test_the_input_list_renders_in_english_with_the_language_cookie(client):
    organisation = OrganisationFactory()
    member = member_of(organisation)
    InputFactory(organisation=organisation, title="Fællesspisning i gården")
    login(client, member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("inputs:list"))
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    assert response["Content-Language"] == "en"
    for text in ["<h1>Our inputs</h1>", "<h2>Your inputs</h2>", "Reference number"]:
        assert text in response.text
    assert "Fællesspisning i gården" in response.text
    for danish in ["Jeres input", "Referencenummer", "Senest ændret"]:
        assert danish not in response.text


def test_the_input_list_stays_danish_without_the_cookie(client):
    member = member_of(OrganisationFactory())
    login(client, member)
    response = client.get(reverse("inputs:list"))
    assert "<h2>Jeres input</h2>" in response.text
    assert "Your inputs" not in response.text


@pytest.mark.parametrize(
    ("msgid", "danish", "english"),
    [
        # allauth's own Danish, overridden in locale/da/, and its Title Case
        # English in locale/allauth/en/
        (
            "Successfully signed in as %(name)s.",
            "Du er logget ind som %(name)s.",
            "You are logged in as %(name)s.",
        ),
        ("Change Password", "Skift adgangskode", "Change password"),
        ("Password successfully changed.", "Din adgangskode er ændret.", None),
        # Wagtail admin strings its Danish catalogue lacks
        ("Reports", "Rapporter", None),
        ("Help", "Hjælp", None),
        ("Approve with comment", "Godkend med kommentar", None),
        ("Awaiting your review", "Venter på din gennemgang", None),
    ],
)
def test_third_party_strings_read_as_danish(msgid, danish, english):
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("da"):
        assert gettext(msgid) == danish
    with translation.override("en"):
        assert gettext(msgid) == (english or msgid)
