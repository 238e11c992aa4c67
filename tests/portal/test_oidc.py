"""Login with MitID Erhverv against a real OpenID Connect provider
(tests/oidc/provider.mjs) running on localhost: the portal's client talks to
it over HTTP for discovery, tokens, keys and userinfo."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.account.authentication import get_authentication_records
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialAccount, SocialToken
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory
from wagtail.models import ModelLogEntry

from portal.organisations.models import JoinRequest, Membership, Organisation
from tests.factories import OrganisationFactory, UserFactory, log_in, moderator
from tests.oidc.server import (
    CLIENT_ID,
    CLIENT_SECRET,
    CVR_CLAIM,
    OTHER_CLIENT_ID,
    OTHER_CLIENT_SECRET,
    OTHER_REDIRECT_URI,
    running_provider,
)

CALLBACK = "http://testserver/konto/oidc/mitid-erhverv/login/callback/"
LOGIN = "/konto/oidc/mitid-erhverv/login/"


@pytest.fixture(scope="module")
def provider():
    with running_provider(redirect_uris=[CALLBACK]) as running:
        yield running


@pytest.fixture
def oidc(settings, provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [provider.app()]}
    }
    settings.OIDC_CVR_CLAIM = CVR_CLAIM
    return provider


@pytest.fixture
def aab(db):
    return OrganisationFactory(name="AAB", cvr="93170601")


def log_in_with_mitid(client, provider, account: str, *, next_url: str = ""):
    """Press the button, log in at the broker, come back; follow to the end."""
    start = client.post(LOGIN + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start
    callback = provider.log_in(start["Location"], account, until=CALLBACK)
    return client.get(callback.removeprefix("http://testserver"), follow=True)


def test_no_button_and_no_login_when_not_configured(client, db):
    page = client.get("/konto/login/")
    assert "MitID" not in page.content.decode()
    assert client.post(LOGIN).status_code == 404


def test_login_page_shows_the_button(client, oidc, db):
    page = client.get("/konto/login/?next=/input/")
    html = page.content.decode()
    assert "Log ind med MitID Erhverv" in html
    assert (
        'action="/konto/oidc/mitid-erhverv/login/?process=login&amp;next=%2Finput%2F"'
        in html
    )


def test_employee_of_approved_organisation_lands_in_it(client, oidc, aab):
    response = log_in_with_mitid(client, oidc, "aab-medarbejder")

    user = response.wsgi_request.user
    assert user.is_authenticated and user.email == "sofie.berg@aab.dk"
    assert response.redirect_chain[-1][0] == "/organisation/"
    assert "Du er nu medlem af AAB." in response.content.decode()
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (aab, Membership.Role.MEMBER)
    assert not JoinRequest.objects.exists()
    assert user.emailaddress_set.get().verified  # the broker said so
    [entry] = ModelLogEntry.objects.filter(action="organisations.mitid_join")
    assert (entry.object_id, entry.user_id) == (str(aab.pk), user.pk)
    assert entry.data["person"] == "sofie.berg@aab.dk"
    assert mail.outbox == []  # nothing to verify, no join request to approve


def test_second_login_keeps_the_membership_and_its_role(client, oidc, aab):
    log_in_with_mitid(client, oidc, "aab-medarbejder")
    membership = Membership.objects.get()
    membership.role = Membership.Role.ADMIN
    membership.save()
    client.logout()

    response = log_in_with_mitid(client, oidc, "aab-medarbejder", next_url="/input/")

    assert response.redirect_chain[-1][0] == "/input/"
    assert Membership.objects.get().role == Membership.Role.ADMIN
    assert ModelLogEntry.objects.filter(action="organisations.mitid_join").count() == 1
    assert SocialAccount.objects.count() == 1


def test_existing_account_connects_and_links_by_cvr_on_first_mitid_login(
    client, oidc, aab
):
    """A password user connects MitID Erhverv under "Min konto" and is linked
    to AAB by its CVR number the first time they log in with it."""
    user = UserFactory(email="sofie@aab.dk")
    log_in(client, user)
    connections = client.get("/konto/3rdparty/")
    assert "MitID Erhverv" in connections.content.decode()
    start = client.post(LOGIN + "?process=connect")
    callback = oidc.log_in(start["Location"], "aab-medarbejder", until=CALLBACK)
    connected = client.get(callback.removeprefix("http://testserver"), follow=True)
    assert connected.redirect_chain[-1][0] == "/konto/3rdparty/"
    assert SocialAccount.objects.get(uid="aab-medarbejder").user == user
    assert not Membership.objects.exists()
    client.logout()

    response = log_in_with_mitid(client, oidc, "aab-medarbejder")

    assert response.wsgi_request.user == user
    assert Membership.objects.filter(user=user, organisation=aab).exists()
    assert not JoinRequest.objects.exists()


def test_unknown_cvr_goes_to_registration_with_it_prefilled(client, oidc, aab):
    response = log_in_with_mitid(client, oidc, "ny-organisation")

    assert response.redirect_chain[-1][0] == "/organisation/registrer/?cvr=13585628"
    html = response.content.decode()
    assert "er ikke registreret i Partnerportalen endnu" in html
    assert response.context["form"]["cvr"].value() == "13585628"
    assert not Membership.objects.exists()
    assert not Organisation.objects.filter(cvr="13585628").exists()


def test_pending_organisation_is_said_to_await_approval(client, oidc, db):
    pending = OrganisationFactory(
        name="Venter Bolig", cvr="25063783", status=Organisation.Status.PENDING
    )
    response = log_in_with_mitid(client, oidc, "afventer")

    assert response.redirect_chain[-1][0] == "/organisation/"
    assert "Venter Bolig venter på BL&#x27;s godkendelse" in response.content.decode()
    assert not Membership.objects.exists()

    pending.status = Organisation.Status.APPROVED
    pending.save()
    client.logout()
    log_in_with_mitid(client, oidc, "afventer")
    assert Membership.objects.filter(organisation=pending).exists()


def test_login_without_cvr_is_sent_to_find_the_organisation(client, oidc, aab):
    response = log_in_with_mitid(client, oidc, "uden-cvr")

    assert response.wsgi_request.user.email == "uffe@example.dk"
    assert response.redirect_chain[-1][0] == "/organisation/tilslut/"
    assert "Dit login fortalte ikke" in response.content.decode()
    assert not Membership.objects.exists()


def test_unverified_email_must_be_verified_first(client, oidc, aab):
    response = log_in_with_mitid(client, oidc, "uden-bekraeftelse")

    assert not response.wsgi_request.user.is_authenticated
    assert mail.outbox[-1].to == ["ulla@aab.dk"]
    assert not Membership.objects.exists()


def test_existing_address_is_not_taken_over(client, oidc, aab):
    """The broker names the e-mail address of an existing account: nobody is
    logged into that account, and it is not connected or linked."""
    owner = UserFactory(email="mette@aab.dk")

    response = log_in_with_mitid(client, oidc, "samme-email")

    assert response.wsgi_request.user != owner
    assert not response.wsgi_request.user.is_authenticated
    assert not SocialAccount.objects.exists()
    assert not Membership.objects.exists()
    assert get_user_model().objects.get() == owner  # no second account either
    # As for any sign-up with a taken address: the owner is told by e-mail.
    assert mail.outbox[-1].to == ["mette@aab.dk"]
    assert "Kontoen findes allerede" in mail.outbox[-1].subject


def _staff_with_mitid(uid: str):
    user = moderator(email="hanne@bl.dk")
    SocialAccount.objects.create(user=user, provider="mitid-erhverv", uid=uid)
    return user


def _second_factor_records(request):
    return [
        r
        for r in get_authentication_records(request, request.user)
        if r["method"] == "mfa"
    ]


def test_high_assurance_counts_as_the_second_factor(client, oidc, db):
    staff = _staff_with_mitid("moderator-hoej")

    response = log_in_with_mitid(client, oidc, "moderator-hoej")

    assert response.wsgi_request.user == staff
    assert (
        response.redirect_chain[-1][0] == "/konto/start/"
    )  # no CVR, no "find your organisation"
    [record] = _second_factor_records(response.wsgi_request)
    assert record["type"] == "oidc_assurance"
    assert record["assurance"].endswith("/High")


def test_low_assurance_still_asks_staff_for_their_code(client, oidc, db):
    _staff_with_mitid("moderator-lav")

    response = log_in_with_mitid(client, oidc, "moderator-lav")

    assert response.redirect_chain[-1][0] == "/konto/2fa/authenticate/"
    assert not response.wsgi_request.user.is_authenticated
    assert _second_factor_records(response.wsgi_request) == []


def test_accepted_levels_are_a_setting(client, oidc, settings, db):
    settings.OIDC_ACCEPTED_ASSURANCE = ["https://data.gov.dk/concept/core/nsis/loa/Low"]
    staff = _staff_with_mitid("moderator-lav")

    response = log_in_with_mitid(client, oidc, "moderator-lav")

    assert response.wsgi_request.user == staff
    assert len(_second_factor_records(response.wsgi_request)) == 1


# The ID token checks (allauth's, with the portal's app): tokens the provider
# issued for real, handed to the same validation the callback runs.


def _tokens(provider, account: str, *, other_client: bool = False) -> dict:
    """An authorisation code flow run by hand, by our client or another
    service's: the token endpoint's answer."""
    client_id, secret, redirect_uri = (
        (OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, OTHER_REDIRECT_URI)
        if other_client
        else (CLIENT_ID, CLIENT_SECRET, CALLBACK)
    )
    authorize = f"{provider.issuer}/auth?" + requests.compat.urlencode(
        {
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": "openid email nemlogin",
            "state": "s",
            "nonce": "n",
        }
    )
    back = provider.log_in(authorize, account, until=redirect_uri)
    code = parse_qs(urlsplit(back).query)["code"][0]
    response = requests.post(
        f"{provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "client_secret": secret,
        },
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def _complete_login(tokens: dict):
    request = RequestFactory().get("/")
    provider = get_social_adapter().get_provider(request, "mitid-erhverv")
    adapter = OpenIDConnectOAuth2Adapter(request, "mitid-erhverv")
    token = SocialToken(token=tokens["access_token"])
    return adapter.complete_login(request, provider.app, token, response=tokens)


def test_id_token_for_our_client_is_accepted(oidc, db):
    login = _complete_login(_tokens(oidc, "aab-medarbejder"))
    assert login.account.uid == "aab-medarbejder"
    assert login.account.extra_data["id_token"]["aud"] == CLIENT_ID


def test_id_token_for_another_client_is_refused(oidc, db):
    tokens = _tokens(oidc, "aab-medarbejder", other_client=True)
    with pytest.raises(OAuth2Error, match="Invalid id_token"):
        _complete_login(tokens)


def test_expired_id_token_is_refused(oidc, db):
    tokens = _tokens(oidc, "kort-levetid")  # the provider gives these 3 s
    fresh = _complete_login(tokens)
    expires = fresh.account.extra_data["id_token"]["exp"]
    time.sleep(max(0.0, expires - time.time()) + 1)
    with pytest.raises(OAuth2Error, match="Invalid id_token"):
        _complete_login(tokens)


def test_a_name_from_the_broker_is_held_to_the_cpr_rule(db):
    # Every name typed on the site passes the CPR rule; the broker's did not.
    from allauth.socialaccount.models import SocialLogin

    request = RequestFactory().get("/")
    sociallogin = SocialLogin(
        user=get_user_model()(), account=SocialAccount(provider="openid_connect")
    )
    user = get_social_adapter(request).populate_user(
        request,
        sociallogin,
        {"first_name": "Sofie 010190-1234", "last_name": "Berg", "email": "s@aab.dk"},
    )
    assert (user.first_name, user.last_name) == ("", "Berg")
