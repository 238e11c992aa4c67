"""The account area under /konto/: it opens on the overview ("Min konto"),
and allauth's pages in it read in proper Danish ("e-mailadresse")."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, log_in

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
