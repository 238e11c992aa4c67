"""An organisation member who opens /admin/ gets a Danish page that says
they have no access there and links to where they belong."""

import pytest
from playwright.sync_api import expect

from .conftest import Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_organisation_member_opening_the_admin_is_told_no_in_danish(page, live_site):
    journey = Journey(page, "no-admin")
    log_in(page, live_site.url, "medlem@aab.demo")
    response = page.goto(f"{live_site.url}/admin/")
    assert response.status == 403
    journey.see(
        "admin-refused",
        heading="Du har ikke adgang til administrationen",
        check=lambda page, _width: expect(
            page.get_by_role("main").get_by_role("link", name="Min organisation")
        ).to_be_visible(),
    )
    page.get_by_role("main").get_by_role("link", name="Min organisation").click()
    journey.see("where-they-belong", "AAB", heading="Min organisation")
