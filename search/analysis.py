"""Danish text analysis shared by the database backends.

SQLite's FTS5 knows no Danish, so every text is turned into terms here, the
same way at index and at query time: lower case, Snowball's Danish stemmer,
Danish stop words, then folding to one ASCII spelling (æ→ae, ø→oe, å→aa,
é→e), so that Køge, Koege and KØGE, or Ålborg and Aalborg, meet. Compound
words are split with a fixed dictionary (search/data/lexicon.txt), so that a
part finds the whole and the whole finds its parts written apart; being
fixed, it makes a document's terms depend on the document alone, whether it
is indexed on its own or in a rebuild."""

import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

_stemmer = snowballstemmer.stemmer("danish")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe"})
_DATA = Path(__file__).parent / "data"

# Danish stop words (Snowball's list, trimmed of words that carry meaning
# in this archive such as "ingen" and "mod").
STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "mig",
        "sig",
        "men",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "ham",
        "hun",
        "nu",
        "over",
        "da",
        "fra",
        "du",
        "ud",
        "sin",
        "dem",
        "os",
        "op",
        "man",
        "hans",
        "hvor",
        "eller",
        "hvad",
        "skal",
        "selv",
        "her",
        "alle",
        "vil",
        "blev",
        "kunne",
        "ind",
        "når",
        "være",
        "dog",
        "noget",
        "ville",
        "jo",
        "deres",
        "efter",
        "ned",
        "skulle",
        "denne",
        "end",
        "dette",
        "mit",
        "også",
        "under",
        "have",
        "dig",
        "anden",
        "hende",
        "mine",
        "alt",
        "meget",
        "sit",
        "sine",
        "vor",
        "end",
        "dig",
        "disse",
        "mange",
        "sådan",
        "hvis",
        "din",
        "nogle",
        "hos",
        "blive",
        "mange",
        "ad",
        "bliver",
        "hendes",
        "været",
        "thi",
        "jer",
        "sådan",
        "en",
    ]
    # Function words that Snowball's short list lacks: they say nothing
    # about a topic, and a query word that is one of them decided which
    # inputs ranked first ("ledighed blandt unge" ranked whatever said
    # "blandt"), and the feedback picked them as topic words.
    + [
        "blandt",
        "gennem",
        "igennem",
        "omkring",
        "ifølge",
        "samt",
        "både",
        "endnu",
        "stadig",
        "allerede",
        "derfor",
        "fordi",
        "ofte",
        "bare",
        "hvordan",
        "hvorfor",
        "hvilke",
        "hvilken",
        "især",
        "heller",
        "måske",
        "kan",
        "får",
        "fik",
        "gør",
        "gøre",
        "flere",
        "helt",
        "andre",
        "andet",
        "hver",
        "hvert",
        "før",
        "inden",
    ]
)
# Linking letters Danish puts between the parts of a compound (arbejds-plads).
_LINKS = ("s", "e")
MIN_PART = 3


def fold(word: str) -> str:
    """One canonical ASCII spelling: æøå as ae/oe/aa, accents dropped."""
    word = word.lower().translate(_FOLD)
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c))


# An input's reference number, as inputs.services.submission.reference_for
# writes it (BL-2020-0035) and as people type it: any case, with a space,
# another dash (‐ – —) or nothing between its parts. It is one word, whose
# term is the reference without separators (bl20200035): split, it was the
# words "bl", "2020" and "0035", and every input of 2020 held two of them.
_SEPARATOR = r"[\s\-\u2010-\u2015\u2212]{0,3}"
REFERENCE = re.compile(
    rf"\bbl{_SEPARATOR}(\d{{4}}){_SEPARATOR}(\d{{4,}})\b", re.IGNORECASE
)
# The same copied without "BL-" (2020-0035): a year, one dash and a number
# with its leading zero, so a span of years (2019-2020) stays two words.
# (Not the end of one written with "BL-", which has become bl-2020-0035.)
_BARE_REFERENCE = re.compile(
    r"(?<![\w\-\u2010-\u2015\u2212])(20\d\d)[\-\u2010-\u2015\u2212](0\d{3})\b"
)


def reference_parts(word: str) -> tuple[str, str] | None:
    """(year, number) when the word is a reference number, else None."""
    match = REFERENCE.fullmatch(word)
    return (match[1], match[2]) if match else None


def words(text: str) -> list[str]:
    """The words of a text, lower case, hyphenated words split; a reference
    number is one word, written bl-<year>-<number>."""
    text = REFERENCE.sub(lambda m: f" bl-{m[1]}-{m[2]} ", (text or "").lower())
    text = _BARE_REFERENCE.sub(lambda m: f" bl-{m[1]}-{m[2]} ", text)
    out = []
    for token in _WORD.findall(text):
        if reference_parts(token):
            out.append(token)
        elif "-" in token:
            out.extend(part for part in token.split("-") if part)
        else:
            out.append(token)
    return out


