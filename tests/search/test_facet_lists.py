"""A facet's values: a short list in full, a long one as its first values
and "Vis alle (k)" to unfold the rest (a <details>, no JavaScript), never a
scroll box that cuts a value in half."""

import re

from django.utils import translation

from search.query import FacetValue
from search.templatetags.archive_search import FACET_SHOWN, facet_options


def _facet(n: int, selected: int | None = None) -> dict:
    return {
        "name": "municipality",
        "label": "Kommune",
        "values": [
            FacetValue(
                value=str(i), label=f"Kommune {i}", count=50 - i, selected=i == selected
            )
            for i in range(n)
        ],
    }


def _checkboxes(html: str) -> int:
    return html.count('type="checkbox"')


def test_a_short_facet_shows_every_value_without_a_disclosure():
    html = facet_options(_facet(FACET_SHOWN + 2))
    assert _checkboxes(html) == FACET_SHOWN + 2
    assert "<details" not in html


def test_a_long_facet_shows_its_first_values_and_folds_the_rest():
    html = facet_options(_facet(30))
    assert _checkboxes(html) == 30  # all of them are in the form
    shown, folded = html.split("<details", 1)
    assert _checkboxes(shown) == FACET_SHOWN
    assert re.search(r"<summary[^>]*>\s*Vis alle \(30\)\s*</summary>", folded)
    assert "<details open" not in html and " open>" not in html
    with translation.override("en"):
        assert "Show all (30)" in facet_options(_facet(30))


def test_a_chosen_value_among_the_folded_ones_keeps_them_open():
    html = facet_options(_facet(30, selected=25))
    assert re.search(r"<details[^>]* open", html)
