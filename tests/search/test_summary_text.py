"""A summary in the archive is its own words: the excerpts of its hits and
its export rows carry none of the words its blocks add around them, which
are in one language and the reader may read another."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import PartnershipPage, SummaryPage
from inputs.models.inputs import Consent
from search.documents import summary_document
from search.services import archive_index_summary
from tests.cms.test_summaries import _accepted, _summary
from tests.cms.test_summary_quotes import _pdf_text
from tests.factories import moderator, theme

pytestmark = pytest.mark.django_db

QUOTE = "Vi ringer til de ældre beboere hver uge."


@pytest.fixture
def summary(demo_site):
    mod = moderator()
    anonymous = _accepted(
        mod, consent=Consent.ANONYMISED, title="Telefonkæde", themes=[theme("ensomhed")]
    )
    page = _summary(
        PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre"),
        [anonymous],
        [
            ("quote", {"input": anonymous, "excerpt": QUOTE}),
            (
                "statistics",
                {"heading": "Input fordelt på temaer", "dimension": "theme"},
            ),
        ],
    )
    archive_index_summary(page_id=page.pk)
    page = SummaryPage.objects.get(pk=page.pk)
    page.quoted = anonymous
    return page


def _excerpt(client, language: str) -> str:
    client.cookies["django_language"] = language
    page = client.get(reverse("archive:search"), {"q": "ringer"}).text
    return page.split('class="hit__excerpt">')[1].split("</p>")[0]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_quote_from_an_anonymised_input_is_its_reference_in_the_archive(
    client, summary, language
):
    excerpt = _excerpt(client, language)
    assert f"— {summary.quoted.reference}" in excerpt
    assert "Anonymiseret" not in excerpt and "Anonymised" not in excerpt
    response = client.get(reverse("archive:export_csv"), {"q": "ringer"})
    text = response.content.decode("utf-8-sig")
    _heading, row = csv.reader(io.StringIO(text), delimiter=";")
    assert f"— {summary.quoted.reference}" in row[-1]  # the excerpt
    assert "Anonymiseret" not in response.text and "Anonymised" not in response.text


def test_the_page_and_its_pdf_still_name_the_source_anonymised_in_their_language(
    client, summary
):
    reference = summary.quoted.reference
    assert f"— Anonymiseret, {reference}" in client.get(summary.url).text
    assert f"— Anonymiseret, {reference}" in _pdf_text(client, summary)
    client.cookies["django_language"] = "en"
    assert f"— Anonymised, {reference}" in client.get(summary.url).text
    assert f"— Anonymised, {reference}" in _pdf_text(client, summary)


def test_a_statistics_block_gives_the_archive_its_heading_only(summary):
    text = summary_document(summary).body
    assert "Input fordelt på temaer" in text
    # Not its table (headings, the themes' names, counts) nor its chart.
    for added in ("Tema", "Antal input", "Ensomhed", "1 –"):
        assert added not in text


def test_the_stored_text_is_the_same_whoever_indexes_it(summary):
    danish = summary_document(summary).body
    with translation.override("en"):
        assert summary_document(summary).body == danish
