"""In English: the start pages of an organisation member, a partnership
member and a moderator, the archive and the moderation queue show no
Danish labels (headings, labels, buttons, table headings, navigation)."""

import re

import pytest
from playwright.sync_api import expect

from tests.test_crawl import DANISH_ON_ENGLISH

from .conftest import Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The interface's own text: what the crawl test calls its chrome.
CHROME = "label, button, th, legend, nav, summary, h1, h2, h3, caption, option"
# Our vocabulary's Danish names too (kinds, statuses, consent).
DANISH = (
    *DANISH_ON_ENGLISH,
    "Udfordring og løsning",
    "Accepteret",
    "Afventer",
    "Synonymer",
)


def no_danish_labels(page, _width) -> None:
    chrome = "\n".join(page.locator(CHROME).filter(visible=True).all_inner_texts())
    found = [w for w in DANISH if re.search(rf"(^|\W){re.escape(w)}(\W|$)", chrome)]
    assert not found, f"Danish on {page.url}: {found}"


def in_english(page) -> None:
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_start_pages_archive_and_queue_read_in_english(page, live_site):
    from inputs.demo import seed_inputs
    from inputs.models import Input
    from search.services import archive_index_input

    seed_inputs(count=9)
    for pk in Input.objects.filter(status="accepted").values_list("pk", flat=True):
        archive_index_input(input_id=pk)
    url = live_site.url

    journey = Journey(page, "english-member")
    log_in(page, url, "medlem@aab.demo")
    in_english(page)
    journey.see(
        "start",
        "BL has asked for changes",
        heading="Welcome, Mette",
        check=no_danish_labels,
    )
    page.get_by_role("link", name="Our inputs").first.click()
    journey.see("our-inputs", heading="Our inputs", check=no_danish_labels)

    partner = page.context.browser.new_page()
    journey = Journey(partner, "english-partner")
    log_in(partner, url, "partner@sim.demo")
    in_english(partner)
    journey.see("start", "Your saved searches", check=no_danish_labels)
    partner.goto(f"{url}/arkiv/?q=")
    journey.see("archive", heading="Search the archive", check=no_danish_labels)
    partner.close()

    moderator = page.context.browser.new_page()
    journey = Journey(moderator, "english-moderator")
    log_in(moderator, url, "moderator@bl.demo", two_factor=True)
    in_english(moderator)
    journey.see("start", "Go to the moderation queue", check=no_danish_labels)
    moderator.goto(f"{url}/admin/input/")
    journey.see("queue", "Input moderation", check=no_danish_labels)
    moderator.close()
