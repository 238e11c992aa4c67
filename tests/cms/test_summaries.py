import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from pypdf import PdfReader
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.blocks import QuoteBlock
from cms.models import PartnershipPage, SummaryPage, SummarySource
from cms.workflows import summary_workflow_ensure
from inputs.models.inputs import Consent, Visibility
from inputs.services import input_transition
from inputs.services.moderation import input_accept
from tests.factories import (
    InputFactory,
    OrganisationFactory,
    log_in,
    member_of,
    theme,
)

pytestmark = pytest.mark.django_db


def _accepted(mod, *, consent=Consent.NAMED, visibility=Visibility.PUBLIC, **fields):
    organisation = fields.pop("organisation", None) or OrganisationFactory()
    author = member_of(organisation)
    item = InputFactory(
        organisation=organisation,
        author=author,
        consent=consent,
        reference=f"BL-{organisation.pk}-{fields.get('title', 'x')[:3]}",
        **fields,
    )
    input_transition(input=item, action="submit", user=author)
    input_transition(input=item, action="start_review", user=mod)
    input_accept(input=item, user=mod, visibility=visibility)
    item.refresh_from_db()
    return item


def _summary(parent, inputs, body):
    page = SummaryPage(
        title="Opsamling om ældre", slug="opsamling", introduction="Intro.", body=body
    )
    page.sources = [SummarySource(input=item) for item in inputs]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_summary_renders_quote_statistics_and_recommendations(
    client, mod, elderly_page
):
    named = _accepted(mod, title="Telefonkæde", themes=[theme("ensomhed")])
    anonymous = _accepted(
        mod,
        consent=Consent.ANONYMISED,
        title="Tablets",
        themes=[theme("ensomhed"), theme("digital-kontakt")],
    )
    page = _summary(
        elderly_page,
        [named, anonymous],
        [
            ("quote", {"input": named, "excerpt": "Vi ringer hver uge."}),
            ("quote", {"input": anonymous, "excerpt": ""}),
            ("statistics", {"heading": "Temaer", "dimension": "theme"}),
            (
                "recommendations",
                {
                    "heading": "Anbefalinger",
                    "items": [{"title": "Ring mere", "text": "Hver uge."}],
                },
            ),
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vi ringer hver uge." in html
    assert f"— {named.organisation.name}" in html
    assert "— Anonymiseret" in html
    assert anonymous.organisation.name not in html  # nowhere on the page
    assert anonymous.challenge[:40] in html  # the default excerpt
    # Two inputs: /statistik/'s small-count rule hides both counts, so one
    # sentence says why, and no bar tells them (tests/cms/test_summary_visibility
    # has larger ones).
    assert STATS_WITHHELD in html and "<td>vises ikke</td>" not in html
    assert 'class="bar-chart__bars"' not in html
    assert html.count(">Temaer</h2>") == 1
    assert "Ring mere" in html
    assert html.count("<h1") == 1


def test_quote_block_accepts_only_consented_accepted_inputs(mod):
    block = QuoteBlock()
    accepted = _accepted(mod, title="Ok")
    block.clean(block.to_python({"input": accepted.pk, "excerpt": ""}))
    private = _accepted(
        mod, consent=Consent.NONE, visibility=Visibility.BL_ONLY, title="Privat"
    )
    submitted = InputFactory(consent=Consent.NAMED)
    for item in (private, submitted):
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"input": item.pk, "excerpt": ""}))


def test_source_list_respects_visibility(client, mod, elderly_page):
    public = _accepted(mod, title="Offentligt")
    bl_only = _accepted(
        mod, consent=Consent.ANONYMISED, visibility=Visibility.BL_ONLY, title="Internt"
    )
    page = _summary(elderly_page, [public, bl_only], [])
    listed = page.source_inputs(AnonymousUser())
    assert [s["input"] for s in listed] == [public]
    listed = page.source_inputs(mod)
    urls = {s["input"].pk: s["url"] for s in listed}
    assert urls[bl_only.pk] == f"/admin/input/{bl_only.pk}/"
    html = client.get(page.url).content.decode()
    assert "Offentligt" in html
    assert "Internt" not in html
    # Not even how many more it builds on (tests/cms/test_summary_visibility).
    assert "ikke er offentlig" not in html
    assert "/admin/input/" not in html
    log_in(client, mod)
    assert f'href="/admin/input/{bl_only.pk}/"' in client.get(page.url).content.decode()


