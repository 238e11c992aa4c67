"""At 390 px (a phone) no page scrolls sideways, for each role on the pages
that role uses; and what each role lands on reads as it should (visible text,
axe-core)."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page, base_url, paths):
    wide = {}
    for path in paths:
        page.goto(base_url + path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    assert wide == {}, f"wider than {PHONE['width']} px: {wide}"


@pytest.fixture
def demo(live_site):
    from inputs.demo import seed_inputs
    from inputs.models import CallPage, Input
    from portal.organisations.models import Organisation
    from search.services import archive_index_input

    seed_inputs()
    for pk in Input.objects.filter(status__in=["accepted", "archived"]).values_list(
        "pk", flat=True
    ):
        archive_index_input(input_id=pk)
    aab = Organisation.objects.get(name="AAB")
    return {
        "call": CallPage.objects.order_by("pk").first(),
        "aab_input": Input.objects.filter(organisation=aab)
        .exclude(status="draft")
        .order_by("pk")
        .first(),
    }


def test_anonymous_pages_fit_a_phone(browser, live_site, demo):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_site.url + "/")
    expect(page.get_by_role("heading", name="Sådan sender I input")).to_be_visible()
    expect(page.get_by_text("Opret en konto")).to_be_visible()
    expect(page.get_by_role("heading", name="Åbne indkaldelser")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(
        page,
        live_site.url,
        [
            "/",
            "/arkiv/?q=ensomhed",
            "/konto/login/",
            "/konto/signup/",
            demo["call"].url,
            "/statistik/",
        ],
    )


def test_organisation_member_pages_fit_a_phone(browser, live_site, demo):
    page = browser.new_page(viewport=PHONE)
    log_in(page, live_site.url, "medlem@aab.demo")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Mette")
    expect(page.get_by_text("Du er logget ind som")).to_be_visible()
    expect(page.get_by_role("heading", name="BL har bedt om ændringer")).to_be_visible()
    assert_accessible(page)
    item = demo["aab_input"]
    _no_sideways_scroll(
        page,
        live_site.url,
        [
            "/konto/start/",
            "/input/",
            f"/input/{item.pk}/",
            f"/input/ny/{demo['call'].pk}/",
            "/organisation/",
            "/konto/min-konto/",
        ],
    )
    page.goto(f"{live_site.url}/input/{item.pk}/")
    expect(page.locator("td[data-title='Handling']").first).to_be_visible()
    assert_accessible(page)
    page.goto(live_site.url + "/input/")
    expect(page.locator("td[data-title='Referencenummer']").first).to_be_visible()
    assert_accessible(page)


def test_moderator_start_page_fits_a_phone(browser, live_site, demo):
    page = browser.new_page(viewport=PHONE)
    log_in(page, live_site.url, "moderator@bl.demo", two_factor=True)
    expect(page.get_by_role("heading", name="Moderering")).to_be_visible()
    expect(page.get_by_role("link", name="Gå til moderationskøen")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(
        page, live_site.url, ["/konto/start/", "/organisation/godkendelser/"]
    )


def test_partnership_member_pages_fit_a_phone(browser, live_site, demo):
    page = browser.new_page(viewport=PHONE)
    log_in(page, live_site.url, "partner@sim.demo")
    expect(page.get_by_role("heading", name="Dine gemte søgninger")).to_be_visible()
    assert_accessible(page)
    page.goto(live_site.url + "/arkiv/?q=ensomhed")
    # The results come first; the facets are folded away until opened.
    results = page.locator(".archive-search__results").bounding_box()
    facets = page.locator(".archive-search__facets").bounding_box()
    assert results["y"] < facets["y"]
    expect(page.get_by_role("group", name="Tema")).to_be_hidden()
    page.get_by_text("Afgræns", exact=True).first.click()
    expect(page.get_by_role("group", name="Tema")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(
        page, live_site.url, ["/konto/start/", "/arkiv/?q=ensomhed", "/arkiv/gemte/"]
    )