@lru_cache(maxsize=200_000)
def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS or fold(word) in _FOLDED_STOP_WORDS


_FOLDED_STOP_WORDS = frozenset(fold(w) for w in STOP_WORDS)


_RING = "\u030a"


def strip_accents(word: str) -> str:
    """é → e, ü → u, but å stays å (a Danish letter, not an accent)."""
    out = []
    for c in unicodedata.normalize("NFD", word):
        if unicodedata.combining(c) and not (c == _RING and out and out[-1] in "aA"):
            continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


# An adjective in -ig and its forms (fattige, ledigt, ledighed). Snowball
# cuts the -ig off, and the root it leaves is often another word: fattig →
# fat ("få fat i"), ledig → led (leder). Those keep their -ig here; -lig
# (voldelig → vold, personlig → person) stays Snowball's, whose roots mean
# much the same (telling billig from bil-lig would take a dictionary).
_IG = re.compile(r"(\w{2,}[^\Wl]ig)(?:e|t|ere|ste|st|hed|heden|heder|hederne)?")


# Nouns whose Snowball stem is another word's, with their endings: each
# form, and a compound ending in one, stems to the noun as written.
# lejlighed (a flat) stems to lej, as leje (rent) and lejer (tenant) do, so
# "huslejehjælp" found every input that mentions a flat; bolig (a home)
# stems to bol, as bole and boller (buns) do, and a typo of those was
# "corrected" to every input about housing.
_OWN_STEM = re.compile(r"(\w*(?:lejlighed|bolig))(?:en|er|erne|ens|ers|ernes|s)?")


# A noun ending in a stressed e (café, idé, allé, te) takes its endings
# after the e: caféen, caféer, caféerne. Snowball cuts the bare word's e
# (cafe → caf) but leaves it on the others (cafeen → cafe), so
# "lektiecafé" did not find "lektiecaféen". Its forms stem as the bare word.
_STRESSED_E = re.compile(r"(\w+e)(?:en|ens|er|ers|erne|ernes)")


# Noun classes whose bare form Snowball stems otherwise than their other
# forms, each checked against every lemma of the Danish Hunspell dictionary
# (docs/search.md, "One stem per noun"):
# aktivitet → aktivit, aktiviteten → aktivitet: an -itet noun is its stem;
_ITET = re.compile(r"(\w+itet)(?:en|er|erne|ens|ers|ernes|s)?")
# tryghed → tryg, tryghederne → tryghed: a -hed noun's forms stem as it;
_HED = re.compile(r"(\w{2,}hed)(?:en|er|erne|ens|ers|ernes)")
# ministerium → ministerium, ministeriet → ministeri: -ium as -ie;
_IUM = re.compile(r"(\w{3,}i)um")
# regel → regel, regler → regl; værnemiddel, værnemidler: the bare word in
# consonant + el as its forms, which drop the e (and a doubled consonant).
# Not where the e stays (hotel, model, forskel, andel, panel, tunnel, ...).
_EL = re.compile(r"(\w+?)([^\Waeiouyæøå])\2?el")
_EL_STAYS = re.compile(
    r"\w*(?:(?<!id)del|model|skel|hotel|nnel|anel|apel|label|mel|vel|stel|akrel|allel|tabel|ornel)"
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem the Danish spelling first (the stemmer knows æøå), then fold.
    An ASCII spelling stems to the same term in nearly every case because
    the suffixes the stemmer removes contain no æøå."""
    if reference := reference_parts(word):
        return "bl" + "".join(reference)
    word = strip_accents(word.lower())
    if "aa" in word or "ae" in word or "oe" in word:
        # Koege → køge before stemming, so both spellings take the same path.
        word = word.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    own = _OWN_STEM.fullmatch(word)
    if own:
        return fold(own.group(1))
    adjective = _IG.fullmatch(word)
    if adjective:
        return fold(adjective.group(1))
    stressed = _STRESSED_E.fullmatch(word)
    if stressed:
        word = stressed.group(1)
    if noun := _ITET.fullmatch(word):
        return fold(noun.group(1))
    if noun := _HED.fullmatch(word):
        return stem(noun.group(1))
    if noun := _IUM.fullmatch(word):
        word = noun.group(1) + "e"
    elif (
        (noun := _EL.fullmatch(word))
        and len(word) > 4
        and not _EL_STAYS.fullmatch(word)
    ):
        word = noun.group(1) + noun.group(2) + "l"
    return fold(_stemmer.stemWord(word))


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[str, ...]:
    """Common Danish words in this domain (search/data/lexicon.txt)."""
    lines = (_DATA / "lexicon.txt").read_text(encoding="utf-8").splitlines()
    return tuple(w for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Their stems: the dictionary compounds are split with at index time.
    Not the archive's own vocabulary: that changes with every document, so
    a document indexed on its own was split otherwise than in a rebuild."""
    return frozenset(stem(w) for w in lexicon_words())


def split_candidates(word: str) -> list[tuple[str, str]]:
    """Every way to cut a (lower-case, unstemmed) word in two parts of at
    least MIN_PART letters, with and without a linking letter, as stems.
    Not a cut with the word's own stem as a part: the stemmer cut the rest
    off as an ending, so "sommer" (som) is no compound of som and mer (as in
    "mere"), nor "kommende" of kom and end. A reference number is none."""
    if reference_parts(word):
        return []
    whole = stem(word)
    out = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:i], word[i:]
        cuts = [(stem(left), stem(right))]
        if left[-1] in _LINKS and len(left) > MIN_PART:
            cuts.append((stem(left[:-1]), stem(right)))
        out += [cut for cut in cuts if whole not in cut]
    return out


