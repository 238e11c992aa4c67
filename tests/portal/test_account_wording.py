"""One wording on every account page and account e-mail, in both languages:
"e-mail" (never allauth's "email"), "log in" (never "sign in" or a
"sign-in code"), the site named "Partnerportalen" (never its host), the
e-mails signed as the site's own are, and in Danish "Fortryd" for
cancelling, as on the site's own pages (never allauth's "Annuller")."""

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.site import configured_site
from tests.factories import PASSWORD, UserFactory, log_in, sign_up_data

pytestmark = pytest.mark.django_db

# Wording that is someone else's, per language.
STRAY = {
    "en": re.compile(
        r"(?<![\w-])(?:e?mails?|signup|sign(?:ed)?[- ]in|verif\w*)\b", re.IGNORECASE
    ),
    "da": re.compile(r"(?<![\w-])email|\bAnnuller", re.IGNORECASE),
}

# How every e-mail ends, as the project's own e-mails do.
SIGNATURE = {
    "da": "Venlig hilsen\nPartnerportalen, BL – Danmarks Almene Boliger",
    "en": "Kind regards\nPartnerportalen, BL – Danmarks Almene Boliger",
}

# Every e-mail allauth has: the account's, and the notices of its two-factor
# and social-account (MitID Erhverv) apps, sent or not with today's settings.
_ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
ALLAUTH_E_MAILS = sorted(
    str(path.relative_to(_ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for path in _ALLAUTH_TEMPLATES.glob("*/email/*_message.txt")
    if not path.name.startswith("base_")
)


def _signed_not_hosted(messages, language: str) -> dict[str, str]:
    """The e-mails that do not end with the signature, or that name a host
    (the site's, or the request's) outside a link, with their text."""
    hosts = (configured_site().domain, "testserver")
    return {
        m.subject: m.body
        for m in messages
        if not m.body.rstrip().endswith(SIGNATURE[language])
        or any(host in re.sub(r"https?://\S+", "", m.body) for host in hosts)
    }


class _Text(HTMLParser):
    """What a reader meets on the page: the title, and the text, the
    placeholders, labels and tooltips (and a script's confirm question)
    inside <main>."""

    ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._in_title = self._in_main = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag == "main":
            self._in_main = True
        elif self._in_main:
            self.texts += [v for k, v in attrs if k in self.ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "main":
            self._in_main = False

    def handle_data(self, data):
        if (self._in_title or self._in_main) and data.strip():
            self.texts.append(" ".join(data.split()))


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.texts)


def _client(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def _link(fragment: str) -> str:
    """The path of the last link to `fragment` in the e-mails sent."""
    links = re.findall(
        r"https?://[^/\s]+(" + fragment + r"\S*)",
        "\n".join(m.body for m in mail.outbox),
    )
    assert links, fragment
    return links[-1]


def _pages(language: str) -> dict[str, str]:
    """Every account page (and the messages on it), as each kind of visitor
    meets it; as a side effect, every account e-mail the portal sends."""
    pages: dict[str, str] = {}

    def show(name, response):
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = _text(response.text)

    anonymous = _client(language)
    for name in ("account_login", "account_signup", "account_reset_password"):
        show(name, anonymous.get(reverse(name)))
    show("bad reset link", anonymous.get("/konto/password/reset/key/1-bad-key/"))
    show("bad confirm link", anonymous.get("/konto/confirm-email/bad/"))
    UserFactory(email="karen@aab.dk")
    show(
        "wrong password",
        anonymous.post(
            reverse("account_login"), {"login": "karen@aab.dk", "password": "nej"}
        ),
    )
    for address in ("karen@aab.dk", "nobody@aab.dk"):  # reset; unknown account
        show(
            "reset sent",
            anonymous.post(
                reverse("account_reset_password"), {"email": address}, follow=True
            ),
        )
    show(
        "new password", anonymous.get(_link("/konto/password/reset/key/"), follow=True)
    )
    for address in ("sofie@boligen.dk", "karen@aab.dk"):  # new; already exists
        show(
            "verification sent",
            _client(language).post(
                reverse("account_signup"),
                sign_up_data(address),
                follow=True,
            ),
        )
    show("confirm e-mail", anonymous.get(_link("/konto/confirm-email/")))

    user = UserFactory(email="lene@aab.dk")
    EmailAddress.objects.create(user=user, email="extra@aab.dk", verified=False)
    client = _client(language)
    log_in(client, user)
    for name in (
        "account_email",
        "account_change_password",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "mfa_index",
        "account_logout",
        "socialaccount_connections",
    ):
        show(name, client.get(reverse(name)))
    for name, url, data in (
        ("e-mail added", "account_email", {"action_add": "", "email": "ny@aab.dk"}),
        (
            "e-mail removed",
            "account_email",
            {"action_remove": "", "email": "extra@aab.dk"},
        ),
        (
            "login code sent",
            "account_request_reauthentication_code",
            {"recipient": user.email},
        ),
    ):
        show(name, client.post(reverse(url), data, follow=True))

    staff = UserFactory()
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    RecoveryCodes.activate(staff)
    second_factor = _client(language)
    second_factor.post(
        reverse("account_login"), {"login": staff.email, "password": PASSWORD}
    )
    show("second factor", second_factor.get(reverse("mfa_authenticate")))
    client = _client(language)
    log_in(client, staff)
    show("mfa_reauthenticate", client.get(reverse("mfa_reauthenticate")))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for name in (
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
    ):
        show(name, client.get(reverse(name)))
    return pages


@pytest.mark.parametrize("language", ["da", "en"])
def test_account_pages_and_e_mails_keep_the_site_s_wording(language):
    pages = _pages(language)
    stray = {
        page: STRAY[language].findall(text)
        for page, text in pages.items()
        if STRAY[language].search(text)
    }
    assert not stray
    # Each e-mail the portal sends from the account pages, once.
    subjects = {m.subject.removeprefix("Partnerportalen: ") for m in mail.outbox}
    assert len(subjects) == 5, subjects
    texts = {
        m.subject: re.sub(r"https?://\S+", "", f"{m.subject}\n{m.body}")
        for m in mail.outbox
    }
    stray = {
        subject: STRAY[language].findall(text)
        for subject, text in texts.items()
        if STRAY[language].search(text)
    }
    assert not stray
    assert not _signed_not_hosted(mail.outbox, language)


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_allauth_e_mail_is_signed_partnerportalen_not_its_host(rf, language):
    user = UserFactory(email="karen@aab.dk")
    context = {
        "user": user,
        "email": user.email,
        "code": "WKRS-TLVP",
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "timestamp": "2. december 2026",
        "provider": "MitID Erhverv",
    }
    with translation.override(language), request_context(rf.get("/")):
        for prefix in ALLAUTH_E_MAILS:
            get_adapter().send_mail(prefix, user.email, context)
    assert len(mail.outbox) == len(ALLAUTH_E_MAILS) >= 20
    assert not _signed_not_hosted(mail.outbox, language)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("da", "har oprettet en konto på Partnerportalen"),
        ("en", "has signed up on Partnerportalen"),
    ],
)
def test_the_sign_up_e_mail_names_the_site_not_its_host(client, language, sentence):
    client.cookies["django_language"] = language
    client.post(
        reverse("account_signup"),
        sign_up_data("sofie@boligen.dk"),
    )
    (message,) = mail.outbox
    first_paragraph = message.body.split("\n\n")[1]
    assert "Sofie Berg" in first_paragraph
    assert sentence in first_paragraph
    assert configured_site().domain not in first_paragraph


@pytest.mark.parametrize(("language", "cancel"), [("da", "Fortryd"), ("en", "Cancel")])
def test_the_second_factor_page_cancels_in_the_site_s_word(language, cancel):
    staff = UserFactory()
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = _client(language)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    html = client.get(reverse("mfa_authenticate")).text
    assert re.search(rf"<button[^>]*>\s*{cancel}\s*</button>", html), _text(html)
