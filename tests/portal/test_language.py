"""Danish unless the person chooses English in the footer."""

import pytest
from django.urls import reverse

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
