import re
from collections import Counter

import pytest
from django.urls import reverse

from inputs.similarity import MIN_SIMILARITY, similar_inputs, terms

pytestmark = pytest.mark.django_db


def test_terms_stem_danish_and_drop_stop_words():
    counts = terms("De ældre beboere og de ældres naboer i afdelingerne")
    assert "og" not in counts and "de" not in counts
    # Inflected forms fall together.
    assert counts[next(iter(terms("ældre")))] == 2
    assert terms("afdelingerne") == terms("afdelingen")


def test_terms_are_the_archive_search_terms():
    # One Danish analyser: the ASCII spelling meets the Danish one here as
    # in the archive, and a word the search keeps is kept here too.
    from search.analysis import analyse

    assert terms("Køge") == terms("Koege")
    assert terms("Ålborg og Aalborg")[analyse("Aalborg")[0]] == 2
    text = "Ingen hjælp mod ensomheden i Næstved for de ældre"
    assert terms(text) == Counter(analyse(text))


PAIRS = [
    (
        "Ensomme ældre i afdelingen",
        "Mange ældre beboere har isoleret sig under nedlukningen og er ensomme.",
        "Ensomhed blandt ældre beboere i afdelingerne",
        "Flere af de ældste beboere isolerede sig under nedlukningen og følte "
        "sig ensomme.",
    ),
    (
        "Lektiehjælp til børn",
        "Børnene er kommet bagud i skolen under hjemmeundervisningen.",
        "Lektiecafé for skolebørn",
        "Skolebørn kom bagud med lektierne, da skolen holdt lukket, og de "
        "fik ingen hjælp til undervisningen hjemme.",
    ),
    (
        "Gæld og huslejerestancer",
        "Beboere har mistet arbejdet og kan ikke betale huslejen.",
        "Huslejerestance efter fyringer",
        "Flere beboere blev fyret og kom bagud med at betale husleje.",
    ),
]


def test_near_duplicates_rank_first(make_input):
    inputs = []
    for title_a, text_a, title_b, text_b in PAIRS:
        a = make_input(title=title_a, challenge=text_a, solution="")
        b = make_input(title=title_b, challenge=text_b, solution="")
        inputs.append((a, b))
    make_input(title="Hjemløse i opgangen", challenge="Hjemløse sover i kælderen.")
    for a, b in inputs:
        assert similar_inputs(a)[0][0] == b
        assert similar_inputs(b)[0][0] == a
    top = similar_inputs(inputs[0][0])
    assert len(top) <= 5
    assert top[0][1] > 0.2


def test_draft_inputs_and_self_are_never_similar(make_input):
    item = make_input(title="Ensomme ældre")
    make_input(status="draft", title="Ensomme ældre")
    assert similar_inputs(item) == []


def test_cached_vectors_follow_edits(make_input, mod):
    from inputs.services.moderation import input_redact

    a = make_input(
        title="Lektiehjælp til børn", challenge="Børn bagud i skolen", solution=""
    )
    b = make_input(
        title="Huslejegæld", challenge="Beboere skylder husleje", solution=""
    )
    c = make_input(title="Gæld", challenge="Beboere skylder penge", solution="")
    assert similar_inputs(b)[0][0] == c
    input_redact(
        input=a,
        user=mod,
        version=a.version,
        title="Huslejegæld",
        challenge="Beboere skylder husleje",
        solution="",
        answers={},
    )
    b.refresh_from_db()
    assert similar_inputs(b)[0][0] == a


def test_inputs_alike_in_a_word_or_two_are_not_listed(mod_client, make_input):
    # Before, every input that shared any term was listed ("lighed 2 %").
    item = make_input(
        title="Lektiehjælp til børn",
        challenge="Børnene er kommet bagud i skolen under hjemmeundervisningen.",
        solution="Frivillige studerende hjælper med lektier over video.",
    )
    twin = make_input(
        title="Lektiecafé for skolebørn",
        challenge="Skolebørn kom bagud med lektierne under hjemmeundervisningen.",
        solution="Studerende hjælper børnene med lektier over video.",
    )
    far = [
        make_input(
            title="Gæld og huslejerestancer",
            challenge="Beboere har mistet arbejdet og kan ikke betale huslejen.",
            solution="Gældsrådgivning hver tirsdag, også over video.",
        ),
        make_input(
            title="Ensomme ældre",
            challenge="Ældre beboere sidder alene, og besøg er frarådet.",
            solution="Frivillige ringer til dem hver uge.",
        ),
    ]
    assert all(0 < score < MIN_SIMILARITY for _i, score in similar_inputs(far[0]))
    assert [other for other, _s in similar_inputs(item)] == [twin]
    html = mod_client.get(reverse("inputs_moderation:inspect", args=[item.pk])).text
    assert twin.title in html and far[0].title not in html
    assert far[1].title not in html
    html = mod_client.get(reverse("inputs_moderation:inspect", args=[far[0].pk])).text
    assert "Ingen lignende input fundet." in html
    assert not re.search(r"lighed \d+ %", html)
