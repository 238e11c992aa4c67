"""The Danish analysis every database backend shares (no database needed)."""

import pytest

from search.analysis import (
    analyse,
    edits1,
    fold,
    lexicon,
    split_compound,
    stem,
    words,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sårbare", "sårbar"),
        ("familier", "familie"),
        ("Køge", "Koege"),
        ("Næstved", "Naestved"),
        ("Ålborg", "Aalborg"),
        ("ÆLDRE", "ældre"),
        ("café", "cafe"),
    ],
)
def test_spellings_and_inflections_meet_in_one_term(a, b):
    assert stem(a) == stem(b)


def test_fold_gives_one_ascii_spelling():
    assert fold("Æblegrød på Ærø") == "aeblegroed paa aeroe"


def test_stop_words_are_not_terms():
    assert analyse("det er en og i på") == []


def test_function_words_snowball_lacks_are_not_terms():
    # "blandt" decided which inputs ranked first for "ledighed blandt unge".
    assert analyse("ledighed blandt unge") == [stem("ledighed"), stem("unge")]
    assert analyse("hvordan får vi flere med igennem sommeren") == [stem("sommeren")]


def test_compound_splits_into_known_parts():
    assert split_compound("lektiehjælp", lexicon()) == (stem("lektie"), stem("hjælp"))
    assert split_compound("beboerrådgivning", lexicon()) == (
        stem("beboer"),
        stem("rådgivning"),
    )
    assert split_compound("københavn", lexicon()) is None


def test_compound_terms_include_parts():
    terms = analyse("Lektiehjælp i afdelingen", lexicon())
    assert {stem("lektiehjælp"), stem("lektie"), stem("hjælp")} <= set(terms)


def test_edits1_reaches_a_swapped_or_missing_letter():
    assert "famili" in edits1("famlii")
    assert "famili" in edits1("famli")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("skolelukning", ("skole", "lukning")),
        ("madposer", ("mad", "poser")),
        ("plejehjemsbeboere", ("plejehjem", "beboere")),
        ("fritidsjob", ("fritid", "job")),
    ],
)
def test_the_lexicon_splits_the_fields_compounds(word, parts):
    # Parts added from the themes, the seed letters and welfare vocabulary.
    assert split_compound(word, lexicon()) == tuple(stem(p) for p in parts)
    assert set(map(stem, parts)) <= set(analyse(word, lexicon()))


def test_the_stemmer_is_pystemmers_c_implementation():
    # snowballstemmer falls back to its pure-Python stemmers, some forty
    # times slower, when PyStemmer is missing; nothing else would notice.
    import Stemmer

    from search import analysis

    assert isinstance(analysis._stemmer, Stemmer.Stemmer)


@pytest.mark.parametrize(
    ("forms", "other"),
    [
        # Snowball cuts -ig off, and the root left is another word.
        (["fattig", "fattige", "fattigt"], "fat"),  # "fik fat i familierne"
        (["ledig", "ledige", "ledighed", "ledigheden"], "leder"),
        (["hurtig", "hurtigt"], "hurt"),
    ],
)
def test_an_adjective_in_ig_keeps_its_ig(forms, other):
    terms = {t for form in forms for t in analyse(form)}
    assert stem(other) not in terms
    assert len({stem(f) for f in forms}) == 1


def test_an_adjective_in_lig_is_snowballs():
    # -lig's root means much the same: voldelige mænd and vold meet. (Which
    # -lig is a suffix takes a dictionary: billig still stems to bil.)
    assert stem("voldelige") == stem("vold")
    assert stem("krigen") == stem("krig")


def test_a_flat_is_not_the_rent():
    # Snowball stems lejlighed (a flat) as leje (rent) and lejer (tenant).
    flats = {stem(w) for w in ("lejlighed", "lejligheden", "lejlighederne")}
    assert len(flats) == 1
    assert flats.isdisjoint({stem("leje"), stem("lejer"), stem("husleje")})


