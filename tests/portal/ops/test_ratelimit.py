"""Every action that sends e-mail or costs a lot is rate limited: the
request past the limit gets the Danish 429 page, and nothing is created or
sent by it."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.accounts.models import User
from portal.organisations.models import (
    Invitation,
    JoinRequest,
    Municipality,
    Organisation,
    Partnership,
)
from search.models import SavedSearch
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    _valid_cvr,
    log_in,
    moderator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    """Lower one action's limit to two requests."""

    def set_limit(action, rate="2/h/user"):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: rate}

    return set_limit


def assert_limited(response, minutes=60):
    assert response.status_code == 429
    assert "For mange forsøg" in response.text
    unit = "minut" if minutes == 1 else "minutter"
    assert f"Prøv igen om {minutes} {unit}." in response.text
    assert 0 < int(response["Retry-After"]) <= minutes * 60


def test_join_requests(client, limit, outsider):
    limit("join_request")
    organisations = OrganisationFactory.create_batch(3)
    log_in(client, outsider)
    responses = [
        client.post(
            reverse("organisations:join_request", args=[o.pk]), {"message": "Hej"}
        )
        for o in organisations
    ]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    sent = len(mail.outbox)
    assert_limited(responses[2])
    assert JoinRequest.objects.filter(user=outsider).count() == 2
    assert not JoinRequest.objects.filter(organisation=organisations[2]).exists()
    assert sent == len(mail.outbox)


def test_organisation_invitations(client, limit, organisation, org_admin):
    limit("invitation")
    log_in(client, org_admin)
    url = reverse("organisations:members", args=[organisation.pk])
    responses = [
        client.post(url, {"email": f"kollega{n}@solhjem.dk", "role": "member"})
        for n in range(3)
    ]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    assert_limited(responses[2])
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2
    # Looking at the page is not limited.
    assert client.get(url).status_code == 200


def test_partnership_invitations(client, limit):
    limit("invitation")
    user = moderator()
    log_in(client, user)
    partnership = Partnership.objects.filter(bl_member=True).first()
    responses = [
        client.post(
            reverse("organisations:partnership_invite"),
            {"email": f"partner{n}@ministeriet.dk", "partnership": partnership.pk},
        )
        for n in range(3)
    ]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    assert_limited(responses[2])
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2


def test_organisation_registrations(client, limit, outsider):
    limit("organisation_register")
    log_in(client, outsider)
    municipality = Municipality.objects.get(name="Køge")
    responses = [
        client.post(
            reverse("organisations:register"),
            {
                "name": f"Boligselskabet {n}",
                "cvr": _valid_cvr(7000 + n),
                "kind": Organisation.Kind.HOUSING_ORGANISATION,
                "municipality": municipality.pk,
            },
        )
        for n in range(3)
    ]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    assert_limited(responses[2])
    assert Organisation.objects.filter(registered_by=outsider).count() == 2


