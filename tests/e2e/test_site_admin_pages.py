"""A site administrator's Wagtail pages that hold Wagtail's own listings:
the list of sites and the aging-pages report read in Danish and fit a phone
(a block per row), and the report names no "None" as a publisher."""

import pytest
from playwright.sync_api import expect

from .conftest import Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sites_fit(page, width) -> None:
    right = page.locator("table.listing").evaluate(
        "table => table.getBoundingClientRect().right"
    )
    assert right <= width, f"the list of sites ends at {right} px"
    expect(page.get_by_text("Standard", exact=True)).to_be_visible()


def _aging_pages_fit(page, width) -> None:
    """Every column on the screen, the type (the last one) included: at 390
    px Wagtail's table was 480 px wide and cut off at the screen's edge."""
    right = page.locator("table.listing").evaluate(
        "table => table.getBoundingClientRect().right"
    )
    assert right <= width, f"the aging-pages report ends at {right} px"
    kind = page.get_by_role("cell", name="Standardside", exact=True)
    assert kind.evaluate("cell => cell.getBoundingClientRect().right") <= width


def test_site_administrator_reads_the_sites_and_the_aging_pages(page, live_site):
    journey = Journey(page, "site-admin")
    log_in(page, live_site.url, "admin@bl.demo", two_factor=True)

    page.goto(f"{live_site.url}/admin/sites/")
    journey.see("sites", "Partnerportalen", heading="Websteder", check=_sites_fit)
    expect(page.get_by_role("columnheader", name="Webstedsnavn")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Rodside")).to_be_visible()

    page.goto(f"{live_site.url}/admin/reports/aging-pages/")
    journey.see(
        "aging-pages",
        "Privatlivspolitik",
        "system",
        heading="Sider ikke opdateret længe",
        check=_aging_pages_fit,
    )
    expect(page.get_by_text("None", exact=True)).to_have_count(0)
