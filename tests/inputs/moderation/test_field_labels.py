"""One label for one field on every page that shows it: the model field's
verbose_name."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import log_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"),
    [("da", "Indsatsen kører stadig"), ("en", "The initiative is still running")],
)
def test_ongoing_has_one_label_for_member_and_moderator(
    mod_client, make_input, author, language, label
):
    item = make_input(status="in_review", ongoing=True)
    client = Client()
    log_in(client, author)
    for who in (client, mod_client):
        who.cookies["django_language"] = language
    member_page = client.get(reverse("inputs:detail", args=[item.pk])).text
    moderator_page = mod_client.get(
        reverse("inputs_moderation:inspect", args=[item.pk])
    ).text
    assert label in member_page
    assert label in moderator_page
    assert ">Kører stadig<" not in member_page
    export = mod_client.get(reverse("inputs_moderation:index") + "?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert label in body.decode("utf-8-sig").splitlines()[0]
