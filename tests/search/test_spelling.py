"""Misspelt queries: corrections against the index's vocabulary, "Mente du
…?", the corrected results when the typed query finds nothing, and no word
from a text the viewer may not read."""

import pytest
from django.urls import reverse

from inputs.models.inputs import Visibility
from inputs.states import Status
from search.analysis import edit_distance, max_edits, stem
from search.query import SearchRequest, Viewer
from search.services import archive_search
from search.spelling import corrections
from tests.factories import log_in, moderator

URL = reverse("archive:search")
STAFF = Viewer(is_moderator=True)


@pytest.mark.parametrize(
    ("word", "edits"),
    [("bus", 0), ("bolg", 1), ("familie", 1), ("pensionist", 2), ("kælder", 1)],
)
def test_the_edit_distance_allowed_grows_with_the_word(word, edits):
    assert max_edits(word) == edits


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("famili", "famili", 0),
        ("famlii", "famili", 1),  # a swap of neighbours is one edit
        ("famli", "famili", 1),
        ("pensjonist", "pensionist", 1),
        ("pensjonst", "pensionist", 2),
        ("abcdefgh", "hgfedcba", 3),  # past the limit of 2
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, 2) == distance


def _search(query, viewer=None, **kwargs):
    request = SearchRequest(query=query, viewer=viewer or Viewer(), **kwargs)
    return archive_search(request=request)


@pytest.fixture
def corpus(archived):
    archived(title="Sårbare familier i opgangen", challenge="Familien mangler hjælp.")
    archived(title="Familiecafé", challenge="Familier mødes om onsdagen.")
    archived(title="Pensionister spiller petanque", challenge="Ensomme pensionister.")
    archived(title="Fælles gårdmand", challenge="En familie passer gården.")
    archived(title="Famøs fest", challenge="Fest for hele opgangen.")
    archived(title="Fest i gården")


pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("corpus")
def test_corrections_against_the_vocabulary():
    fixes = corrections("pensjonst og famlie", public=True)
    assert fixes == {"pensjonst": stem("pensionister"), "famlie": stem("familie")}


@pytest.mark.usefixtures("corpus")
def test_a_word_the_vocabulary_holds_is_never_corrected():
    # "famøs" is one edit from the far commoner "famil…", and stays.
    assert corrections("famøs gården familie", public=True) == {}


@pytest.mark.usefixtures("corpus")
def test_short_words_are_not_corrected_and_long_ones_by_two_edits():
    assert corrections("fes", public=True) == {}  # three letters: none
    assert corrections("famlei", public=True) == {}  # two edits, six letters
    assert corrections("pensjonst", public=True) == {"pensjonst": stem("pensionist")}


@pytest.mark.usefixtures("corpus")
def test_folded_letters_count_as_the_spelling_they_fold_to():
    # "sarbare" lacks the a of å → aa: one edit from "sårbare".
    assert corrections("sarbare", public=True) == {"sarbare": stem("sårbare")}


def test_the_commoner_candidate_wins(archived):
    for n in range(3):
        archived(title=f"Madklub nummer {n}")
    archived(title="Madklud")  # one edit from "madkluv" too, but rare
    assert corrections("madkluv", public=True) == {"madkluv": stem("madklub")}


@pytest.mark.usefixtures("corpus")
def test_the_search_corrects_a_word_of_five_letters_or_more_itself():
    # Two edits from "pensionist" as a stem, one as a word: no "Mente du"
    # needed, the typed query finds the input.
    result = _search("pensjonster", correct=True)
    assert [h.title for h in result.hits] == [
        "<mark>Pensionister</mark> spiller petanque"
    ]
    assert result.suggestion is None


@pytest.mark.usefixtures("corpus")
def test_nothing_found_shows_the_corrected_results():
    # "fezt": a stem of four letters, which only a suggestion corrects.
    result = _search("famøs fezt", correct=True)
    assert result.total == 2  # "Fest i gården" holds one word of two
    assert result.suggestion.shown
    assert result.suggestion.query == "famøs fest"
    assert result.suggestion.typed == "famøs fezt"


@pytest.mark.usefixtures("corpus")
def test_without_correct_nothing_is_corrected():
    assert _search("famøs fezt").total == 0
    assert _search("famøs fezt").suggestion is None


@pytest.mark.usefixtures("corpus")
def test_a_thin_result_keeps_its_hits_and_suggests_the_correction():
    # "famøs" and "opgangen" find two inputs; "fezt" corrected finds one
    # more. (Three words: with two, a document must hold both.)
    result = _search("Famøs opgangen fezt", correct=True)
    assert result.total == 2
    assert not result.suggestion.shown
    assert result.suggestion.query == "Famøs opgangen fest"


