"""A new housing-organisation employee signs up, verifies their e-mail,
finds AAB by CVR number and asks to join; AAB's administrator approves."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "sofie.berg@aab.dk"
PASSWORD = "Stærkt-kodeord-2020"


def _link_in_last_mail(live_url: str, fragment: str) -> str:
    match = re.search(
        r"https?://\S+" + re.escape(fragment) + r"\S*", mail.outbox[-1].body
    )
    assert match, mail.outbox[-1].body
    path = "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]
    return live_url + path


def test_new_person_asks_to_join_and_admin_approves(page, live_site):
    from portal.organisations.models import Membership

    url = live_site.url
    page.goto(f"{url}/konto/signup/")
    page.get_by_label("Fornavn").fill("Sofie")
    page.get_by_label("Efternavn").fill("Berg")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Adgangskode:", exact=True).fill(PASSWORD)
    page.get_by_label("Adgangskode (igen)").fill(PASSWORD)
    page.get_by_role("button", name="Opret konto").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert mail.outbox[-1].to == [EMAIL]

    page.goto(_link_in_last_mail(url, "/konto/confirm-email/"))
    page.get_by_role("button", name="Bekræft").click()
    # Verified, the person logs in and lands on “Min organisation”.
    expect(page).to_have_url(re.compile(r"/konto/login/"))
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min organisation")
    page.get_by_role("link", name="Find din organisation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Find din organisation")
    page.get_by_label("Organisationens navn eller CVR-nummer").fill("93 17 06 01")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("heading", name="AAB", level=3)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Bed om at blive medlem – AAB").click()
    page.get_by_label("Besked til administratoren (valgfri)").fill(
        "Jeg er ny boligsocial medarbejder i Urbanplanen."
    )
    page.get_by_role("button", name="Send anmodning").click()
    expect(page.get_by_role("status")).to_contain_text("Din anmodning om at blive")
    expect(page.get_by_role("listitem").filter(has_text="Afventer")).to_contain_text(
        "Din anmodning om at blive medlem af AAB"
    )
    assert "admin@aab.demo" in mail.outbox[-1].to

    page.get_by_role("button", name="Log ud").click()
    account_menu = page.get_by_role("navigation", name="Konto")
    expect(account_menu.get_by_role("link", name="Log ind")).to_be_visible()
    log_in(page, url, "admin@aab.demo")
    page.goto(f"{url}/organisation/")
    page.get_by_role("link", name="Administrer medlemmer – AAB").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medlemmer af AAB")
    assert_accessible(page)
    page.get_by_role("button", name=f"Godkend {EMAIL}").click()
    expect(page.get_by_role("status")).to_contain_text(f"{EMAIL} er nu medlem af AAB")
    expect(page.get_by_role("cell", name=EMAIL, exact=True)).to_be_visible()
    assert Membership.objects.filter(
        user__email=EMAIL, organisation__name="AAB"
    ).exists()
    assert mail.outbox[-1].to == [EMAIL]
    assert "Du er nu medlem af AAB" in mail.outbox[-1].subject
