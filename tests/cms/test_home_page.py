"""The home page tells a newcomer what the portal is for and how to take
part: the three steps, the open calls with their deadlines, the latest
summaries."""

import pytest
from django.utils import formats

from cms.models import PartnershipPage, SummaryPage
from tests.inputs.conftest import make_call

pytestmark = pytest.mark.django_db


def _summary(parent, title, slug):
    page = SummaryPage(title=title, slug=slug, introduction="Det har vi hørt.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_newcomer_sees_steps_open_calls_and_summaries(client, demo_site):
    open_call = make_call(demo_site, slug="aaben")
    make_call(demo_site, slug="lukket", opens=-10, closes=-1)
    make_call(demo_site, slug="senere", opens=5, closes=30)
    elderly = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    for n in range(4):
        _summary(elderly, f"Opsamling nummer {n}", f"opsamling-{n}")
    draft = SummaryPage(
        title="Ikke udgivet", slug="kladde", introduction="x", live=False
    )
    elderly.add_child(instance=draft)

    html = client.get("/").text

    for step in ["Opret en konto", "Tilslut din organisation", "Send jeres input"]:
        assert step in html
    assert 'href="/konto/signup/"' in html
    assert html.count("Input om genåbningen") == 1  # only the open one
    deadline = formats.date_format(open_call.closes_at, "DATE_FORMAT")
    assert f"Frist: {deadline}" in html
    # The three latest published summaries, newest first; no draft.
    assert "Opsamling nummer 3" in html and "Opsamling nummer 1" in html
    assert "Opsamling nummer 0" not in html and "Ikke udgivet" not in html
    assert html.index("Opsamling nummer 3") < html.index("Opsamling nummer 1")


def test_home_page_says_when_no_call_is_open(client, demo_site):
    html = client.get("/").text
    assert "Der er ingen åbne indkaldelser lige nu." in html
    assert "Seneste opsamlinger" not in html


def test_home_page_query_count_is_constant(
    client, demo_site, django_assert_max_num_queries
):
    for n in range(3):
        make_call(demo_site, slug=f"kald-{n}")
    client.get("/")
    with django_assert_max_num_queries(25):
        assert client.get("/").status_code == 200


def _menu(html: str) -> str:
    start = html.index('class="mainmenu"')
    return html[start : html.index("</ul>", start)]


def _cards(html: str) -> str:
    start = html.index('id="partnerships-heading"')
    return html[start : html.index("</section>", start)]


def test_partnerships_are_named_in_the_pages_language(client, demo_site):
    danish = client.get("/").text
    assert ">Partnerskab for svækkede ældre</a></h3>" in _cards(danish)
    assert "<span>Partnerskab for svækkede ældre</span>" in _menu(danish)

    client.cookies["django_language"] = "en"
    english = client.get("/").text
    assert ">Partnership for frail elderly people</a></h3>" in _cards(english)
    assert "<span>Partnership for frail elderly people</span>" in _menu(english)
    assert "Partnerskab for svækkede ældre" not in _cards(english) + _menu(english)
    # The page itself: heading, tab title and breadcrumb say the same.
    page = client.get(
        PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre").url
    ).text
    assert "<h1>Partnership for frail elderly people</h1>" in page
    assert "<title>Partnership for frail elderly people" in page
    # Its text is content, written in Danish, and stays so.
    assert "Partnerskabet sætter fokus på svækkede ældre" in page


def test_a_partnership_without_an_english_name_keeps_its_title(client, demo_site):
    page = PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")
    page.partnership.name_en = ""
    page.partnership.save()
    client.cookies["django_language"] = "en"
    assert "<span>Partnerskab for svækkede ældre</span>" in _menu(client.get("/").text)
