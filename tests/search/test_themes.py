"""A query word that is one of a theme's search words finds what is filed
under the theme (search/themes.py), after what holds the typed words."""

import pytest

from inputs.models import Theme
from search.query import SearchRequest, TermGroup, Viewer
from search.services import archive_search
from search.themes import THEME_WEIGHT, _theme_words, theme_group, theme_words

pytestmark = pytest.mark.django_db


def _titles(query):
    result = archive_search(request=SearchRequest(query=query, viewer=Viewer()))
    return [str(h.title) for h in result.hits]


@pytest.fixture
def employment(archived):
    theme = Theme.objects.create(
        slug="arbejde-test", name="Arbejdsmarked", search_words="ledighed, læreplads"
    )
    archived(title="Fritidsjob forsvinder", challenge="Butikkerne har lukket.")
    archived(
        title="Sommerjob i afdelingen",
        challenge="Ingen unge fik sommerjob i år.",
        themes=[theme],
    )
    archived(title="Ledighed blandt unge stiger", challenge="Flere unge søger.")
    for n in range(6):
        archived(title=f"Vaskeriet nummer {n}", challenge="Maskinerne er gamle.")
    return theme


@pytest.mark.usefixtures("search_backend")
def test_a_search_word_finds_what_is_filed_under_the_theme(employment):
    titles = _titles("ledighed")
    # First what says it, then what is filed under the theme; the input that
    # says "fritidsjob" but is filed under nothing is not found.
    assert titles == [
        "<mark>Ledighed</mark> blandt unge stiger",
        "Sommerjob i afdelingen",
    ]


@pytest.mark.usefixtures("search_backend")
def test_newest_first_lists_only_what_holds_the_words(employment):
    # By date, an input filed under the theme would stand among those that
    # say the word, unmarked: the themes' group is for ranking only.
    result = archive_search(
        request=SearchRequest(query="ledighed", viewer=Viewer(), sort="newest")
    )
    assert [str(h.title) for h in result.hits] == [
        "<mark>Ledighed</mark> blandt unge stiger"
    ]


@pytest.mark.usefixtures("search_backend")
def test_a_moderators_edit_counts_at_the_next_search(employment):
    assert "Sommerjob i afdelingen" not in _titles("arbejdsløshed")
    employment.search_words += ", arbejdsløshed"
    employment.save()
    # No rebuild: the index holds the theme's name, the words are read
    # at query time.
    assert _titles("arbejdsløshed") == ["Sommerjob i afdelingen"]


@pytest.mark.usefixtures("search_backend")
def test_a_theme_found_among_other_words_ranks_its_inputs_higher(archived, employment):
    archived(title="Unge i klubben", challenge="Klubben holder åbent.")
    # Both hold "unge"; the one filed under the theme the query names first.
    assert _titles("ledighed unge") == [
        "<mark>Ledighed</mark> blandt <mark>unge</mark> stiger",
        "Sommerjob i afdelingen",
        "<mark>Unge</mark> i klubben",
    ]


def test_the_group_of_the_themes_a_query_names():
    themes = _theme_words(
        (
            ("Beskæftigelse", "ledighed, fritidsjob"),
            ("Selvisolation", "holder sig hjemme, holder sig inde"),
            ("Ensomhed", ""),
        )
    )
    ledighed = [TermGroup(word="ledighed", alternatives=[("ledig",)])]
    group = theme_group(ledighed, ["ledig"], themes)
    assert group.alternatives == [("beskaeftig",)] and group.weight == THEME_WEIGHT
    # A theme's own name is one of its words.
    ensom = [TermGroup(word="ensomhed", alternatives=[("ensom",)])]
    assert theme_group(ensom, ["ensom"], themes).alternatives == [("ensom",)]
    # A phrase is matched by the typed words in a row ...
    typed = [TermGroup(word=w, alternatives=[(w,)]) for w in ("hold", "hjem")]
    assert theme_group(typed, ["hold", "hjem"], themes).alternatives == [
        ("selvisolation",)
    ]
    # ... and never shrinks to one common word: "holder sig inde" is
    # "hold" once its stop words are gone, and "holder" alone names nothing.
    hold = [TermGroup(word="holder", alternatives=[("hold",)])]
    assert theme_group(hold, ["hold"], themes) is None
    # The feedback's group is no typed word.
    feedback = [TermGroup(word="", alternatives=[("ledig",)], weight=0.5)]
    assert theme_group(feedback, [], themes) is None


def test_the_portals_themes_come_with_search_words():
    # Migration inputs/0007 fills them from inputs/data/theme_search_words.csv.
    theme = Theme.objects.get(slug="beskaeftigelse")
    assert "ledighed" in theme.search_words
    assert Theme.objects.filter(search_words="").count() == 0


def test_corona_names_no_theme():
    # Every input is about the reopening: "corona" filed a query under
    # Smitteforebyggelse, whose inputs then outranked the ones about it.
    stems = ["corona"]
    typed = [TermGroup(word="corona", alternatives=[("corona",)])]
    assert theme_group(typed, stems, theme_words()) is None
    masks = [TermGroup(word="mundbind", alternatives=[("mundbind",)])]
    assert theme_group(masks, ["mundbind"], theme_words()) is not None


@pytest.mark.usefixtures("search_backend")
def test_a_renamed_theme_is_found_by_its_new_name(
    employment, django_capture_on_commit_callbacks
):
    # Its name is in the index documents of what is filed under it (the
    # label, the text, the themes' group): renaming re-indexes them.
    with django_capture_on_commit_callbacks(execute=True):
        employment.name = "Job og uddannelse"
        employment.save()
    assert _titles("ledighed")[1:] == ["Sommerjob i afdelingen"]
    result = archive_search(request=SearchRequest(query="", viewer=Viewer()))
    labels = {v.label for v in result.facets["theme"]}
    assert labels == {"Job og uddannelse"}


@pytest.mark.usefixtures("search_backend")
def test_a_named_theme_lends_half_a_word_to_the_no_answer_rule(archived):
    # "voldelige mænd": the inputs say "voldelig mand", not "mænd". A word
    # and the theme it names, 1 + ½ of 2 words, is more than half: found.
    theme = Theme.objects.create(
        slug="vold-test", name="Voldsramte", search_words="vold"
    )
    archived(title="Voldelig mand i opgangen", themes=[theme])
    archived(title="Vold i familien", challenge="Kvinderne søger hjælp.")
    found = ["<mark>Voldelig</mark> mand i opgangen", "<mark>Vold</mark> i familien"]
    assert _titles("voldelige mænd") == found
    # A word that names no theme, one of two, is no answer.
    assert _titles("familien tagrender") == []