def split_compound(word: str, known) -> tuple[str, str] | None:
    """The best split of a compound into two known stems, or None. Danish
    compounds put the head last, so the longest known head wins."""
    if len(word) < 2 * MIN_PART:
        return None
    for left, right in split_candidates(word):
        if left in known and right in known:
            return left, right
    return None


def known_parts(word: str) -> list[str]:
    """The parts of a word, as typed, that are words of the lexicon where
    the rest of it is none: the longest such first and last part. For a
    compound the search cannot split because no document holds its other
    part ("madudbringning": mad). The lexicon, not the archive's
    vocabulary: any cut of a long word has some known stem ("brandalarmer":
    larmer)."""
    word = word.lower()
    cuts = [(word[:i], word[i:]) for i in range(MIN_PART, len(word) - MIN_PART + 1)]
    known = lexicon()
    # A last part of three letters is mostly an ending ("-ing", "-hed").
    heads = [
        r
        for left, r in cuts
        if len(r) > MIN_PART and stem(r) in known and stem(left) not in known
    ]
    firsts = [left for left, r in cuts if stem(left) in known and stem(r) not in known]
    longest = (max(firsts, key=len, default=""), max(heads, key=len, default=""))
    return [p for p in longest if p and not is_stop_word(p)]


class Analyzer:
    """Turns texts into index terms: stems without stop words, plus the
    parts of each compound whose parts are both `known`. Remembers each
    word's terms, since an archive repeats its words endlessly; one
    instance serves a whole rebuild."""

    def __init__(self, known=frozenset()):
        self.known = known
        self._cache: dict[str, tuple[str, ...]] = {}

    def word_terms(self, word: str) -> tuple[str, ...]:
        terms = self._cache.get(word)
        if terms is None:
            if is_stop_word(word) or len(word) < 2:
                terms = ()
            elif reference := reference_parts(word):
                # Its parts too, as before it was one word: "0035" still
                # finds it. The query's reference is the whole term alone.
                terms = (stem(word), "bl", *reference)
            else:
                parts = split_compound(word, self.known) if self.known else None
                terms = (stem(word), *parts) if parts else (stem(word),)
            self._cache[word] = terms
        return terms

    def analyse(self, text: str) -> list[str]:
        terms: list[str] = []
        for word in words(text):
            terms.extend(self.word_terms(word))
        return terms


def analyse(text: str, known=frozenset()) -> list[str]:
    """Index terms of one text (see Analyzer)."""
    return Analyzer(known).analyse(text)


def compound_parts_needed(text: str) -> set[str]:
    """All stems a split of any word in the text could use: asked of the
    vocabulary in one query, so splitting needs no query per word."""
    needed = set()
    for word in set(words(text)):
        if len(word) >= 2 * MIN_PART and not is_stop_word(word):
            for left, right in split_candidates(word):
                needed.add(left)
                needed.add(right)
    return needed


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DANISH_LETTERS = _LETTERS + "æøå"


def edits1(term: str, letters: str = _LETTERS) -> set[str]:
    """Terms one edit away (delete, swap, replace, insert) over the folded
    alphabet (or `letters`): candidates for a misspelt query word."""
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | replaces | inserts) - {term}


# How much likelier a candidate one edit further away must be to win a
# correction: a candidate's weight is its document frequency divided by
# this per edit.
EDIT_COST = 20
# How many corrections of one word a search looks for at most.
MAX_CORRECTIONS = 3


