"""Every e-mail the project sends links to the configured address (SITE_URL,
read into WAGTAILADMIN_BASE_URL) and names the site Partnerportalen, even
when the request that caused it came in on another host and port."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inputs.services import input_transition
from portal.organisations.models import Membership
from portal.organisations.services import (
    invitation_create,
    join_request_create,
    join_request_decide,
)
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    UserFactory,
    member_of,
    moderator,
)

pytestmark = pytest.mark.django_db

SITE = "https://partnerportal.example.dk"
ELSEWHERE = "127.0.0.1:8010"


@pytest.fixture(autouse=True)
def configured(settings):
    from django.core.cache import cache

    settings.WAGTAILADMIN_BASE_URL = SITE
    # allauth's rate limits (sign-ups per address) live in the cache.
    cache.clear()


def _check(messages):
    assert messages, "no e-mail was sent"
    for message in messages:
        text = f"{message.subject}\n{message.body}"
        links = re.findall(r"https?://\S+", text)
        assert links, text
        assert all(link.startswith(SITE + "/") for link in links), links
        for wrong in ("127.0.0.1", "testserver", "localhost", "example.com"):
            assert wrong not in text, text


def test_verification_e_mail(client):
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Sofie",
            "last_name": "Berg",
            "email": "sofie@boligen.dk",
            "password1": "Stærkt-kodeord-2020",
            "password2": "Stærkt-kodeord-2020",
        },
        HTTP_HOST=ELSEWHERE,
    )
    _check(mail.outbox)
    body = mail.outbox[-1].body
    assert "Hej fra Partnerportalen" in body or "Hello from Partnerportalen" in body
    assert f"{SITE}/konto/confirm-email/" in body


def test_password_reset_e_mail(client):
    UserFactory(email="karen@aab.dk")
    client.post(
        reverse("account_reset_password"),
        {"email": "karen@aab.dk"},
        HTTP_HOST=ELSEWHERE,
    )
    _check(mail.outbox)
    assert f"{SITE}/konto/password/reset/key/" in mail.outbox[-1].body


def test_receipt_and_moderation_feedback(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    author = member_of(organisation)
    item = InputFactory(organisation=organisation, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        input_transition(input=item, action="submit", user=author)
        mod = moderator()
        input_transition(input=item, action="start_review", user=mod)
        input_transition(
            input=item, action="request_changes", user=mod, note="Skriv mere."
        )
    assert len(mail.outbox) == 3
    _check(mail.outbox)
    assert f"{SITE}/input/{item.pk}/" in mail.outbox[0].body


def test_join_requests_and_invitations(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    admin = member_of(organisation, Membership.Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        request = join_request_create(user=UserFactory(), organisation=organisation)
        join_request_decide(join_request=request, approve=True, user=admin)
        invitation = invitation_create(
            email="ny@aab.dk", invited_by=admin, organisation=organisation
        ).invitation
    _check(mail.outbox)
    assert len(mail.outbox) == 3
    assert any(f"{SITE}/" in m.body and invitation.token in m.body for m in mail.outbox)


def test_digests(django_capture_on_commit_callbacks):
    from inputs.moderation.digest import moderator_digest_send
    from search.digests import saved_searches_send_digests
    from search.models import SavedSearch
    from tests.search.helpers import move_to

    mod = moderator()
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        item = InputFactory(organisation=organisation, title="Madklub", consent="named")
        move_to(item, "submitted")
    yesterday = timezone.now() - timedelta(days=1)
    type(item).objects.filter(pk=item.pk).update(submitted_at=yesterday)
    mail.outbox.clear()
    assert moderator_digest_send()
    _check(mail.outbox)

    mail.outbox.clear()
    saved = SavedSearch.objects.create(
        user=mod, name="Madklubber", query_string="q=madklub", frequency="daily"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    assert saved_searches_send_digests() == 1
    _check(mail.outbox)
    assert f"{SITE}/arkiv/?q=madklub" in mail.outbox[0].body


def test_wagtail_site_record_follows_the_configured_address(db):
    from cms.demo import seed_pages

    home = seed_pages()
    site = home.get_site()
    assert (site.hostname, site.port, site.site_name) == (
        "partnerportal.example.dk",
        443,
        "Partnerportalen",
    )
    assert home.full_url == f"{SITE}/"
