"""The starter synonym groups (search/data/synonyms.txt)."""

import pytest
from django.core.management import call_command

from search.models import Synonym
from search.synonyms import starter_groups, synonyms_load_starter
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db


def test_the_starter_groups_are_valid_groups():
    groups = starter_groups()
    assert len(groups) == len(set(groups)) > 20
    for terms in groups:
        Synonym(terms=terms).full_clean()


def test_loading_adds_what_is_missing_once_and_keeps_the_moderators_groups():
    own = Synonym.objects.create(terms="seniorer, de gamle")
    first = starter_groups()[0]
    Synonym.objects.create(terms=first)
    added = synonyms_load_starter()
    assert added == len(starter_groups()) - 1
    assert synonyms_load_starter() == 0
    own.refresh_from_db()
    assert own.terms == "seniorer, de gamle"
    assert Synonym.objects.count() == len(starter_groups()) + 1


def test_the_command_loads_them_and_searches_use_them(archived, capsys):
    archived(title="Ledige beboere søger job", challenge="Kurser.", solution="")
    assert titles("arbejdsløse") == []
    call_command("load_synonyms")
    assert "synonymgrupper tilføjet" in capsys.readouterr().out
    assert titles("arbejdsløse") == ["Ledige beboere søger job"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        # A theme's words (themes.csv: Vold i nære relationer, Mad og
        # fornødenheder), a seed letter's (væresteder), welfare work's. (Not
        # a theme's name: search/themes.py finds what holds that.)
        ("sagsbehandler", "Socialrådgiver på kontoret"),
        ("partnervold", "Vold i familien"),
        ("fødevarehjælp", "Madbank i kælderen"),
        ("varmestue", "Værestedet holder åbent"),
    ],
)
def test_the_domain_groups_find_what_is_written_in_other_words(
    archived, typed, written
):
    archived(title=written, challenge="", solution="")
    assert titles(typed) == []
    synonyms_load_starter()
    assert titles(typed) == [written]
