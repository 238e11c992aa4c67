"""Pseudo-relevance feedback (search/feedback.py): the words the best
answers share find inputs that say the same thing in other words, after
those holding the typed words, on every backend (the behaviour tests run
once per backend: search_backend)."""

import pytest

from search.backends import database
from search.backends import elasticsearch as es_backend
from search.feedback import EXPANSION_WEIGHT, expansion
from search.query import SearchRequest, TermGroup, Viewer
from search.services import archive_search

pytestmark = pytest.mark.django_db

QUERY = [TermGroup(word="madbank", alternatives=[("madbank",)])]


def _counts(frequencies, total):
    def counts(candidates):
        return {t: frequencies[t] for t in candidates if t in frequencies}, total

    return counts


def test_the_expansion_is_the_rare_terms_the_best_documents_share():
    documents = [
        "madbank foedevar dagligvar famili",
        "madbank foedevar dagligvar kaelder",
        "foedevar famili",
    ]
    counts = _counts({"foedevar": 3, "dagligvar": 2, "famili": 40, "kaelder": 1}, 100)
    group = expansion(QUERY, documents, counts)
    # famili: in 40 % of the archive; kaelder: in one document read; the
    # query's own term is not repeated.
    assert group.alternatives == [("foedevar",), ("dagligvar",)]
    assert group.weight == EXPANSION_WEIGHT < 1


def test_no_expansion_from_a_weak_match_or_a_single_document():
    counts = _counts({"foedevar": 3}, 100)
    # The best document lacks a typed word: the query has no good answer.
    assert expansion(QUERY, ["foedevar", "madbank foedevar"], counts) is None
    assert expansion(QUERY, ["madbank foedevar"], counts) is None
    assert (
        expansion(QUERY, ["madbank foedevar", "madbank foedevar"], _counts({}, 0))
        is None
    )


def _titles(query):
    result = archive_search(request=SearchRequest(query=query, viewer=Viewer()))
    return [str(h.title) for h in result.hits]


CELLAR = {
    "title": "Madbank i kælderen",
    "challenge": "Vi uddeler fødevarer og dagligvarer.",
}
FRIDAYS = {
    "title": "Uddeling hver fredag",
    "challenge": "Fødevarer og dagligvarer til trængte.",
}


def _laundries(archived):
    """Enough inputs about something else that the shared words are rare."""
    for n in range(12):
        archived(title=f"Vaskeriet nummer {n}", challenge="Maskinerne er gamle.")


@pytest.fixture
def pantry(archived):
    """Two inputs about a madbank, one about the same in other words, and
    enough others that their shared words are rare."""
    archived(**CELLAR)
    archived(
        title="Madbank for beboerne", challenge="Fødevarer og dagligvarer hver fredag."
    )
    archived(**FRIDAYS)
    _laundries(archived)


@pytest.mark.usefixtures("search_backend", "pantry")
def test_a_search_finds_what_the_best_answers_say_in_other_words():
    titles = _titles("madbank")
    assert set(titles[:2]) == {
        "<mark>Madbank</mark> i kælderen",
        "<mark>Madbank</mark> for beboerne",
    }
    # Found by the words the two share, after them, and marked for nothing.
    assert titles[2:] == ["Uddeling hver fredag"]


@pytest.mark.usefixtures("search_backend", "pantry")
def test_the_page_says_which_hits_hold_none_of_the_typed_words(client):
    from bs4 import BeautifulSoup
    from django.urls import reverse

    page = client.get(reverse("archive:search"), {"q": "madbank"})
    hits = BeautifulSoup(page.content, "html.parser").select(".hit")
    said = [
        (h.select_one(".hit__title").get_text(), bool(h.select(".hit__related")))
        for h in hits
    ]
    assert sorted(said[:2]) == [
        ("Madbank for beboerne", False),
        ("Madbank i kælderen", False),
    ]
    assert said[2:] == [("Uddeling hver fredag", True)]
    assert "Fundet uden dine søgeord" in hits[2].get_text()


@pytest.mark.usefixtures("search_backend", "pantry")
def test_no_expansion_when_enough_documents_hold_every_word(monkeypatch):
    # They fill the first pages, ranked by the typed words alone: the
    # expansion would only add documents after them (and cost the count).
    monkeypatch.setattr(database, "ENOUGH", 2)
    monkeypatch.setattr(es_backend, "ENOUGH", 2)
    result = archive_search(request=SearchRequest(query="madbank", viewer=Viewer()))
    assert result.total == 2
    assert "Uddeling hver fredag" not in [str(h.title) for h in result.hits]


@pytest.mark.usefixtures("search_backend", "pantry")
def test_a_query_without_an_answer_gains_no_expansion():
    # No input holds both words: nothing, not the neighbours of those that
    # hold "kælderen".
    assert _titles("kælderen solceller") == []


@pytest.mark.usefixtures("search_backend", "pantry")
def test_a_theme_the_query_names_leaves_the_feedback_on():
    # The themes' group (search/themes.py) is no typed word: "madbank" is
    # still one word, and its best answers still lend it theirs.
    from inputs.models import Theme

    Theme.objects.create(slug="madhjaelp", name="Madhjælp", search_words="madbank")
    titles = _titles("madbank")
    assert titles[2:] == ["Uddeling hver fredag"]


@pytest.mark.usefixtures("search_backend")
def test_a_summary_repeating_an_input_is_no_second_witness(
    archived, demo_site, django_capture_on_commit_callbacks
):
    from cms.models import PartnershipPage, SummaryPage

    archived(**CELLAR)
    archived(**FRIDAYS)
    _laundries(archived)
    # The summary quotes the first input: its words are that input's, not a
    # second answer that uses them too.
    page = SummaryPage(
        title="Opsamling om madbanken",
        slug="madbanken",
        introduction="»Madbank i kælderen: vi uddeler fødevarer og dagligvarer.«",
    )
    with django_capture_on_commit_callbacks(execute=True):
        PartnershipPage.objects.first().add_child(instance=page)
        page.save_revision().publish()
    # Nothing found by the words the two share, as "Uddeling hver fredag" was.
    assert sorted(_titles("madbank")) == [
        "<mark>Madbank</mark> i kælderen",
        "Opsamling om <mark>madbanken</mark>",
    ]
