"""The account area under /konto/: it opens on the overview ("Min konto"),
and allauth's pages in it read in proper Danish ("e-mailadresse")."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD, UserFactory, log_in

pytestmark = pytest.mark.django_db

# allauth's Danish writes "emailadresse"; Danish spells it "e-mailadresse".
UNHYPHENATED = re.compile(r"\bemail", re.IGNORECASE)


def _visible_text(html: str) -> str:
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.DOTALL)
    body = re.sub(
        r'\s(?:href|src|action|id|for|name|type|class|autocomplete)="[^"]*"', "", body
    )
    return re.sub(r"<[^>]+>", " ", body)


def test_konto_opens_on_the_overview_with_it_marked_in_the_menu(client):
    user = UserFactory()
    log_in(client, user)
    response = client.get("/konto/", follow=True)
    assert response.redirect_chain == [(reverse("accounts:my_account"), 302)]
    html = response.content.decode()
    assert re.search(r"<h1>\s*Min konto\s*</h1>", html)
    assert re.search(r'aria-current="page"[^>]*>Min konto<', html)
    assert user.email in html


def test_konto_sends_an_anonymous_visitor_to_log_in(client):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_e_mail_page_reads_in_danish(client):
    user = UserFactory()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    log_in(client, user)
    html = client.get(reverse("account_email")).content.decode()
    assert re.search(r"<h1>\s*E-mailadresser\s*</h1>", html)
    assert "Disse e-mailadresser er knyttet til din konto:" in html
    assert re.search(r"<title>\s*E-mailadresser\s", html)
    text = _visible_text(html).replace(user.email, "")
    assert not UNHYPHENATED.findall(text), UNHYPHENATED.findall(text)


def test_allauth_model_names_read_in_danish():
    with translation.override("da"):
        assert translation.gettext("email addresses") == "e-mailadresser"
        assert translation.gettext("email address") == "e-mailadresse"


def test_a_bad_new_address_is_reported_once_beside_the_add_form(client):
    user = UserFactory()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    log_in(client, user)
    html = client.post(
        reverse("account_email"), {"action_add": "", "email": "foo@"}
    ).content.decode()
    assert html.count('id="form-errors"') == 1
    # The summary sits in the add form, after the list of addresses.
    assert html.index(user.email) < html.index('id="form-errors"')
    assert html.index('id="form-errors"') < html.index('name="action_add"')
    assert 'href="#id_email">E-mail: Indtast en gyldig e-mail-adresse.' in html


@pytest.mark.parametrize(
    ("language", "added", "ignore", "signed_up"),
    [
        (
            "da",
            "Du får denne e-mail, fordi Karen Berg har tilføjet din e-mailadresse "
            "til sin konto på Partnerportalen.",
            "Har du ikke selv tilføjet adressen, kan du se bort fra e-mailen",
            "har oprettet en konto",
        ),
        (
            "en",
            "You are receiving this e-mail because Karen Berg has added your "
            "e-mail address to their account on Partnerportalen.",
            "If you did not add it yourself, you can ignore this e-mail",
            "has signed up on",
        ),
    ],
)
def test_an_added_address_is_asked_to_confirm_the_addition_not_a_sign_up(
    client, language, added, ignore, signed_up
):
    user = UserFactory(email="karen@aab.dk", last_name="Berg")
    log_in(client, user)
    client.cookies["django_language"] = language
    client.post(
        reverse("account_email"), {"action_add": "", "email": "karen@privat.dk"}
    )
    (message,) = mail.outbox
    assert message.to == ["karen@privat.dk"]
    body = " ".join(message.body.split())
    assert added in body
    assert ignore in body
    assert "/konto/confirm-email/" in body
    assert signed_up not in body


def test_the_account_s_own_address_is_still_asked_as_at_sign_up(client):
    """At sign-up, and at a login before the address was confirmed."""
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Sofie",
            "last_name": "Berg",
            "email": "sofie@boligen.dk",
            "password1": "Stærkt-kodeord-2020",
            "password2": "Stærkt-kodeord-2020",
        },
    )
    user = UserFactory(first_name="Mads", last_name="Lund")
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert len(mail.outbox) == 2
    for message, name in zip(mail.outbox, ["Sofie Berg", "Mads Lund"], strict=True):
        body = " ".join(message.body.split())
        assert f"fordi {name} har oprettet en konto på" in body
        assert "tilføjet" not in body


@pytest.mark.parametrize("url", ["account_reauthenticate", "mfa_reauthenticate"])
def test_asking_to_confirm_it_is_you_reads_as_danish(client, url):
    user = UserFactory()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    log_in(client, user)
    html = client.get(reverse(url)).content.decode()
    assert re.search(r"<h1>\s*Bekræft, at det er dig\s*</h1>", html)
    assert re.search(r"<title>\s*Bekræft, at det er dig\s", html)
    assert (
        "For at beskytte din konto beder vi dig bekræfte, at det er dig, før du "
        "går videre."
    ) in html
    assert "autentific" not in html.lower()


@pytest.mark.parametrize(
    ("language", "label"), [("da", "Send koden til"), ("en", "Send the code to")]
)
def test_the_code_page_labels_its_field_in_the_page_s_language(client, language, label):
    user = UserFactory()
    log_in(client, user)
    client.cookies["django_language"] = language
    html = client.get(reverse("account_request_reauthentication_code")).content.decode()
    assert re.search(
        rf'<label class="form-label" for="id_recipient">\s*{label}\s*</label>', html
    )
    assert "Recipient" not in html
    assert user.email in html


def test_the_code_e_mail_s_subject_is_in_sentence_case_in_english(client):
    user = UserFactory()
    log_in(client, user)
    client.cookies["django_language"] = "en"
    client.post(
        reverse("account_request_reauthentication_code"), {"recipient": user.email}
    )
    assert [m.subject for m in mail.outbox] == ["Partnerportalen: Login code"]
