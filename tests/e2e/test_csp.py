"""The Content-Security-Policy blocks nothing our pages need: no violation in
the browser's console on the public pages, the input form, the archive and
the Wagtail admin (dashboard, page editor, moderation queue)."""

import os

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def visit(page, url: str, screenshots=None) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if screenshots:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{screenshots}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_no_csp_violations_on_the_site(page, live_site):
    from inputs.demo import seed_inputs
    from inputs.models import CallPage

    seed_inputs()
    call = CallPage.objects.get(partnerships__slug="svaekkede-aeldre")
    shots = os.environ.get("SCREENSHOTS_DIR")  # to look at the pages by eye
    found = violations(page)
    visit(page, live_site.url, shots and f"{shots}/home")
    log_in(page, live_site.url, "medlem@aab.demo")
    visit(page, f"{live_site.url}/input/ny/{call.pk}/", shots and f"{shots}/form")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt input")
    visit(page, f"{live_site.url}/arkiv/?q=ældre", shots and f"{shots}/archive")
    assert found == [], "\n".join(found)


def test_no_csp_violations_in_the_admin(page, live_site):
    from inputs.demo import seed_inputs
    from inputs.models import CallPage

    seed_inputs()
    call = CallPage.objects.get(partnerships__slug="svaekkede-aeldre")
    shots = os.environ.get("SCREENSHOTS_DIR")  # to look at the pages by eye
    found = violations(page)
    log_in(page, live_site.url, "moderator@bl.demo", two_factor=True)
    visit(page, f"{live_site.url}/admin/", shots and f"{shots}/admin")
    visit(page, f"{live_site.url}/admin/input/", shots and f"{shots}/queue")
    # The page editor: inline panels and date pickers write inline scripts.
    visit(
        page,
        f"{live_site.url}/admin/pages/{call.pk}/edit/",
        shots and f"{shots}/editor",
    )
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert found == [], "\n".join(found)