@pytest.mark.usefixtures("corpus")
def test_the_page_says_mente_du_with_a_link(client):
    response = client.get(URL, {"q": "famøs opgangen fezt", "sort": "newest"})
    html = response.content.decode()
    assert "Mente du" in html
    link = response.context["suggestion_links"]["corrected"]
    assert "sort=newest" in link
    assert "q=fam%C3%B8s+opgangen+fest" in link


@pytest.mark.usefixtures("corpus")
def test_the_page_shows_corrected_results_and_a_link_to_the_typed_query(client):
    response = client.get(URL, {"q": "famøs fezt"})
    html = response.content.decode()
    assert "Viser resultater for" in html
    assert "Søg i stedet efter" in html
    assert "<mark>Famøs</mark> <mark>fest</mark>" in html
    typed = client.get(URL + response.context["suggestion_links"]["typed"])
    assert typed.context["result"].total == 0
    assert typed.context["result"].suggestion is None


@pytest.mark.usefixtures("corpus")
def test_the_page_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL, {"q": "famøs fezt"}).content.decode()
    assert "Showing results for" in html
    assert "Search instead for" in html
    html = client.get(URL, {"q": "famøs opgangen fezt"}).content.decode()
    assert "Did you mean" in html


@pytest.fixture
def secret(archived):
    """A word only a BL-only and an unpublished input use, next to a public
    text with a word one edit from it."""
    archived(title="Tagterrasse for beboerne", visibility=Visibility.BL_ONLY)
    archived(title="Tagterrasse i opgangen", status=Status.IN_REVIEW)
    archived(title="Tagterrasserne", visibility=Visibility.BL_ONLY)
    archived(title="Vaskekælder")


def test_no_word_from_a_text_the_viewer_may_not_read(client, secret):
    for query in ("tagterase", "tagtarase", "tagtarase vaskekælder"):
        assert corrections(query, public=True) == {}
        result = _search(query, correct=True)
        assert result.suggestion is None
        html = client.get(URL, {"q": query}).content.decode().lower()
        assert "tagterrasse" not in html
        assert "mente du" not in html
    # A moderator may read them, and is offered the word; "tagtarase" (a
    # stem of five letters or more) the search corrects itself.
    assert corrections("tagtarase", public=False) == {"tagtarase": stem("tagterrasse")}
    assert _search("tagtarase", STAFF, correct=True).total == 3
    log_in(client, moderator())
    assert (
        "<mark>Tagterrasse</mark>"
        in client.get(URL, {"q": "tagtarase"}).content.decode()
    )


def test_a_members_suggestions_come_from_public_texts_only(archived, partnerships):
    # Partnership texts are not counted per partnership; a member is offered
    # only public words (a safe subset of what they may read).
    ours, _ = partnerships
    archived(
        title="Tagterrasse",
        visibility=Visibility.PARTNERSHIP,
        partnerships=[ours],
    )
    member = Viewer(partnership_ids=(str(ours.pk),))
    assert _search("tagtarase", member, correct=True).suggestion is None


def test_a_stale_count_cannot_leak(archived):
    # Were the public count wrong (the Elasticsearch backend counts only
    # up), the viewer's own corrected search finds nothing: no suggestion.
    from search.models import ArchiveTerm

    archived(title="Tagterrasse", visibility=Visibility.BL_ONLY)
    ArchiveTerm.objects.filter(term=stem("tagterrasse")).update(public_documents=1)
    assert corrections("tagtarase", public=True) == {"tagtarase": stem("tagterrasse")}
    assert _search("tagtarase", correct=True).suggestion is None


def test_query_count_with_a_correction(client, archived, django_assert_max_num_queries):
    # The search (7), the correction's vocabulary (1, 2 for a long word),
    # the corrected search (7); the rest is the site's header and footer.
    for n in range(5):
        archived(title=f"Fest nummer {n}")
    client.get(URL)  # the first request creates the site's settings row
    with django_assert_max_num_queries(21):
        response = client.get(URL, {"q": "fezt"})
    assert response.context["result"].suggestion.shown
    for n in range(20):
        archived(title=f"Fest og familier {n}")
    with django_assert_max_num_queries(21):
        client.get(URL, {"q": "fezt"})


def test_a_typo_is_corrected_as_typed_not_only_as_its_stem(archived):
    # "ensomhet" keeps its ending (stem ensomh), "ensomhed" loses it (ensom):
    # one edit apart as words, not as stems.
    archived(title="Ensomhed i opgangen")
    archived(title="Ensomme naboer")
    found = {h.title for h in _search("ensomhet").hits}
    assert found == {"<mark>Ensomhed</mark> i opgangen", "<mark>Ensomme</mark> naboer"}
    # A typo that the stemmer cuts differently from the word it meant.
    archived(title="Gældsrådgivning hver tirsdag")
    assert _search("gældsrådgivnig").total == 1


