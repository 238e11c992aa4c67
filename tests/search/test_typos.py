"""Misspelt words the search reads by itself (query.misspelt): in a
compound's part, across æ, ø and å, in a word the synonyms know, in a
phrase, and a misspelt stop word. bench/relevance.py --typos measures it."""

import pytest

from search.analysis import (
    compound_repairs,
    lexicon,
    one_edit_candidates,
    stem,
    unfolded_spellings,
)
from search.models import Synonym
from search.query import SearchRequest, Viewer
from search.services import archive_search

pytestmark = pytest.mark.django_db


def _titles(query):
    result = archive_search(request=SearchRequest(query=query, viewer=Viewer()))
    return [
        str(h.title).replace("<mark>", "").replace("</mark>", "") for h in result.hits
    ]


def test_a_swap_across_a_danish_letter_is_one_edit():
    # Folded, "Ishjø" (ishjoe) is three letters from "Ishøj" (ishoej).
    assert stem("ishøj") in one_edit_candidates("Ishjø")
    assert stem("hjemløse") in one_edit_candidates("hjemølse")


def test_e_typed_for_æ():
    assert stem("ældre") in unfolded_spellings("eldre")


def test_a_compound_misspelt_in_one_part_is_repaired():
    repairs = compound_repairs("alkoholmisbrrug", lexicon() | {stem("alkohol")})
    assert repairs[stem("misbrug")] == "alkoholmisbrug"


def test_a_compound_misspelt_in_one_part_finds_what_its_parts_find(archived):
    archived(title="Misbrug i opgangen", challenge="Alkohol fylder meget.")
    archived(title="Vaskeriet er lukket", challenge="Maskinerne er gamle.")
    assert _titles("alkoholmisbrrug") == ["Misbrug i opgangen"]


def test_a_short_stem_is_corrected_as_typed(archived):
    # "sunhed" stems to "sun": one letter from "sundhed", as typed.
    archived(title="Sundhed for de ældste", challenge="Lægen kommer forbi.")
    archived(title="Solen skinner i gården", challenge="Sol og sommer.")
    assert _titles("sunhed") == ["Sundhed for de ældste"]


def test_a_word_the_synonyms_know_is_a_correction(archived):
    Synonym.objects.create(terms="alkoholikere, alkoholmisbrug, druk")
    archived(title="Druk i kælderen", challenge="Nogle drikker hver dag.")
    # "alkoholikere" is in no input, only in the synonyms.
    assert _titles("alkholikere") == ["Druk i kælderen"]


def test_a_corrected_word_joins_its_phrase(archived):
    Synonym.objects.create(terms="fysisk aktivitet, motion")
    archived(title="Motion for pensionister", challenge="Hver tirsdag i gården.")
    archived(title="Aktiviteter for børn", challenge="Leg og spil.")
    # The phrase's synonym holds all three words; the other input one only
    # ("aktiviteter", the corrected word's plural), so it comes last.
    assert _titles("fysisk aktvitet pensionister") == [
        "Motion for pensionister",
        "Aktiviteter for børn",
    ]


def test_a_misspelt_stop_word_is_a_stop_word(archived):
    archived(title="Ledighed rammer unge", challenge="Fritidsjob forsvinder.")
    archived(title="Vaskeriet er lukket", challenge="Maskinerne er gamle.")
    # "bllandt" (blandt) counted as a second word that no input holds, and
    # the no-answer rule emptied the page.
    assert _titles("ledighed bllandt") == ["Ledighed rammer unge"]
