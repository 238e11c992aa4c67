import os

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def test_an_organisation_member_opening_the_admin_is_told_no_in_danish(page, live_site):
    log_in(page, live_site.url, "medlem@aab.demo")
    response = page.goto(f"{live_site.url}/admin/")
    assert response.status == 403
    expect(
        page.get_by_role("heading", name="Du har ikke adgang til administrationen")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Min organisation").first).to_be_visible()
    assert_accessible(page)
    shots = os.environ.get("SCREENSHOT_DIR")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if shots:
            page.screenshot(path=f"{shots}/no-admin-access-{width}.png", full_page=True)