def test_input_chooser_offers_only_accepted_inputs(client, mod):
    accepted = _accepted(mod, title="Valgbart")
    waiting = InputFactory(title="Ikke valgbart")
    log_in(client, mod)
    response = client.get("/admin/input_chooser/")
    html = response.content.decode()
    assert response.status_code == 200
    assert accepted.title in html
    assert waiting.title not in html


def test_partnership_page_lists_summary_and_links_feed(client, mod, elderly_page):
    page = _summary(elderly_page, [_accepted(mod, title="Noget")], [])
    html = client.get(elderly_page.url).content.decode()
    assert page.title in html
    assert (
        'rel="alternate" type="application/atom+xml"' in html
        and "/feeds/svaekkede-aeldre/opsamlinger.atom" in html
    )
    feed = client.get("/feeds/svaekkede-aeldre/opsamlinger.atom")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "<title>Opsamling om ældre</title>" in body
    assert client.get("/feeds/findes-ikke/opsamlinger.atom").status_code == 404


def test_unpublished_summary_is_not_in_feed(client, elderly_page):
    page = SummaryPage(
        title="Kladde til opsamling", slug="kladde", introduction="x", live=False
    )
    elderly_page.add_child(instance=page)
    assert (
        "Kladde til opsamling"
        not in client.get("/feeds/svaekkede-aeldre/opsamlinger.atom").content.decode()
    )
    assert "Kladde til opsamling" not in client.get(elderly_page.url).content.decode()


