"""A partnership member's journey: their start page (the archive, their
saved searches), an archive search narrowed by a facet (on a phone the
facets fold into one line above the results), page 2 of the results, an
input's page, and the search saved."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, Journey, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HITS = 23  # more than one page of 20


def _madklubber():
    """Accepted inputs that only the partnership's members may see."""
    from inputs.models import Input
    from inputs.models.inputs import Kind, Visibility
    from inputs.states import Status
    from portal.organisations.models import Partnership
    from search.services import archive_index_input
    from tests.factories import InputFactory

    partnership = Partnership.objects.filter(slug="udsatte-voksne")
    for n in range(HITS):
        item = InputFactory(
            title=f"Madklub nummer {n:02d}",
            kind=Kind.SOLUTION if n % 2 else Kind.BOTH,
            visibility=Visibility.PARTNERSHIP,
            partnerships=partnership,
            submitted=True,
        )
        Input.objects.filter(pk=item.pk).update(status=Status.ACCEPTED)
        archive_index_input(input_id=item.pk)


def _folded_facets_before_results(page, width):
    """On a phone the facets are one folded line above the results, and come
    first in the page for keyboard and screen reader too; on a wide screen
    they sit unfolded beside the results."""
    facets = page.locator("details.archive-search__facets")
    results = page.locator(".archive-search__results")
    assert facets.evaluate(
        "(f, r) => !!(f.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING)",
        results.element_handle(),
    )
    if width != PHONE["width"]:
        expect(page.get_by_role("group", name="Type", exact=True)).to_be_visible()
        assert facets.bounding_box()["x"] > results.bounding_box()["x"]
        return
    summary = facets.locator("summary").bounding_box()
    first_hit = page.get_by_text(re.compile(r"\d+ resultat")).first.bounding_box()
    assert summary["y"] < first_hit["y"] < 900
    expect(page.get_by_role("group", name="Type", exact=True)).to_be_hidden()


def _on_page_2(page, width):
    pages = page.get_by_role("navigation", name="Sider")
    if width == PHONE["width"]:  # a phone says it in words
        expect(pages.get_by_text("Side 2 af 2")).to_be_visible()
    else:
        expect(pages.locator("[aria-current=page]")).to_have_text("2")


def test_partnership_member_searches_pages_and_saves_a_search(page, live_site):
    _madklubber()
    url = live_site.url
    journey = Journey(page, "partner")

    log_in(page, url, "partner@sim.demo")
    journey.see(
        "start",
        "Arkivet",
        "Du er medlem af:",
        "Dine gemte søgninger",
        "Du har ingen gemte søgninger.",
        heading="Velkommen, Peter",
    )

    page.get_by_role("link", name="Søg i arkivet").last.click()
    page.get_by_label("Søgeord").fill("madklub")
    page.get_by_role("button", name="Søg", exact=True).click()
    journey.see(
        "results",
        f"{HITS} resultater",
        "Madklub nummer",
        heading="Søg i arkivet",
        check=_folded_facets_before_results,
    )
    page.set_viewport_size(PHONE)
    # On a phone the facets unfold when asked for.
    page.get_by_text("Afgræns", exact=True).first.click()
    expect(page.get_by_role("group", name="Type", exact=True)).to_be_visible()
    page.get_by_role("group", name="Type", exact=True).get_by_label(
        re.compile("^Udfordring og løsning")
    ).check()
    page.get_by_role("button", name="Afgræns", exact=True).click()
    journey.see(
        "narrowed",
        "12 resultater",
        "Madklub nummer 00",
        check=_folded_facets_before_results,
    )

    page.get_by_role("link", name="Nulstil søgningen").click()
    page.get_by_label("Søgeord").fill("madklub")
    page.get_by_role("button", name="Søg", exact=True).click()
    # Wait for the results page: the reset page had no list to read.
    expect(page.locator("ol li h3")).to_have_count(20)
    first = page.locator("ol li h3").all_inner_texts()
    pages = page.get_by_role("navigation", name="Sider")
    pages.get_by_role("link", name=re.compile("^Næste")).click()
    journey.see("page-2", check=_on_page_2)
    expect(page.get_by_label("Søgeord")).to_have_value("madklub")
    second = page.locator("ol li h3").all_inner_texts()
    assert len(second) == HITS - 20 and not set(first) & set(second)

    page.get_by_role("link", name=re.compile("^Madklub nummer")).first.click()
    journey.see("input", heading=re.compile("^Madklub nummer"))
    page.go_back()

    page.get_by_label("Navn").fill("Madklubber")
    page.get_by_role("button", name="Gem søgningen").click()
    journey.see(
        "saved-searches",
        "Søgningen er gemt. Du får besked om nye resultater.",
        "Madklubber",
    )
    page.get_by_role("link", name="Mit overblik").first.click()
    journey.see(
        "start-with-saved-search",
        check=lambda page, _width: expect(
            page.get_by_role("link", name="Madklubber")
        ).to_be_visible(),
    )

    # A query of one long word, shown back in "Ingen resultater for »…«",
    # wraps instead of widening the page.
    page.goto(f"{url}/arkiv/?q={'lang' * 60}")
    journey.see("long-word", "Ingen resultater for")