def max_edits(word: str) -> int:
    """How many edits a word of this length may be off: none up to three
    letters (a change turns one short word into another), one up to seven,
    two from eight."""
    n = len(fold(word))
    if n <= 3:
        return 0
    return 1 if n <= 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit),
    or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ca != cb),
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def one_edit_candidates(word: str, of_stem: bool = True) -> dict[str, str | None]:
    """The terms a misspelt word may have meant one edit away: the stems of
    the words one edit from it as typed, each with that word, and
    the terms one edit from its stem (None: no word known). Both, because
    the stemmer treats a typo differently from the word: "gældsrådgivnig"
    stems to gaeldsraadgivn, three letters from gaeldsraadgivning, while the
    word is one letter from "gældsrådgivning"; "ensomhet" keeps its ending,
    "ensomhed" loses it (ensom). The word's edits are over the Danish
    alphabet, as typed: "Ishjø" is one swap from "Ishøj", three letters from
    it once folded (ishjoe, ishoej)."""
    out: dict[str, str | None] = dict.fromkeys(edits1(stem(word)) if of_stem else ())
    for edit in sorted(edits1(strip_accents(word.lower()), _DANISH_LETTERS)):
        if len(edit) >= 2 and not is_stop_word(edit):
            term = stem(edit)
            if out.get(term) is None:
                out[term] = edit
    out.pop(stem(word), None)
    return out


def compound_repairs(word: str, known) -> dict[str, str]:
    """A misspelt compound whose typo is in one part ("alkoholmisbrrug"):
    for each cut into a `known` part and a rest, the stems of the rest's
    spellings one edit away → the whole word so spelt ("alkoholmisbrug").
    Which of them the archive holds decides."""
    word = strip_accents(word.lower())
    out: dict[str, str] = {}

    def is_known(part: str) -> bool:
        linked = part[-1] in _LINKS and len(part) > MIN_PART
        return stem(part) in known or (linked and stem(part[:-1]) in known)

    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:i], word[i:]
        if is_known(left) == is_known(right):
            continue
        wrong = right if is_known(left) else left
        for edit in edits1(wrong, _DANISH_LETTERS):
            if len(edit) < MIN_PART or is_stop_word(edit):
                continue
            whole = left + edit if wrong is right else edit + right
            for part in {stem(edit), stem(edit[:-1]) if edit[-1] in _LINKS else ""}:
                if part:
                    out.setdefault(part, whole)
    return out


def misspelt_stop_word(word: str) -> bool:
    """Whether a word is one edit from a stop word of four letters or more
    ("bllandt", "ikek"): read as that stop word when nothing else fits."""
    edits = edits1(strip_accents(word.lower()), _DANISH_LETTERS)
    return any(len(e) >= 4 and is_stop_word(e) for e in edits)


def unfolded_spellings(word: str) -> dict[str, str]:
    """The terms a word typed without æ, ø and å may stand for, each with
    its spelling: one o read as ø, one a as æ or å, one e as æ ("born":
    børn, "Koge": Køge, "eldre": ældre), as the folded spellings oe, ae,
    aa. Not a typo but a keyboard, so short words are read so too."""
    folded = fold(word)
    out: dict[str, str] = {}
    for i, c in enumerate(folded):
        for letters in {"o": ("oe",), "a": ("ae", "aa"), "e": ("ae",)}.get(c, ()):
            spelt = folded[:i] + letters + folded[i + 1 :]
            if not is_stop_word(spelt):
                out.setdefault(stem(spelt), spelt)
    out.pop(stem(word), None)
    return out


def misspelling_candidates(word: str, one_edit, counts, near=None):
    """(edit distances, document counts) of the terms a misspelt word may
    have meant: its one_edit_candidates() (`one_edit`) with their `counts`;
    when none is in a document and the word may be two edits off, the
    terms `near(stem, spread)` returns (the vocabulary's terms of about
    that length, with their counts) that are within two edits of its stem."""
    distances = dict.fromkeys(one_edit, 1)
    limit = max_edits(word)
    if near is None or limit < 2 or any(t in counts for t in distances):
        return distances, counts
    s = stem(word)
    frequencies = dict(counts)
    for t, n in near(s, limit).items():
        distance = edit_distance(s, t, limit)
        if distance <= limit and t not in distances:
            distances[t] = distance
            frequencies[t] = n
    return distances, frequencies


def likely_corrections(distances: dict[str, int], frequencies) -> list[str]:
    """Of candidate terms with their edit distance, the likely ones, best
    first: a candidate's weight is log(documents) - edits × log(EDIT_COST),
    so a candidate one edit further must be EDIT_COST times as common; kept
    are those within one edit's weight of the best (at most
    MAX_CORRECTIONS), in order of weight, then alphabetical."""
    weights = {
        t: math.log(frequencies[t]) - d * math.log(EDIT_COST)
        for t, d in distances.items()
        if frequencies.get(t)
    }
    if not weights:
        return []
    ranked = sorted(weights, key=lambda t: (-weights[t], t))
    best = weights[ranked[0]]
    return [t for t in ranked if weights[t] > best - math.log(EDIT_COST)][
        :MAX_CORRECTIONS
    ]
