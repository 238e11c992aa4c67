"""Facet labels follow the page's language: the index holds ids and choice
keys, the labels are looked up when the page is drawn."""

import pytest
from django.urls import reverse

from inputs.models import Theme

pytestmark = pytest.mark.django_db


def _theme_facet(response):
    (facet,) = [f for f in response.context["facets"] if f["name"] == "theme"]
    return {v.label for v in facet["values"]}


def test_theme_and_kind_facets_are_english_on_english_pages(client, archived):
    item = archived(title="Kaffeklub", kind="challenge")
    item.themes.set([Theme.objects.get(slug="ensomhed")])
    from search.services import archive_index_input

    archive_index_input(input_id=item.pk)

    danish = client.get(reverse("archive:search"), {"q": "kaffeklub"})
    assert _theme_facet(danish) == {"Ensomhed"}
    assert ">Udfordring" in danish.text

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("archive:search"), {"q": "kaffeklub"})
    assert _theme_facet(english) == {"Loneliness"}
    assert ">Challenge" in english.text and ">Ensomhed" not in english.text


def _hit_line(response) -> str:
    html = response.text
    start = html.index('class="hit__meta"')
    return html[start : html.index("</p>", start)]


def test_a_hits_kind_is_in_the_pages_language(client, archived):
    from portal.organisations.models import Partnership

    elderly = Partnership.objects.get(slug="svaekkede-aeldre")
    archived(
        title="Kaffeklub",
        kind="solution",
        reference="BL-2020-0041",
        partnerships=[elderly],
    )

    danish = client.get(reverse("archive:search"), {"q": "kaffeklub"})
    assert "Løsning · BL-2020-0041" in _hit_line(danish)

    client.cookies["django_language"] = "en"
    english = client.get(reverse("archive:search"), {"q": "kaffeklub"})
    assert "Solution · BL-2020-0041" in _hit_line(english)
    assert "Løsning" not in _hit_line(english)
    csv = client.get(reverse("archive:export_csv"), {"q": "kaffeklub"})
    exported = csv.content.decode("utf-8-sig")
    assert ";Solution;BL-2020-0041;" in exported
    assert elderly.name_en in exported and elderly.name not in exported