def test_pdf_of_summary(client, mod, elderly_page):
    item = _accepted(mod, title="Pdf")
    page = _summary(
        elderly_page, [item], [("quote", {"input": item, "excerpt": "Citat i PDF"})]
    )
    response = client.get(page.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Tagged, in Danish and titled, so a screen reader reads its headings,
    # lists and order (WCAG's PDF techniques), not a stream of glyphs.
    catalog = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "da"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


def test_summaries_go_through_the_moderator_workflow(mod, elderly_page):
    workflow = summary_workflow_ensure()
    assert summary_workflow_ensure() == workflow  # idempotent
    page = SummaryPage(
        title="Til godkendelse", slug="til-godkendelse", introduction="x", live=False
    )
    elderly_page.add_child(instance=page)
    page.save_revision(user=mod)
    page.refresh_from_db()
    assert not page.live, "before start"
    assert page.get_workflow() == workflow
    state = workflow.start(page, mod)
    page.refresh_from_db()
    assert not page.live
    state.current_task_state.approve(user=mod)
    page.refresh_from_db()
    assert page.live


def test_seed_summaries_publishes_one_per_partnership(demo_site):
    from cms.demo_summaries import seed_summaries
    from inputs.demo import seed_inputs
    from portal.organisations.demo import seed_organisations, seed_people

    seed_organisations()
    seed_people()
    seed_inputs()
    first = seed_summaries()
    assert len(first) == PartnershipPage.objects.count() == 3
    assert all(s.live for s in first)
    assert all(s.sources.exists() for s in first)
    seed_summaries()
    assert SummaryPage.objects.count() == 3
    assert not Page.objects.filter(slug="opsamling", live=False).exists()


class TestSummaryPageTree(WagtailPageTestCase):
    def test_summaries_sit_under_partnership_pages_only(self):
        self.assertAllowedParentPageTypes(SummaryPage, {PartnershipPage})
        self.assertAllowedSubpageTypes(SummaryPage, set())


def test_pdf_fetches_only_local_static_files():
    from cms.pdf import BASE_URL, LocalFilesFetcher

    fetcher = LocalFilesFetcher()
    css = fetcher.fetch(BASE_URL + "static/css/summaries.css")
    assert b".quote-block" in css.read()
    assert css.content_type == "text/css"
    for url in ("http://example.com/x.css", BASE_URL + "static/../../etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_archive_text_keeps_paragraphs_and_recommendations_apart(mod, elderly_page):
    from wagtail.rich_text import RichText

    page = _summary(
        elderly_page,
        [],
        [
            (
                "paragraph",
                RichText("<p>Ring til de frivillige</p><p>Beboerne svarer</p>"),
            ),
            (
                "recommendations",
                {
                    "heading": "Centrale anbefalinger",
                    "items": [
                        {"title": "Telefonkæder", "text": ""},
                        {"title": "Fællesspisning", "text": ""},
                    ],
                },
            ),
        ],
    )
    text = page.archive_text()
    assert "frivilligeBeboerne" not in text and "TelefonkæderFællesspisning" not in text
    assert "frivillige" in text and "Beboerne" in text and "Telefonkæder" in text
    # One line per block, without the templates' indentation, and each a
    # sentence: an excerpt joins them.
    assert "  " not in text and "\n\n" not in text
    assert "Centrale anbefalinger.\nTelefonkæder.\n" in text


def test_archive_text_keeps_a_statistics_heading_not_its_counts(mod, elderly_page):
    """The counts are computed when the page is shown: in the index they go
    stale, and in an excerpt they read "Ensomhed 1 Digital kontakt 1"."""
    counted = _accepted(mod, title="Tablets", themes=[theme("digital-kontakt")])
    page = _summary(
        elderly_page,
        [counted],
        [("statistics", {"heading": "Input fordelt på temaer", "dimension": "theme"})],
    )
    text = page.archive_text()
    assert "Input fordelt på temaer" in text
    assert "Digital kontakt" not in text


def test_an_input_the_summary_quotes_is_one_it_builds_on(client, mod, elderly_page):
    """One rule for what a summary builds on: its chosen inputs and every
    input it quotes. The source list and its statistics count a quoted input
    the editor did not also choose."""
    chosen = _accepted(mod, title="Telefonkæde", themes=[theme("ensomhed")])
    quoted = _accepted(mod, title="Tablets", themes=[theme("ensomhed")])
    page = _summary(
        elderly_page,
        [chosen],
        [
            ("quote", {"input": quoted, "excerpt": ""}),
            ("statistics", {"heading": "Temaer", "dimension": "theme"}),
        ],
    )
    listed = [s["input"] for s in page.source_inputs(AnonymousUser())]
    assert set(listed) == {chosen, quoted}
    html = client.get(page.url).content.decode()
    sources = html[html.index('id="sources-heading"') :]
    assert quoted.reference in sources and chosen.reference in sources
    assert page.built_on_ids() == {chosen.pk, quoted.pk}


def test_summary_page_and_home_page_date_it_in_the_same_words(
    client, mod, elderly_page
):
    page = _summary(elderly_page, [], [])
    html = client.get(page.url).content.decode()
    assert "Udgivet " in html and "Offentliggjort" not in html


STATS_WITHHELD = (
    "For få offentlige input til at vise tal uden risiko for, at nogen kan genkendes."
)


def test_a_statistics_block_of_only_hidden_counts_says_why(client, mod, elderly_page):
    """Two public inputs, one theme: its count (2) is hidden, so the block
    says why in one sentence instead of a table of "vises ikke"; the editor
    tells the moderator that the block shows no numbers."""
    items = [
        _accepted(mod, title=f"Tablet {n}", themes=[theme("ensomhed")]) for n in "ab"
    ]
    page = _summary(
        elderly_page,
        items,
        [("statistics", {"heading": "Temaer", "dimension": "theme"})],
    )
    html = client.get(page.url).content.decode()
    assert STATS_WITHHELD in html
    assert "vises ikke</td>" not in html and "bar-chart__table" not in html
    log_in(client, mod)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    editor = client.get(edit_url).content.decode()
    assert "Statistikken »Temaer« viser ingen tal" in editor


def test_the_editor_says_nothing_of_statistics_that_show_numbers(
    client, mod, elderly_page
):
    items = [
        _accepted(mod, title=f"Tablet {n}", themes=[theme("ensomhed")]) for n in "abc"
    ]
    page = _summary(
        elderly_page,
        items,
        [("statistics", {"heading": "Temaer", "dimension": "theme"})],
    )
    assert (
        '<th scope="row">Ensomhed</th><td>3</td>'
        in client.get(page.url).content.decode()
    )
    log_in(client, mod)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "viser ingen tal" not in editor.content.decode()