def test_a_refused_registration_uses_up_no_try(client, limit, outsider):
    # Mistakes are answered beside the field and send nothing; only a valid
    # registration counts, so a person correcting a CVR number is not locked out.
    limit("organisation_register")
    log_in(client, outsider)
    url = reverse("organisations:register")
    for cvr in ("12345678", "1234", "abcdefgh"):
        assert (
            client.post(url, {"name": "Boligselskabet Nord", "cvr": cvr}).status_code
            == 200
        )
    response = client.post(
        url,
        {
            "name": "Boligselskabet Nord",
            "cvr": _valid_cvr(7100),
            "kind": Organisation.Kind.HOUSING_ORGANISATION,
            "municipality": Municipality.objects.get(name="Køge").pk,
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(registered_by=outsider).count() == 1


@pytest.mark.parametrize("name", ["archive:export_csv", "archive:export_xlsx"])
def test_archive_exports(client, limit, partnership_member, name):
    limit("export")
    log_in(client, partnership_member)
    responses = [client.get(reverse(name), {"q": "madklub"}) for _ in range(3)]
    assert [r.status_code for r in responses[:2]] == [200, 200]
    assert_limited(responses[2])
    assert "Content-Disposition" not in responses[2]


def test_archive_exports_count_anonymous_requests_by_address(client, limit):
    limit("export", "2/h/ip")
    url = reverse("archive:export_csv")
    statuses = [client.get(url).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_behind_a_load_balancer_and_nginx_limits_count_per_client(
    client, limit, settings
):
    """Several nodes (docs/deploy.md): the load balancer appends the client,
    nginx appends the balancer, TRUSTED_PROXY_COUNT=2."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    limit("export", "2/h/ip")
    url = reverse("archive:export_csv")

    def via_proxies(client_address, forged=""):
        chain = f"{forged}{client_address}, 10.0.0.2"
        return client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=chain)

    statuses = [via_proxies("198.51.100.7").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # What the client itself put in front does not open a new allowance.
    assert via_proxies("198.51.100.7", forged="203.0.113.1, ").status_code == 429
    # Another client through the same balancer and nginx has its own.
    assert via_proxies("198.51.100.8").status_code == 200


def test_moderation_exports(client, limit):
    limit("export")
    log_in(client, moderator())
    url = reverse("inputs_moderation:index") + "?export=xlsx"
    responses = [client.get(url) for _ in range(3)]
    assert [r.status_code for r in responses[:2]] == [200, 200]
    assert_limited(responses[2])


def test_saved_searches(client, limit, partnership_member):
    limit("saved_search_create")
    log_in(client, partnership_member)
    responses = [
        client.post(
            reverse("archive:saved"),
            {"q": f"emne{n}", "name": f"Søgning {n}", "frequency": "daily"},
        )
        for n in range(3)
    ]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    assert_limited(responses[2])
    assert SavedSearch.objects.filter(user=partnership_member).count() == 2


def test_login(client, limit):
    limit("login", "2/m/ip")
    UserFactory(email="person@solhjem.dk")
    url = reverse("account_login")
    data = {"login": "person@solhjem.dk", "password": "forkert"}
    statuses = [client.post(url, data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.post(url, data)
    assert_limited(response, minutes=1)


def _signup(client, n, **overrides):
    data = {
        "first_name": "Sofie",
        "last_name": "Berg",
        "email": f"ny{n}@solhjem.dk",
        "password1": "et-langt-Kodeord-2026",
        "password2": "et-langt-Kodeord-2026",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_signup_counts_only_accounts_made(client, limit):
    # From one office address a typo must not use up a try: only a valid
    # form counts, and the form past the limit keeps what was typed.
    limit("signup_made", "2/h/ip")
    for n in range(4):
        typo = _signup(client, n, password2="et-andet-Kodeord-2026")
        assert typo.status_code == 200
    assert [_signup(client, n).status_code for n in range(2)] == [302, 302]

    response = _signup(client, 2)

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    message = (
        "Der er oprettet mange konti fra din netværksadresse på kort tid, så "
        "vi har sat en midlertidig pause. Prøv igen om 60 minutter."
    )
    # Said above the fields, which come back with what was typed.
    page = response.text
    assert page.index(message) < page.index('name="first_name"')
    assert 'value="ny2@solhjem.dk"' in page
    assert 'value="Sofie"' in response.text and 'value="Berg"' in response.text
    assert "et-langt-Kodeord-2026" not in response.text
    assert not User.objects.filter(email="ny2@solhjem.dk").exists()
    assert len(mail.outbox) == 2


def test_signup_posts_still_have_a_limit(client, limit):
    # Scripted posts, valid or not, meet allauth's own limit per address.
    limit("signup", "3/m/ip")
    statuses = [_signup(client, n, password2="x").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_password_reset(client, limit):
    limit("reset_password", "2/h/ip")
    UserFactory(email="person@solhjem.dk")
    url = reverse("account_reset_password")
    statuses = [
        client.post(url, {"email": "person@solhjem.dk"}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_limits_are_per_user(client, limit, partnership_member):
    limit("export", "1/h/user")
    log_in(client, partnership_member)
    assert client.get(reverse("archive:export_csv")).status_code == 200
    assert client.get(reverse("archive:export_csv")).status_code == 429
    other = UserFactory()
    log_in(client, other)
    assert client.get(reverse("archive:export_csv")).status_code == 200
