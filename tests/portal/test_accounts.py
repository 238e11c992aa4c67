"""Accounts: allauth login, verification, password reset, and the admin's
two-factor gate."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory, log_in

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _code(secret: str = SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _log_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _link(pattern: str) -> str:
    match = re.search(r"https?://\S*" + pattern + r"\S*", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return _path(match.group(0))


def test_login_with_email_and_password(client):
    user = UserFactory(email="karen@aab.dk")
    response = _log_in(client, "karen@aab.dk")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_member_lands_on_home_and_newcomer_on_min_organisation(client, org_member):
    assert _log_in(client, org_member.email)["Location"] == reverse("accounts:start")
    UserFactory(email="ny@aab.dk")
    response = _log_in(Client(), "ny@aab.dk")
    assert response["Location"] == reverse("organisations:home")


def test_wrong_password_is_refused_in_danish(client):
    UserFactory(email="karen@aab.dk")
    response = _log_in(client, "karen@aab.dk", "forkert")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "E-mailadressen eller adgangskoden er forkert." in response.text


def test_unverified_user_gets_the_verification_flow(client):
    user = UserFactory(email="ny@aab.dk")
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = _log_in(client, "ny@aab.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["ny@aab.dk"]


def _sign_up(client, email="Sofie@Boligen.dk"):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Sofie",
            "last_name": "Berg",
            "email": email,
            "password1": "Stærkt-kodeord-2020",
            "password2": "Stærkt-kodeord-2020",
        },
    )


def test_signup_then_confirming_in_the_same_browser_logs_in(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["sofie@boligen.dk"]
    user = EmailAddress.objects.get(email="sofie@boligen.dk").user
    assert user.get_full_name() == "Sofie Berg"
    assert "Sofie Berg" in mail.outbox[-1].body
    response = client.post(_link("/konto/confirm-email/"), follow=True)
    assert EmailAddress.objects.get(email="sofie@boligen.dk").verified
    assert int(client.session["_auth_user_id"]) == user.pk
    # Belonging nowhere yet, she lands on “Min organisation”, as after a login.
    assert response.redirect_chain == [(reverse("organisations:home"), 302)]
    html = response.content.decode()
    assert re.search(r"<h1>\s*Min organisation\s*</h1>", html)
    assert "Tak, sofie@boligen.dk er bekræftet." in html
    assert "Du er logget ind som Sofie Berg." in html
    assert client.get(reverse("organisations:join")).status_code == 200


def test_a_confirmation_link_opened_in_another_browser_does_not_log_in(client):
    _sign_up(client)
    elsewhere = Client()
    response = elsewhere.post(_link("/konto/confirm-email/"), follow=True)
    assert EmailAddress.objects.get(email="sofie@boligen.dk").verified
    assert "_auth_user_id" not in elsewhere.session
    assert response.redirect_chain[-1][0] == LOGIN
    assert re.search(r"<h1>\s*Log ind\s*</h1>", response.content.decode())
    # The browser that signed up logs in with the password, as before.
    assert "_auth_user_id" not in client.session
    _log_in(client, "sofie@boligen.dk", "Stærkt-kodeord-2020")
    assert "_auth_user_id" in client.session


def test_confirming_in_the_same_browser_still_asks_for_the_second_factor(client):
    """A person with TOTP whose address is unconfirmed logs in with the
    password, gets the e-mail and opens its link: the code is still asked."""
    user = UserFactory(email="karen@aab.dk")
    TOTP.activate(user, SECRET)
    EmailAddress.objects.filter(user=user).update(verified=False)
    assert _log_in(client, "karen@aab.dk")["Location"] == reverse(
        "account_email_verification_sent"
    )
    response = client.post(_link("/konto/confirm-email/"), follow=True)
    assert EmailAddress.objects.get(email="karen@aab.dk").verified
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert "Skriv koden fra din godkendelsesapp" in response.content.decode()
    client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_address_another_account_only_claims_does_not_stop_its_owner(client):
    # Anyone may add any address to their account, unverified. That claim
    # must not keep the address's owner from signing up (attacker check).
    squatter = UserFactory(email="squatter@example.org")
    EmailAddress.objects.create(user=squatter, email="sofie@boligen.dk")
    assert _sign_up(client).status_code == 302
    assert mail.outbox[-1].to == ["sofie@boligen.dk"]
    response = client.post(_link("/konto/confirm-email/"), follow=True)
    sofie = EmailAddress.objects.get(email="sofie@boligen.dk", verified=True).user
    assert sofie != squatter
    assert int(client.session["_auth_user_id"]) == sofie.pk
    assert response.status_code == 200


def test_signup_asks_for_the_name_first(client):
    page = client.get(reverse("account_signup")).text
    fields = ["first_name", "last_name", "email", "password1"]
    positions = [page.index(f'for="id_{name}"') for name in fields]
    assert positions == sorted(positions)
    assert ">Fornavn" in page and ">Efternavn" in page
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": " ",
            "email": "sofie@boligen.dk",
            "password1": "Stærkt-kodeord-2020",
            "password2": "Stærkt-kodeord-2020",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"first_name", "last_name"}
    assert 'value="sofie@boligen.dk"' in response.text
    assert not EmailAddress.objects.filter(email="sofie@boligen.dk").exists()


@pytest.mark.parametrize(
    ("language", "short", "mismatch"),
    [
        ("da", "Denne adgangskode er for kort", "Skriv den samme adgangskode"),
        ("en", "This password is too short", "You must type the same password"),
    ],
)
def test_signup_reports_a_short_and_a_mismatched_password_together(
    client, language, short, mismatch
):
    client.cookies["django_language"] = language
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Sofie",
            "last_name": "Berg",
            "email": "sofie@boligen.dk",
            "password1": "kort",
            "password2": "andet",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert short in " ".join(errors["password1"])
    assert len(errors["password2"]) == 1
    assert errors["password2"][0].startswith(mismatch)
    # Each beside its own field, not only in the summary at the top.
    for field, text in (("password1", short), ("password2", mismatch)):
        error = f'id="id_{field}_error">(.*?)</span>\\s*<input[^>]* name="{field}"'
        assert text in re.search(error, response.text, re.S).group(1)
    assert not EmailAddress.objects.filter(email="sofie@boligen.dk").exists()


def test_changing_to_a_short_mismatched_password_reports_both(client):
    log_in(client, UserFactory())
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "kort", "password2": "andet"},
    )
    errors = response.context["form"].errors
    assert "Denne adgangskode er for kort" in " ".join(errors["password1"])
    assert errors["password2"] == ["Skriv den samme adgangskode begge gange."]


def test_password_reset_sends_email_and_link_sets_new_password(client):
    UserFactory(email="karen@aab.dk")
    client.post(reverse("account_reset_password"), {"email": "karen@aab.dk"})
    (message,) = mail.outbox
    assert message.to == ["karen@aab.dk"]
    link = _link("/konto/password/reset/key/")
    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key into the session
    set_password = response["Location"]
    response = client.post(
        set_password,
        {"password1": "Nyt-kodeord-2020!", "password2": "Nyt-kodeord-2020!"},
    )
    assert response.status_code == 302
    fresh = Client()
    _log_in(fresh, "karen@aab.dk", "Nyt-kodeord-2020!")
    assert "_auth_user_id" in fresh.session


def test_the_reset_page_says_adgangskode_as_every_other_page_does(client):
    html = client.get(reverse("account_reset_password")).text
    assert "Nulstil min adgangskode" in html
    assert "password" not in re.sub(r"<[^>]*>", " ", html.split("<body", 1)[1])


@pytest.mark.parametrize(
    ("language", "wrong", "empty"),
    [
        ("da", "Adgangskoden er forkert.", "Dette felt er påkrævet."),
        ("en", "The password is incorrect.", "This field is required."),
    ],
)
def test_changing_the_password_says_when_the_current_one_is_wrong(
    client, language, wrong, empty
):
    user = UserFactory()
    log_in(client, user)
    client.cookies["django_language"] = language
    new = {"password1": "Nyt-kodeord-2020!", "password2": "Nyt-kodeord-2020!"}
    url = reverse("account_change_password")
    html = client.post(url, {"oldpassword": "forkert", **new}).text
    assert 'href="#id_oldpassword">' in html and wrong in html
    # An empty field keeps the message that asks for it.
    html = client.post(url, {"oldpassword": "", **new}).text
    assert empty in html and wrong not in html


def test_admin_sends_anonymous_to_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_wagtail_password_reset_is_off(client):
    assert client.get("/admin/password_reset/").status_code == 404


def _moderator(email="moderator@bl.dk"):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=Role.MODERATOR))
    return user


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.SITE_ADMIN])
def test_staff_without_totp_are_sent_to_totp_setup(client, role):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    log_in(client, user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        (
            "da",
            "Du kan først slå totrinsbekræftelse til, når karen.privat@example.dk er "
            "bekræftet. Klik på linket i den e-mail, vi har sendt til adressen, "
            'eller gå til <a href="/konto/email/">E-mailadresser</a> for at få en '
            "ny e-mail eller fjerne adressen.",
        ),
        (
            "en",
            "You can turn on two-factor authentication once karen.privat@example.dk "
            "is confirmed. Click the link in the e-mail we sent to that address, or "
            'go to <a href="/konto/email/">E-mail addresses</a> to get a new e-mail '
            "or remove the address.",
        ),
    ],
)
def test_an_unconfirmed_extra_address_is_named_when_totp_is_refused(
    client, language, refusal
):
    """allauth refuses a second factor while any address is unconfirmed; a
    moderator, who must set one up, is told which address and what to do."""
    user = _moderator(email="karen@aab.dk")
    log_in(client, user)
    client.cookies["django_language"] = language
    client.post(
        reverse("account_email"),
        {"action_add": "", "email": "karen.privat@example.dk"},
    )
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_index")
    assert refusal in response.text
    assert "verified your email address" not in response.text
    assert "bekræftet din e-mailadresse" not in response.text


def test_several_unconfirmed_addresses_are_all_named(client):
    user = UserFactory(email="karen@aab.dk")
    for email in ("b@example.dk", "a@example.dk"):
        EmailAddress.objects.create(user=user, email=email, verified=False)
    log_in(client, user)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert (
        "når a@example.dk og b@example.dk er bekræftet. Klik på linkene i de "
        "e-mails, vi har sendt til adresserne"
    ) in response.text


# Transactional: allauth announces the new authenticator on commit, which is
# when the session records that it passed the second factor.
@pytest.mark.django_db(transaction=True)
def test_moderator_activates_totp_gets_recovery_codes_and_reaches_admin(
    client, reference_data
):
    _moderator()
    _log_in(client, "moderator@bl.dk")
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before security changes.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(
        user__email="moderator@bl.dk", type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    assert client.get("/admin/").status_code == 200


def test_moderator_with_totp_logs_in_in_two_steps_and_reaches_admin(client):
    user = _moderator()
    TOTP.activate(user, SECRET)
    response = _log_in(client, "moderator@bl.dk")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", ["admin", "member"])
def test_organisation_people_get_no_admin(client, organisation, role):
    from tests.factories import member_of

    log_in(client, member_of(organisation, role))
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith("/admin/")


def test_partnership_member_gets_no_admin(client, partnership_member):
    log_in(client, partnership_member)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith("/admin/")
