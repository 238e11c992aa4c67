import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def test_home_page_lists_partnerships_and_is_accessible(page, live_site):
    page.goto(live_site.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerportalen")
    for name in [
        "Partnerskabet for udsatte børn og unge",
        "Partnerskabet for udsatte voksne",
        "Partnerskab for svækkede ældre",
    ]:
        expect(page.get_by_role("link", name=name).first).to_be_visible()
    assert_accessible(page)


def test_moderator_logs_in_with_two_factor_and_reaches_the_admin(page, live_site):
    log_in(page, live_site.url, "moderator@bl.demo", two_factor=True)
    page.goto(f"{live_site.url}/admin/")
    expect(page).to_have_url(f"{live_site.url}/admin/")
    expect(page.get_by_text("Partnerportalen").first).to_be_visible()
