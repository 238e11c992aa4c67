"""allauth's account pages and e-mails in English read in sentence case, as
the rest of the site does ("Change password", not allauth's "Change
Password"): locale/allauth/en/."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, log_in, sign_up_data

pytestmark = pytest.mark.django_db

# Names that keep their capitals inside a heading or a label.
PROPER_NAMES = {"Partnerportalen", "BL", "API", "MitID", "Erhverv"}


class _Chrome(HTMLParser):
    """Each piece of text in the page's title, and in the headings, labels
    and buttons of its <main>."""

    TAGS = {"h1", "h2", "h3", "label", "legend", "button", "th", "summary"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []  # (tag, text)
        self._in_title = self._in_main = False
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "title":
            self._in_title = True
        elif tag == "main":
            self._in_main = True
        elif self._in_main and (
            tag in self.TAGS or (tag == "a" and "button" in classes)
        ):
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "main":
            self._in_main = False
        elif self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if (self._in_title or self._open) and data.strip():
            tag = "title" if self._in_title else self._open[-1]
            self.texts.append((tag, " ".join(data.split())))


def _chrome(html: str) -> list[tuple[str, str]]:
    parser = _Chrome()
    parser.feed(html)
    return parser.texts


def title_case(text: str) -> bool:
    """A word after the first that starts with a capital: "Sign In"."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return any(w[0].isupper() and w not in PROPER_NAMES for w in words[1:])


def _title_cased(html: str) -> list[str]:
    return [text for _tag, text in _chrome(html) if title_case(text)]


def test_the_check_sees_title_case():
    assert _title_cased("<title>Sign In · Partnerportalen</title>") == [
        "Sign In · Partnerportalen"
    ]
    assert _title_cased('<main><a class="button">Make Primary</a></main>')
    assert not _title_cased("<main><h1>Two-factor authentication</h1></main>")
    assert not _title_cased("<main><p>Sign In</p></main>")


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert '<html lang="en">' in response.text
    return response.text


def _last_link(fragment: str) -> str:
    match = re.search(r"https?://[^/\s]+(" + fragment + r"\S*)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _pages_before_logging_in() -> dict[str, str]:
    client = _english(Client())
    pages = {
        url: _get(client, url)
        for url in (
            reverse("account_login"),
            reverse("account_signup"),
            reverse("account_reset_password"),
            "/konto/password/reset/key/1-bad-key/",
        )
    }
    UserFactory(email="karen@aab.dk")
    response = client.post(
        reverse("account_reset_password"), {"email": "karen@aab.dk"}, follow=True
    )
    pages["password reset sent"] = response.text
    response = client.get(_last_link("/konto/password/reset/key/"), follow=True)
    pages["new password"] = response.text
    response = client.post(
        reverse("account_signup"),
        sign_up_data("sofie@boligen.dk"),
        follow=True,
    )
    pages["verification sent"] = response.text
    pages["confirm e-mail"] = _get(client, _last_link("/konto/confirm-email/"))
    return pages


def _pages_of_a_member() -> dict[str, str]:
    user = UserFactory()
    EmailAddress.objects.create(user=user, email="extra@example.dk", verified=False)
    client = _english(Client())
    log_in(client, user)
    urls = [
        reverse(name)
        for name in (
            "account_email",
            "account_change_password",
            "account_reauthenticate",
            "account_request_reauthentication_code",
            "mfa_index",
            "account_logout",
        )
    ]
    pages = {url: _get(client, url) for url in urls}
    EmailAddress.objects.filter(email="extra@example.dk").delete()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    url = reverse("mfa_activate_totp")
    pages[url] = _get(client, url)
    no_password = UserFactory()
    no_password.set_unusable_password()
    no_password.save()
    log_in(client, no_password)
    url = reverse("account_set_password")
    pages[url] = _get(client, url)
    return pages


def _pages_with_two_factor() -> dict[str, str]:
    user = UserFactory()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    RecoveryCodes.activate(user)
    anonymous = _english(Client())
    anonymous.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    pages = {"second factor": _get(anonymous, reverse("mfa_authenticate"))}
    client = _english(Client())
    log_in(client, user)
    pages[reverse("mfa_reauthenticate")] = _get(client, reverse("mfa_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for name in (
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
    ):
        pages[reverse(name)] = _get(client, reverse(name))
    return pages


def test_account_pages_and_e_mails_in_english_use_sentence_case():
    pages = {
        **_pages_before_logging_in(),
        **_pages_of_a_member(),
        **_pages_with_two_factor(),
    }
    found = {page: _title_cased(html) for page, html in pages.items()}
    assert not {page: texts for page, texts in found.items() if texts}
    subjects = [m.subject.removeprefix("Partnerportalen: ") for m in mail.outbox]
    assert subjects == [
        "Reset your password",
        "Please confirm your e-mail address",
    ]
    # They were the pages meant, in English.
    headings = {
        text for html in pages.values() for tag, text in _chrome(html) if tag == "h1"
    }
    assert {
        "Log in",
        "Sign up",
        "Reset password",
        "Invalid link",
        "Change password",
        "Confirm your e-mail address",
        "Confirm e-mail address",
        "E-mail addresses",
        "Confirm it's you",
        "Two-factor authentication",
        "Activate authenticator app",
        "Deactivate authenticator app",
        "Recovery codes",
        "Set password",
        "Log out",
    } <= headings, headings