def test_a_home_is_not_a_bun():
    # Snowball stems bolig (a home) as bole and boller (buns): a typo one
    # edit from those ("tole") was corrected to every input about housing.
    homes = {stem(w) for w in ("bolig", "boligen", "boliger", "boligerne", "boligs")}
    assert len(homes) == 1
    assert homes.isdisjoint({stem("bole"), stem("boller")})
    # A compound ending in it keeps it too, in each of its forms.
    assert stem("ældrebolig") == stem("ældreboligerne") != stem("ældre")


@pytest.mark.parametrize(
    "forms",
    [
        ["café", "cafe", "caféen", "caféer", "caféerne", "cafeens"],
        ["lektiecafé", "lektiecaféen", "lektiecafeer"],
        ["idé", "idéen", "ideer", "idéerne"],
        ["te", "teen", "teer"],
    ],
)
def test_a_noun_in_stressed_e_has_one_stem(forms):
    # Snowball cut the bare word's e (cafe: caf) and not its forms' (caféen:
    # cafe), so "lektiecafé" did not find "Lektiecaféen åbner igen".
    assert len({stem(f) for f in forms}) == 1


@pytest.mark.parametrize(
    "forms",
    [
        ["aktivitet", "aktiviteten", "aktiviteter", "aktiviteterne"],
        ["kriminalitet", "kriminaliteten"],
        ["tryghed", "trygheden", "trygheder", "tryghederne"],
        ["vanskelighed", "vanskeligheden", "vanskelighederne"],
        ["ministerium", "ministeriet", "ministerier", "ministerierne"],
        ["regel", "reglen", "regler", "reglerne"],
        ["værnemiddel", "værnemidlet", "værnemidler", "værnemidlerne"],
        ["mangel", "manglen", "mangler"],
        ["eksempel", "eksemplet", "eksempler"],
        ["advarsel", "advarslen", "advarsler"],
        # Where the e stays, the forms stem as before.
        ["hotel", "hotellet", "hoteller"],
        ["model", "modellen", "modeller"],
        ["forskel", "forskellen", "forskelle"],
    ],
)
def test_a_nouns_bare_form_stems_as_its_other_forms(forms):
    # Snowball stemmed "aktivitet" aktivit but "aktiviteter" aktivitet,
    # "tryghederne" tryghed but "tryghed" tryg, "regel" regel but "regler"
    # regl: a query in one form missed the inputs in the other.
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


@pytest.mark.parametrize("word", ["heden", "kaffen", "lederen", "poser", "billigere"])
def test_other_words_ending_in_e_and_an_ending_stem_as_before(word):
    from search import analysis

    assert stem(word) == analysis.fold(analysis._stemmer.stemWord(word))


def test_an_adjective_in_lige_is_no_compound_of_lige():
    # "frivil-lige", "vold-elige": the suffix is no word of its own, and as
    # one ("lige": just, equal) it counted the word twice and matched
    # every text saying "lige".
    from search.query import parse

    known = {"frivil", "lig", "vold", "elig", "maend"}
    groups = parse(
        "frivillige voldelige",
        known_terms=lambda c: {t: 1 for t in c if t in known},
        synonyms={},
    )
    assert [g.alternatives for g in groups] == [[("frivil",)], [("vold",)]]


def test_a_reference_number_is_one_term_however_typed():
    from datetime import datetime
    from types import SimpleNamespace

    from inputs.services.submission import reference_for

    written = reference_for(SimpleNamespace(created_at=datetime(2020, 5, 1), pk=35))
    typed = [written, "bl-2020-0035", "BL 2020 0035", "BL\u20132020\u20130035"]
    assert {tuple(words(t)) for t in typed} == {("bl-2020-0035",)}
    assert {stem(w) for t in typed for w in words(t)} == {"bl20200035"}
    # Indexed with its parts, as before: "0035" alone still finds it.
    assert analyse(f"Se {written}.") == ["se", "bl20200035", "bl", "2020", "0035"]
    assert words("BL-regi 2020") == ["bl", "regi", "2020"]
    # Without "BL-", as people copy it from a list: a year, a dash and a
    # number with its leading zero. A span of years stays two words.
    assert words("2020-0035") == words("2020\u20130035") == ["bl-2020-0035"]
    assert words("2019-2020") == ["2019", "2020"]
    assert words("2020 0035") == ["2020", "0035"]
