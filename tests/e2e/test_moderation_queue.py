"""The moderation queue and an input's page as a moderator sees them:
accessible (every filter labelled), and visibility changed after accepting."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def _accepted_input():
    from django.contrib.auth import get_user_model

    from inputs.models.inputs import Consent
    from inputs.services import input_transition
    from inputs.services.moderation import input_accept
    from portal.organisations.models import Organisation
    from tests.factories import InputFactory

    User = get_user_model()
    mod = User.objects.get(email="moderator@bl.demo")
    organisation = Organisation.objects.get(name="AAB")
    item = InputFactory(
        organisation=organisation,
        author=User.objects.get(email="medlem@aab.demo"),
        title="Madklub i beboerhuset",
        consent=Consent.NAMED,
        reference="BL-2020-0101",
    )
    input_transition(input=item, action="submit", user=item.author)
    input_transition(input=item, action="start_review", user=mod)
    input_accept(input=item, user=mod, visibility="partnership")
    return item


def test_queue_is_accessible_and_visibility_changes_later(page, live_site):
    item = _accepted_input()
    log_in(page, live_site.url, "moderator@bl.demo", two_factor=True)
    page.goto(f"{live_site.url}/admin/input/")
    assert_accessible(page)
    # Wagtail's filter panel: the date range's two inputs have names.
    page.locator("[data-w-dropdown-target='toggle'][aria-label*='filtr' i]").click()
    page.get_by_role("button", name="Indsendt (fra – til)").click()
    expect(page.get_by_label("Indsendt fra", exact=True)).to_be_visible()
    expect(page.get_by_label("Indsendt til", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_site.url}/admin/input/{item.pk}/")
    assert_accessible(page)
    page.get_by_label("Hvem må se input?").select_option("public")
    page.get_by_role("button", name="Gem synlighed").click()
    expect(page.get_by_text("Synligheden er gemt.")).to_be_visible()
    expect(page.get_by_label("Hvem må se input?")).to_have_value("public")
    # Accepting logged one change (to partnership), this the second.
    expect(page.get_by_text("Synlighed ændret")).to_have_count(2)
    item.refresh_from_db()
    assert item.visibility == "public"
