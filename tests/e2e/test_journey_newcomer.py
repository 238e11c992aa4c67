"""A newcomer's journey: the home page tells them what the portal is for and
how to take part; they sign up with their name, verify their e-mail, find
AAB by its CVR number and ask to join; AAB's administrator approves; their
start page then shows their organisation's inputs and the open calls."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "sofie.berg@aab.dk"
PASSWORD = "Stærkt-kodeord-2020"
SUMMARY_TITLE = "Opsamling: ældre i genåbningen"


def _link_in_last_mail(live_url: str, fragment: str) -> str:
    match = re.search(
        r"https?://\S+" + re.escape(fragment) + r"\S*", mail.outbox[-1].body
    )
    assert match, mail.outbox[-1].body
    path = "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]
    return live_url + path


def _published_summary():
    from cms.models import PartnershipPage, SummaryPage

    parent = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    summary = SummaryPage(
        title=SUMMARY_TITLE,
        slug="aeldre-i-genaabningen",
        introduction="Hvad afdelingerne gjorde for de ældre beboere.",
    )
    parent.add_child(instance=summary)
    summary.save_revision().publish()
    return summary


def test_newcomer_signs_up_joins_and_lands_on_their_start_page(page, live_site):
    from inputs.demo import seed_inputs
    from inputs.models import CallPage
    from portal.organisations.models import Membership

    seed_inputs(count=3)
    _published_summary()
    call = CallPage.objects.order_by("pk").first()
    url = live_site.url
    journey = Journey(page, "newcomer")

    page.goto(url)
    journey.see(
        "home",
        "boligorganisationer, afdelinger og boligsociale helhedsplaner",
        "Sådan sender I input",
        "Opret en konto",
        "Tilslut din organisation",
        "Send jeres input",
        "Åbne indkaldelser",
        call.title,
        "Seneste opsamlinger",
        SUMMARY_TITLE,
        heading="Partnerportalen",
        check=lambda page, _width: expect(
            page.get_by_role("listitem").filter(has_text=call.title).first
        ).to_contain_text(re.compile(r"Frist: \d+\. \w+ \d{4}")),
    )

    page.get_by_role("link", name=call.title).first.click()
    journey.see("call", "Send input", "Log ind for at sende input", heading=call.title)
    page.get_by_role("link", name="Statistik").click()
    journey.see("statistics", heading="Statistik over input")
    page.goto(url)
    page.get_by_role("link", name="Opret konto").first.click()
    journey.see("sign-up", heading="Opret konto")
    page.get_by_label("Fornavn").fill("Sofie")
    page.get_by_label("Efternavn").fill("Berg")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label(re.compile(r"^Adgangskode:?$")).fill(PASSWORD)
    page.get_by_label("Adgangskode (igen)").fill(PASSWORD)
    page.get_by_role("button", name="Opret konto").click()
    journey.see("check-your-mail", EMAIL)
    assert mail.outbox[-1].to == [EMAIL]
    assert "Sofie" in mail.outbox[-1].body

    page.goto(_link_in_last_mail(url, "/konto/confirm-email/"))
    journey.see("confirm-email", EMAIL)
    page.get_by_role("button", name="Bekræft").click()
    # Confirmed in the browser that signed up, the person is logged in;
    # belonging nowhere yet, they land on “Min organisation”, which leads to
    # the search.
    journey.see(
        "no-organisation-yet",
        "Du er logget ind som Sofie Berg.",
        "Du er ikke medlem af nogen organisation endnu.",
        heading="Min organisation",
    )

    page.get_by_role("link", name="Find din organisation").first.click()
    journey.see("find-organisation", heading="Find din organisation")
    page.get_by_label("Organisationens navn eller CVR-nummer").fill("93 17 06 01")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("heading", name="AAB", level=3)).to_be_visible()
    journey.see("organisation-found", "AAB")
    page.get_by_role("link", name="Bed om at blive medlem – AAB").click()
    journey.see("ask-to-join", "AAB")
    page.get_by_label("Besked til administratoren (valgfri)").fill(
        "Jeg er ny boligsocial medarbejder i Urbanplanen."
    )
    page.get_by_role("button", name="Send anmodning").click()
    expect(page.get_by_role("status")).to_contain_text("Din anmodning om at blive")
    journey.see(
        "waiting-for-approval",
        "Din anmodning om at blive medlem af AAB",
        check=lambda page, _width: expect(
            page.get_by_role("listitem").filter(has_text="Afventer")
        ).to_contain_text("AAB"),
    )
    # One e-mail to each of AAB's administrators and BL's moderators.
    assert ["admin@aab.demo"] in [m.to for m in mail.outbox]

    page.get_by_role("button", name="Log ud").click()
    expect(
        page.get_by_role("navigation", name="Konto").get_by_role("link", name="Log ind")
    ).to_be_visible()

    # AAB's administrator approves, in a browser of their own.
    admin = page.context.browser.new_page()
    log_in(admin, url, "admin@aab.demo")
    admin.goto(f"{url}/organisation/")
    admin.get_by_role("link", name="Administrer medlemmer – AAB").click()
    admin_journey = Journey(admin, "newcomer-admin")
    admin_journey.see("members", EMAIL, heading="Medlemmer af AAB")
    admin.get_by_role("button", name=f"Godkend {EMAIL}").click()
    expect(admin.get_by_role("status")).to_contain_text(f"{EMAIL} er nu medlem af AAB")
    admin_journey.see("member-approved", f"{EMAIL} er nu medlem af AAB")
    assert Membership.objects.filter(
        user__email=EMAIL, organisation__name="AAB"
    ).exists()
    assert mail.outbox[-1].to == [EMAIL]
    assert "Du er nu medlem af AAB" in mail.outbox[-1].subject
    admin.close()

    page.goto(f"{url}/konto/login/")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    journey.see(
        "start-as-member",
        "Jeres input",
        "BL har bedt om ændringer",
        "Kladder",
        "Åbne indkaldelser",
        call.title,
        heading="Velkommen, Sofie",
    )
