"""What a hit marks: the words the index matched, by the index's own terms,
and a synonym's phrase only where its words stand together."""

import pytest

from search.highlight import Marks, mark
from search.models import Synonym
from search.query import SearchRequest
from search.services import archive_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def _titles(query):
    return [
        str(h.title) for h in archive_search(request=SearchRequest(query=query)).hits
    ]


def test_a_phrase_is_marked_where_its_words_stand_together(archived):
    Synonym.objects.create(terms="ensomhed, sidder alene")
    archived(title="Hun sidder alene hver dag", challenge="Naboerne ser det.")
    archived(title="Siden marts sidder hun i stuen, men ikke alene", challenge="")
    found = _titles("ensomhed")
    assert "Hun <mark>sidder</mark> <mark>alene</mark> hver dag" in found
    # Apart the words say nothing about loneliness: found (the phrase's
    # words are there), but nothing marked, and "Siden" least of all.
    assert "Siden marts sidder hun i stuen, men ikke alene" in found


def test_a_stop_word_inside_a_phrase_is_skipped_as_the_index_skips_it():
    marks = Marks(frozenset(), frozenset({("foel", "alen")}))
    assert str(mark("De føler sig alene.", marks)) == (
        "De <mark>føler</mark> sig <mark>alene</mark>."
    )
    # "følger" is not "føler": its stem is another.
    assert str(mark("Medarbejderen følger dem, de er alene.", marks)) == (
        "Medarbejderen følger dem, de er alene."
    )


def test_a_word_that_merely_begins_with_a_query_term_is_not_marked(archived):
    archived(title="Talent og tale i klubben", challenge="Unge øver sig.")
    assert _titles("tale") == ["Talent og <mark>tale</mark> i klubben"]


def test_a_compound_is_marked_for_its_part_as_the_index_split_it(archived):
    archived(title="Lektiehjælpen er tilbage", challenge="Børn får hjælp.")
    assert _titles("lektier") == ["<mark>Lektiehjælpen</mark> er tilbage"]


def test_a_word_cut_to_its_stem_is_no_compound(archived):
    # Snowball stems "sommer" to som, so som + mer (as in "mere") looked
    # like its parts: "sommer" found and marked "Mere druk på bænkene".
    archived(title="Aktiviteter hele sommeren", challenge="Børn og unge.")
    archived(title="Mere druk på bænkene", challenge="Beboerne er bekymrede.")
    assert _titles("sommer") == ["Aktiviteter hele <mark>sommeren</mark>"]
