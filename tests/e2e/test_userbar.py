"""Wagtail's userbar on the public pages, for staff who may edit them: it is
there, and the page's content still sits in landmarks, the skip link first
(axe-core's `region`), as it does for a visitor, at both widths and in both
languages."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, axe_failures, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_see_the_userbar_on_pages_as_landmarked_as_a_visitors(page, live_site):
    log_in(page, live_site.url, "admin@bl.demo", two_factor=True)
    for language in ("da", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_site.url}]
        )
        for path in ("/", "/privatliv/"):
            page.goto(f"{live_site.url}{path}")
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                expect(
                    page.locator("wagtail-userbar .w-userbar-trigger")
                ).to_be_visible()
                failures = axe_failures(page, "region", "landmark-one-main", "bypass")
                assert failures == [], (language, path, viewport)
