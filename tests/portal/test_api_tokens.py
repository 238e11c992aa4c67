"""A person's API token pages: created and shown once, listed, revoked."""

import re
import uuid

import pytest
from django.urls import reverse
from wagtail.models import APIToken

from portal.api.services import MAX_ACTIVE_TOKENS
from tests.factories import UserFactory, log_in

pytestmark = pytest.mark.django_db
URL = reverse("api_tokens")


def create(client, name="Analyse i R", request_id=None):
    return client.post(URL, {"name": name, "request_id": request_id or uuid.uuid4()})


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_new_token_is_shown_once_and_works(client):
    user = UserFactory()
    log_in(client, user)
    page = create(client).content.decode()
    text = re.search(r'value="(wagtail_[^"]+)"', page).group(1)
    assert "Kopiér den nu" in page
    token = APIToken.objects.get(user=user)
    assert token.key_hash != text and text not in token.key_hash
    assert text not in client.get(URL).content.decode()
    client.logout()
    response = client.get("/api/v1/themes", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert response.status_code == 200


def test_the_same_form_sent_twice_makes_one_token(client):
    log_in(client, UserFactory())
    request_id = uuid.uuid4()
    create(client, request_id=request_id)
    again = create(client, request_id=request_id)
    assert again.status_code == 302
    assert APIToken.objects.count() == 1


def test_a_missing_name_is_explained_next_to_the_field(client):
    log_in(client, UserFactory())
    response = create(client, name="  ")
    assert response.status_code == 400
    assert "Dette felt er påkrævet" in response.content.decode()
    assert APIToken.objects.count() == 0


def test_at_most_ten_active_tokens(client):
    user = UserFactory()
    for n in range(MAX_ACTIVE_TOKENS):
        APIToken.create_token(user=user, name=f"n{n}")
    log_in(client, user)
    response = create(client)
    assert response.status_code == 400
    assert "højst have 10 aktive" in response.content.decode()


def test_revoking_stops_the_token_and_only_the_owner_may(client):
    owner, other = UserFactory(), UserFactory()
    token, text = APIToken.create_token(user=owner, name="gammel")
    log_in(client, other)
    url = reverse("api_token_revoke", args=[token.pk])
    assert client.post(url).status_code == 404
    log_in(client, owner)
    assert client.post(url).status_code == 302
    client.logout()
    response = client.get("/api/v1/themes", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert response.status_code == 401


def test_the_list_shows_each_token_by_name_and_prefix_only(client):
    user = UserFactory()
    token, text = APIToken.create_token(user=user, name="Dashboard")
    log_in(client, user)
    page = client.get(URL).content.decode()
    assert "Dashboard" in page and token.prefix in page and text not in page
