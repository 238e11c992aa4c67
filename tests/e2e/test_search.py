import pytest
from playwright.sync_api import expect

from inputs.models.inputs import Visibility
from inputs.states import Status
from search.services import archive_index_input
from tests.factories import InputFactory

from .conftest import assert_accessible

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def test_search_facets_and_results_are_accessible(page, live_site):
    input = InputFactory(
        title="Lektiehjælp i beboerhuset",
        visibility=Visibility.PUBLIC,
        submitted=True,
    )
    type(input).objects.filter(pk=input.pk).update(status=Status.ACCEPTED)
    archive_index_input(input_id=input.pk)

    page.goto(f"{live_site.url}/arkiv/")
    page.get_by_label("Søgeord").fill("lektie hjaelp")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("heading", level=3)).to_have_text(
        "Lektiehjælp i beboerhuset"
    )
    page.get_by_role("group", name="Type").get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Afgræns", exact=True).click()
    expect(page.get_by_text("1 resultat", exact=True)).to_be_visible()
    assert_accessible(page)


def test_next_page_shows_the_next_hits(page, live_site):
    for n in range(23):
        item = InputFactory(
            title=f"Madklub nummer {n:02d}",
            visibility=Visibility.PUBLIC,
            submitted=True,
        )
        type(item).objects.filter(pk=item.pk).update(status=Status.ACCEPTED)
        archive_index_input(input_id=item.pk)

    page.goto(f"{live_site.url}/arkiv/?q=madklub")
    first = page.locator(".hit__title").all_inner_texts()
    assert len(first) == 20
    page.get_by_role("link", name="Næste").click()
    expect(page.get_by_label("Søgeord")).to_have_value("madklub")
    expect(page.locator(".pagination [aria-current=page]")).to_have_text("2")
    second = page.locator(".hit__title").all_inner_texts()
    assert len(second) == 3 and not set(first) & set(second)
