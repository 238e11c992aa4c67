"""The API's interactive documentation (/api/v1/docs, Swagger UI's page)
at both widths: axe-core's WCAG 2.1 A and AA rules find nothing on it as
it opens, its headings go down one level at a time (a heading over the
operations between the title and their groups), and no text is below its
contrast and no heading skips a level once every operation is open and
one has been tried, when its copy buttons have a name and its code boxes
take the keyboard's focus."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, Journey, axe_failures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _headings_in_order(page, _width) -> None:
    expect(page.get_by_role("heading", level=2, name="Endpoints")).to_be_visible()
    assert axe_failures(page, "heading-order") == []


def test_the_api_docs_are_readable_and_have_no_control_in_a_control(page, live_site):
    journey = Journey(page, "api-docs")
    page.goto(f"{live_site.url}/api/v1/docs")
    journey.see("docs", "/api/v1/partnerships", "Authorize", check=_headings_in_order)

    for operation in page.locator(".opblock-summary-control").all():
        operation.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    expect(page.get_by_text("Response body").first).to_be_visible()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        failures = axe_failures(
            page,
            "color-contrast",
            "heading-order",
            "button-name",
            "scrollable-region-focusable",
        )
        assert failures == [], viewport
    page.get_by_role("button", name="Authorize").first.click()
    expect(page.get_by_role("button", name="Close").first).to_be_visible()
    assert axe_failures(page, "button-name") == []
