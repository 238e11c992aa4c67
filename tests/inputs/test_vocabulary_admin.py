"""Moderators keep the themes' English names in the Wagtail admin."""

import pytest
from django.urls import reverse

from inputs.models import Theme
from tests.factories import OrganisationFactory, log_in, member_of, moderator

pytestmark = pytest.mark.django_db


def test_moderator_edits_a_themes_english_name(client):
    log_in(client, moderator())
    theme = Theme.objects.get(slug="ensomhed")
    response = client.post(
        reverse("wagtailsnippets_inputs_theme:edit", args=[theme.pk]),
        {"name": "Ensomhed", "name_en": "Being alone", "slug": "ensomhed"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name_en == "Being alone"
    listing = client.get(reverse("wagtailsnippets_inputs_theme:list"))
    assert "Being alone" in listing.text


def test_organisation_member_cannot(client):
    log_in(client, member_of(OrganisationFactory()))
    theme = Theme.objects.get(slug="ensomhed")
    response = client.get(reverse("wagtailsnippets_inputs_theme:edit", args=[theme.pk]))
    assert response.status_code in (302, 403)


def test_moderator_gives_a_theme_search_words(client):
    log_in(client, moderator())
    theme = Theme.objects.get(slug="ensomhed")
    url = reverse("wagtailsnippets_inputs_theme:edit", args=[theme.pk])
    page = client.get(url).text
    assert "Søgeord" in page and theme.search_words in page
    response = client.post(
        url,
        {
            "name": "Ensomhed",
            "name_en": "Loneliness",
            "slug": "ensomhed",
            "search_words": "ensom, alene, savner nogen at tale med",
        },
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.search_words == "ensom, alene, savner nogen at tale med"
