"""The ranking's window: a broad query ranks only its most recently indexed
matches by relevance, and its pages still partition the results."""

import pytest

from inputs.models import Theme
from search.backends import database
from tests.search.helpers import titles

# Same length, so only the number of mentions sets bm25.
TEXTS = {
    "A": "fodbold fodbold fodbold klub",
    "B": "fodbold klub klub klub",
    "C": "fodbold klub klub klub",
    "D": "fodbold fodbold klub klub",
    "E": "fodbold klub klub klub",
    "F": "fodbold klub klub klub",
}


@pytest.fixture
def football(archived):
    # Indexed A first, F last: F is the most recently indexed.
    for name, text in TEXTS.items():
        archived(title=f"Input {name}", challenge=text, solution="")


def _pages(query, size, pages):
    return [
        t
        for page in range(1, pages + 1)
        for t in titles(query, page=page, page_size=size)
    ]


def test_within_the_window_the_ranking_is_exact(football):
    found = titles("fodbold")
    assert found[:2] == ["Input A", "Input D"]
    assert sorted(found) == [f"Input {n}" for n in "ABCDEF"]


def test_past_the_window_the_most_recent_follow(football, monkeypatch):
    monkeypatch.setattr(database, "RANK_WINDOW", 3)
    # D ranks first of the window D, E, F; then C, B, A, most recent first.
    expected = ["Input D", "Input F", "Input E", "Input C", "Input B", "Input A"]
    assert titles("fodbold") == expected
    for size in (1, 2, 4):
        assert _pages("fodbold", size, 6) == expected


def test_documents_missing_a_word_follow_the_window(archived, monkeypatch):
    monkeypatch.setattr(database, "RANK_WINDOW", 2)
    archived(title="Fodbold og tuba", challenge="fodbold tuba", solution="")
    archived(title="Kun tuba", challenge="tuba tuba", solution="")
    for name in "XYZ":
        archived(title=f"Fodbold og tuba {name}", challenge="fodbold tuba")
    found = titles("fodbold tuba")
    assert found[-1] == "Kun tuba"
    assert len(found) == 5
    for size in (1, 2, 3):
        assert _pages("fodbold tuba", size, 5) == found


def test_a_moderator_s_tier_counts_the_anonymised_organisation(archived, monkeypatch):
    from inputs.models.inputs import Consent
    from search.query import Viewer
    from tests.factories import OrganisationFactory

    monkeypatch.setattr(database, "RANK_WINDOW", 1)
    secret = OrganisationFactory(name="Tubaboliger")
    archived(
        title="Anonymt input",
        challenge="fodbold klub klub klub",
        organisation=secret,
        consent=Consent.ANONYMISED,
    )
    for name in "XY":
        archived(title=f"Fodbold {name}", challenge="fodbold klub klub")
    # Only a moderator may find the anonymised organisation's name: for
    # them the input holds both words and ranks first; for the public it
    # holds one, and mentions it less than the others.
    staff = Viewer(is_moderator=True)
    found = titles("fodbold tubaboliger", viewer=staff)
    assert found[0] == "Anonymt input" and len(found) == 3
    for size in (1, 2):
        pages = [
            t
            for page in range(1, 4)
            for t in titles(
                "fodbold tubaboliger", viewer=staff, page=page, page_size=size
            )
        ]
        assert pages == found
    # For the public no document holds more than one of the two words:
    # no answer (common.no_answer), and nothing about the name shows.
    assert titles("fodbold tubaboliger") == []
    public = titles("fodbold")
    assert len(public) == 3 and public[-1] == "Anonymt input"


def test_a_text_filed_under_a_theme_ranks_above_one_naming_it_once(archived):
    # The same length; the newer one would win a tie.
    filed = archived(
        title="Kaffe i gården",
        challenge="Naboer mødes.",
        solution="",
        themes=[Theme.objects.get(slug="ensomhed")],
    )
    archived(title="Ensomhed i gården", challenge="Naboer mødes.", solution="")
    assert titles("ensomhed") == ["Kaffe i gården", "Ensomhed i gården"]
    assert filed.themes.count() == 1


def test_a_word_in_a_short_text_ranks_above_once_in_a_long_one(archived):
    # The newer one would win a tie; bm25 (SQLite) and ts_rank with its
    # length normalisation (PostgreSQL) both weigh the length.
    archived(title="Fodbold", challenge="Klub i gården.", solution="")
    archived(
        title="Klub",
        challenge="Fodbold, " + " ".join(["beboere gården opgangen naboer"] * 8),
        solution="",
    )
    assert titles("fodbold") == ["Fodbold", "Klub"]


def test_the_pages_list_each_input_once_when_the_expansion_outweighs_a_word(
    archived,
):
    """The page lists the inputs holding every typed word first, then the
    rest by the full ranking. There the theme's and the feedback's half
    weights (0.5 + 0.5) may equal a missing typed word: an input that says
    only "fritidsjob", filed under Beskæftigelse and sharing the best
    answers' rare word, came before one that holds both typed words, and
    the page showed that one twice and the other not at all."""
    filed = [Theme.objects.get(slug="beskaeftigelse")]
    for name in "AB":
        archived(title=f"Tuba {name}", challenge="Tuba, fritidsjob og trommesæt.")
    archived(
        title="Tuba lang",
        challenge="Tuba og fritidsjob. " + "Opgangen maler gelænderet i gården. " * 6,
    )
    archived(title="Trommer", challenge="Fritidsjob og trommesæt.", themes=filed)
    for n in range(20):
        archived(title=f"Vaskeri {n}", challenge="Maskinerne er gamle.")
    found = titles("tuba fritidsjob")
    assert sorted(found) == ["Trommer", "Tuba A", "Tuba B", "Tuba lang"]
    assert found[-1] == "Trommer"
    for size in (1, 2, 3):
        assert _pages("tuba fritidsjob", size, 4) == found
