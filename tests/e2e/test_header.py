"""The header on a wide screen: the main menu of the longest names (English,
an organisation member's with "My overview") stays on one line."""

import pytest

from .conftest import DESKTOP, assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_organisation_members_english_menu_fits_one_line(page, live_site):
    log_in(page, live_site.url, "medlem@aab.demo")
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_site.url}]
    )
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_site.url}/konto/start/")
    menu = page.locator(".navigation-menu ul.mainmenu > li")
    tops = {round(box["y"]) for box in (li.bounding_box() for li in menu.all())}
    assert menu.count() >= 5 and len(tops) == 1, tops
    assert page.get_by_role("link", name="Our inputs").first.is_visible()
    assert_accessible(page)