def test_a_word_the_index_holds_is_not_corrected_by_the_search(archived):
    archived(title="Festen i gården")
    archived(title="Fester for naboerne")  # "fest" one edit from "fester"
    archived(title="Festival i parken")
    assert [h.title for h in _search("festival").hits] == [
        "<mark>Festival</mark> i parken"
    ]


def test_a_typo_that_splits_into_known_words_is_still_corrected(archived):
    # "hjemlæse" is "hjem" + "læse" (both known) and a typo of "hjemløse".
    archived(title="Hjemløse i byen")
    archived(title="Læse i haven")
    titles = [h.title for h in _search("hjemlæse").hits]
    assert titles == ["<mark>Hjemløse</mark> i byen", "<mark>Læse</mark> i haven"]


def test_likely_corrections_weigh_frequency_against_edits():
    from search.analysis import likely_corrections

    distances = {"pension": 1, "pensionist": 2, "passion": 1, "pengene": 1}
    frequencies = {"pension": 10, "pensionist": 3000, "passion": 1}
    # Weighed as one edit: pensionist 3000 / 20 = 150, pension 10 (more
    # than a twentieth of 150: kept), passion 1 (less: dropped); "pengene"
    # is in no document.
    assert likely_corrections(distances, frequencies) == ["pensionist", "pension"]
    assert likely_corrections({"x": 1}, {}) == []


@pytest.fixture
def stairwells(archived):
    for n in range(4):
        archived(title=f"Beboere i opgang {n}")
    archived(title="Ensomme beboere i opgangen")


@pytest.mark.usefixtures("stairwells")
def test_a_word_that_finds_nothing_among_plenty_is_offered_corrected(client):
    # "ensm" (four letters: the search does not correct it itself) finds
    # nothing; the other two words find all five inputs. The hits stay the
    # typed query's, and the page offers the query with "ensm" corrected.
    result = _search("ensm beboere opgang", correct=True)
    assert result.total == 5
    assert not result.suggestion.shown
    assert result.suggestion.query == "ensomme beboere opgang"
    html = client.get(URL, {"q": "ensm beboere opgang"}).content.decode()
    assert "Mente du" in html
    assert "»ensomme beboere opgang«" in html
    assert "5 resultater" in html


@pytest.mark.usefixtures("stairwells")
def test_plenty_of_known_words_is_offered_nothing():
    assert _search("ensomme beboere opgang", correct=True).suggestion is None
    # "beboerne" and "opgangn": the search corrects a word of five letters
    # or more itself, and its hits already mark the correction.
    result = _search("beboerne ensomme opgangn", correct=True)
    assert "<mark>" in result.hits[0].title
    assert result.suggestion is None


def test_among_plenty_no_word_from_a_text_the_viewer_may_not_read(client, archived):
    for n in range(4):
        archived(title=f"Beboere i opgang {n}")
    archived(title="Fest i gården", visibility=Visibility.BL_ONLY)
    query = "fezt beboere opgang"
    assert _search(query, correct=True).suggestion is None
    html = client.get(URL, {"q": query}).content.decode().lower()
    assert "fest" not in html
    assert "mente du" not in html
    # A moderator may read it, and is offered it.
    assert _search(query, STAFF, correct=True).suggestion.query == "fest beboere opgang"


def test_query_count_with_a_word_that_finds_nothing(
    client, archived, django_assert_max_num_queries
):
    # The search with its feedback (10), the correction's vocabulary and
    # synonyms (3), the corrected search (10), the site's header and footer
    # (4); no more as the archive grows.
    for n in range(5):
        archived(title=f"Ensomme beboere i opgang {n}")
    client.get(URL)  # the first request creates the site's settings row
    with django_assert_max_num_queries(27) as small:
        response = client.get(URL, {"q": "ensm beboere opgang"})
    assert response.context["result"].suggestion.query == "ensomme beboere opgang"
    for n in range(30):
        archived(title=f"Beboere i opgang {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL, {"q": "ensm beboere opgang"})


def test_no_stem_that_only_compounds_hold_is_offered(archived):
    # "klup" is one edit from "klub", whose stem the archive holds only as a
    # part of "fodboldklubben": no word the hits could show.
    for n in range(3):
        archived(title=f"Fodboldklubben mødes {n}")
    assert corrections("klup", public=True) == {"klup": stem("klub")}
    result = _search("klup", correct=True)
    assert result.total == 0
    assert result.suggestion is None


def test_a_name_beside_the_hits_confirms_a_correction(archived):
    # A municipality is searched but not marked: "Isøj" finds Ishøj's input,
    # and the word offered is the municipality's name, not its stem.
    from portal.organisations.models import Municipality

    ishoej = Municipality.objects.get(name="Ishøj")
    archived(title="Lektiecafé i afdelingen", municipality=ishoej)
    result = _search("Isøj", correct=True)
    assert result.total == 1
    assert result.suggestion.shown
    assert result.suggestion.query == "Ishøj"
