"""A search as the service receives it, and its answer."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.safestring import SafeString

from .analysis import (
    MIN_PART,
    compound_parts_needed,
    compound_repairs,
    fold,
    is_stop_word,
    likely_corrections,
    misspelling_candidates,
    misspelt_stop_word,
    one_edit_candidates,
    reference_parts,
    split_compound,
    stem,
    unfolded_spellings,
    words,
)

PAGE_SIZE = 20
# The deepest page the search form accepts.
MAX_PAGE = 10_000
SORTS = ("relevance", "newest")
MAX_QUERY_WORDS = 8
# Below this length a one-letter change turns one word into another: a
# search corrects only longer words by itself (a "Mente du" suggestion,
# which the person chooses, corrects from four letters).
MIN_TYPO_LENGTH = 5
# A correction of a word with a short stem is a word the stemmer cuts by at
# most this many letters (sundhed: sund).
MAX_CUT = 3


class SearchUnavailable(Exception):
    """The search engine cannot answer now (down, overloaded): the page says
    so, and indexing tasks try again later."""


@dataclass(frozen=True)
class Viewer:
    """Who searches, reduced to what visibility depends on."""

    is_moderator: bool = False
    partnership_ids: tuple[str, ...] = ()


ANONYMOUS = Viewer()


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    viewer: Viewer = ANONYMOUS
    facets: bool = True
    # Only documents published after this (the saved-search digest).
    since: datetime | None = None
    # Offer a corrected query when this one finds little (search/spelling.py):
    # the archive page and its exports do; digests and the API do not.
    correct: bool = False
    # Typed word -> the term to search instead (a corrected search).
    corrections: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    key: str
    source: str
    object_id: int
    title: SafeString
    excerpt: SafeString
    url: str
    organisation_name: str | None
    published_at: datetime | None
    status: str
    visibility: str
    meta: dict
    # Holds none of the typed words (nor their synonyms): found through the
    # words the best answers share, or the themes the query names.
    related: bool = False

    @property
    def date(self) -> datetime | None:
        """The date the hit shows: when it entered the archive (an input's
        acceptance, a summary's publication), the date "newest" sorts by, as
        the API's published_at."""
        return self.published_at


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Suggestion:
    """A corrected query ("Mente du …?"). `shown`: the result holds its
    hits, because the query as typed (`typed`) found nothing."""

    query: str
    typed: str
    shown: bool


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    suggestion: Suggestion | None = None

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass
class TermGroup:
    """One query word: the document matches it if it has any alternative, and
    an alternative is a set of terms that must all be there (a compound
    written apart)."""

    word: str
    alternatives: list[tuple[str, ...]]
    # What holding the group counts in the ranking: 1 for a typed word,
    # less for the expansion (search/feedback.py).
    weight: float = 1.0

    def terms(self) -> set[str]:
        return {t for alt in self.alternatives for t in alt}


def parse(
    query: str, *, known_terms, synonyms, corrections=None, near_terms=None
) -> list[TermGroup]:
    """Turn what the person typed into term groups: stems, their synonyms,
    compound parts, and the likeliest correction of each word the index
    never saw.

    `known_terms(candidates) -> {term: documents}` answers which candidate
    terms exist in the vocabulary (or the lexicon), in one query; `synonyms`
    maps a stem to the analysed alternatives of its synonym group;
    `corrections` maps a typed word to the one term to search for it
    instead (search/spelling.py, "Mente du"); `near_terms(term, spread)`
    gives the vocabulary's terms of about that length and first letter
    with their document counts, for corrections two edits away."""
    corrections = corrections or {}
    typed = [w for w in words(query) if not is_stop_word(w)][:MAX_QUERY_WORDS]
    if not typed:
        return []
    typed = list(dict.fromkeys(typed))
    stems = {w: stem(w) for w in typed}
    apart = _written_apart(query)
    known = known_terms(
        set(stems.values())
        | compound_parts_needed(" ".join(typed))
        | {j for joined in apart.values() for j in joined}
    )
    # A word the moderators' synonyms name is a word, not a typo.
    known = {**dict.fromkeys(s for s in stems.values() if s in synonyms), **known}
    # A compound written as two words ("fødevare hjælp"): the whole, when
    # it is a word, is an alternative of both, and neither is a typo.
    joined = {}
    for (a, b), candidates in apart.items():
        whole = next((j for j in candidates if j in known or j in synonyms), None)
        if whole:
            for w in (a, b):
                joined.setdefault(w, []).append(whole)
                known.setdefault(stems[w], 1)
    guessed = misspelt(
        [w for w in typed if w not in corrections],
        stems,
        known,
        known_terms,
        near_terms,
        synonyms,
    )
    # A misspelt stop word ("bllandt") is a stop word.
    typed = [w for w in typed if guessed.get(w, ()) is not None]
    guessed = {w: g for w, g in guessed.items() if g}
    # A corrected word joins a phrase as its correction would ("fysisk
    # aktvitet": motion).
    meant = {w: guessed[w][0][0] if w in guessed else s for w, s in stems.items()}
    phrases = _synonym_phrases(typed, meant, synonyms)
    groups = []
    for word in typed:
        if word in phrases:
            groups.append(phrases[word])
        elif word in corrections:
            term = corrections[word]
            alternatives = [(term,)]
            alternatives += [a for a in synonyms.get(term, ()) if a != (term,)]
            groups.append(TermGroup(word=word, alternatives=alternatives))
        elif word in guessed:
            # Corrected, but if the correction is no compound, the word as
            # typed may still be one of known parts ("hjemlæse": hjem, læse).
            terms, spelt, spelt_known = guessed[word]
            if not (spelt and split_compound(spelt, spelt_known)):
                spelt, spelt_known = word, known
            word_groups = _word_groups(word, spelt, terms[0], spelt_known, synonyms)
            for group in word_groups:
                group.alternatives += [(t,) for t in terms[1:]]
            groups += word_groups
        else:
            groups += _word_groups(word, word, stems[word], known, synonyms)
    for group in groups:
        for whole in joined.get(group.word, ()):
            extra = [(whole,), *synonyms.get(whole, ())]
            group.alternatives = _unique(group.alternatives + extra)
    return groups


def _written_apart(query: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each pair of neighbouring words of the query (no stop word between)
    → the stems the two would make written together, with and without a
    linking s ("sprog barriere": sprogbarrier; "arbejde plads":
    arbejdsplads). Danes often write a compound apart."""
    out = {}
    typed = words(query)
    for a, b in zip(typed, typed[1:], strict=False):
        if is_stop_word(a) or is_stop_word(b) or a == b:
            continue
        out[(a, b)] = tuple(dict.fromkeys([stem(a + b), stem(a + "s" + b)]))
    return out


def _synonym_phrases(typed, stems, synonyms) -> dict[str, TermGroup]:
    """Typed words that together spell a member of a synonym group ("fysisk
    aktivitet", "enlige mødre"): each such word → its group, which the
    phrase's synonyms also satisfy ("motion" holds both "fysisk" and
    "aktivitet"), as a compound's parts each are a group the whole word
    satisfies. Apart, the words are not synonyms ("fysisk" is no
    "motion"), so only the words together get the group's members."""
    members = {}
    for alternatives in synonyms.values():
        for alt in alternatives:
            if len(alt) > 1:
                members[alt] = alternatives
    if not members:
        return {}
    longest = max(len(m) for m in members)
    out: dict[str, TermGroup] = {}
    i = 0
    while i < len(typed):
        for n in range(min(longest, len(typed) - i), 1, -1):
            span = typed[i : i + n]
            alternatives = members.get(tuple(stems[w] for w in span))
            if alternatives is not None:
                for w in span:
                    own = [(stems[w],)] + [
                        a for a in synonyms.get(stems[w], ()) if a != (stems[w],)
                    ]
                    out[w] = TermGroup(
                        word=w, alternatives=_unique([*own, *alternatives])
                    )
                i += n
                break
        else:
            i += 1
    return out


def _unique(alternatives) -> list[tuple[str, ...]]:
    return list(dict.fromkeys(alternatives))


def misspelt(
    typed,
    stems,
    known,
    known_terms,
    near_terms,
    synonyms,
    shortest: int = MIN_TYPO_LENGTH,
) -> dict:
    """Each typed word the index never saw (even if it splits into known
    parts: "hjemlæse" is hjem and læse, and a typo of "hjemløse") → (the
    likely terms it meant, best first; the best spelt as a word, when
    known; the known terms its split needs), or None for a misspelt stop
    word ("bllandt"). The one rule of the search's own corrections and of
    "Mente du" (search/spelling.py), which also corrects shorter words.

    A word the vocabulary or the synonyms hold is never corrected. See
    _candidates() for what a word may have meant; a term the synonyms name
    counts as known ("alkholikere"), and more documents win
    (analysis.likely_corrections). A compound with nothing one edit away
    may be misspelt in one part ("alkoholmisbrrug", _compound_repair)."""
    unknown = [
        w
        for w in typed
        if stems[w] not in known
        and stems[w] not in synonyms
        and len(fold(w)) >= 3
        # A reference no document holds is no typo of one that some does.
        and not reference_parts(w)
    ]
    if not unknown:
        return {}
    short = {w for w in unknown if len(stems[w]) < MIN_TYPO_LENGTH}
    near = {w: _candidates(w, w in short, shortest) for w in unknown}
    candidates = set().union(*(n.keys() for n in near.values()))
    counts = {
        **dict.fromkeys(candidates & synonyms.keys(), 1),
        **known_terms(candidates),
    }
    out = {}
    for word in unknown:
        distances, frequencies = misspelling_candidates(
            word, near[word], counts, None if word in short else near_terms
        )
        likely = likely_corrections(distances, frequencies)
        if likely:
            out[word] = (likely, near[word].get(likely[0]))
        elif repaired := _compound_repair(word, known, known_terms):
            out[word] = ([stem(repaired)], repaired)
        elif misspelt_stop_word(word):
            out[word] = None
    spelt = [g[1] for g in out.values() if g and g[1]]
    parts = known_terms(compound_parts_needed(" ".join(spelt))) if spelt else {}
    return {w: g and (*g, parts) for w, g in out.items()}


def _candidates(word: str, short_stem: bool, shortest: int) -> dict:
    """The terms a misspelt word may have meant, each with its spelling:
    read without æøå only when it is shorter than `shortest` ("born":
    børn; a letter changed turns one short word into another); from the
    word as typed also one edit away when its stem is short ("skaber" is
    skab, one edit from many another stem); else one edit from the word and
    from its stem (two edits from eight letters, analysis.max_edits)."""
    if len(word) < shortest:
        return unfolded_spellings(word)
    if short_stem:
        # Not a word the stemmer cuts to a short stem of another's:
        # "hemmelige" is no typo of "hjemmelige" (hjem).
        edits = one_edit_candidates(word, of_stem=False).items()
        near = {t: w for t, w in edits if len(fold(w)) - len(t) <= MAX_CUT}
        return unfolded_spellings(word) | near
    return one_edit_candidates(word)


def _compound_repair(word, known, known_terms) -> str | None:
    """The likeliest spelling of a compound misspelt in one part (one query
    more): the one whose repaired part more documents hold."""
    if len(word) < 2 * MIN_PART + 1 or split_compound(word, known):
        return None
    # A short part is one edit from many others ("løshed": læshed, laes).
    repairs = {
        t: w
        for t, w in compound_repairs(word, known).items()
        if len(t) >= MIN_TYPO_LENGTH
    }
    counts = known_terms(repairs.keys()) if repairs else {}
    if not counts:
        return None
    best = max(counts, key=lambda t: (counts[t], t))
    return repairs[best]


def _word_groups(word, spelt, s, known, synonyms) -> list[TermGroup]:
    """The groups of one typed `word`, spelt `spelt` (corrected or as
    typed), whose stem is `s`: one group, or one per compound part."""
    alternatives: list[tuple[str, ...]] = [(s,)]
    alternatives += [alt for alt in synonyms.get(s, ()) if alt != (s,)]
    parts = split_compound(spelt, known)
    if parts and parts[1] in ("lig", "elig"):
        parts = None
    alternatives = _unique(alternatives)
    if not parts:
        return [TermGroup(word=word, alternatives=alternatives)]
    # A compound counts as its parts, each a word of its own that the
    # whole word (or its synonyms) also satisfies: "ungdomskriminalitet"
    # finds "kriminalitet blandt unge", and what holds both parts, or
    # the whole, ranks above what holds one.
    groups = []
    for part in parts:
        extra = [(part,)] + [a for a in synonyms.get(part, ()) if a != (part,)]
        groups.append(
            TermGroup(
                word=word,
                alternatives=alternatives + [a for a in extra if a not in alternatives],
            )
        )
    return groups
