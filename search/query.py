"""A search as the service receives it, and its answer."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.safestring import SafeString

from .analysis import (
    compound_parts_needed,
    edits1,
    is_stop_word,
    split_compound,
    stem,
    words,
)

PAGE_SIZE = 20
# The deepest page the search form accepts.
MAX_PAGE = 10_000
SORTS = ("relevance", "newest")
MAX_QUERY_WORDS = 8
# Below this length a one-letter change turns one word into another.
MIN_TYPO_LENGTH = 5


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

    @property
    def date(self) -> datetime | None:
        """The date the hit shows: an input's submission, a summary's
        publication. published_at (when it entered the archive) orders
        "newest" and the digests; a document indexed before meta had a date
        falls back to it."""
        stored = self.meta.get("date")
        return datetime.fromisoformat(stored) if stored else self.published_at


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
    terms: frozenset[str] = frozenset()
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

    def terms(self) -> set[str]:
        return {t for alt in self.alternatives for t in alt}


def parse(query: str, *, known_terms, synonyms, corrections=None) -> list[TermGroup]:
    """Turn what the person typed into term groups: stems, their synonyms,
    compound parts, and one-edit corrections of words the index never saw.

    `known_terms(candidates) -> set` answers which candidate terms exist in
    the vocabulary, in one query; `synonyms` maps a stem to the analysed
    alternatives of its synonym group; `corrections` maps a typed word to
    the one term to search for it instead (search/spelling.py)."""
    corrections = corrections or {}
    typed = [w for w in words(query) if not is_stop_word(w)][:MAX_QUERY_WORDS]
    if not typed:
        return []
    stems = {w: stem(w) for w in typed}
    candidates = set(stems.values()) | compound_parts_needed(" ".join(typed))
    for s in stems.values():
        if len(s) >= MIN_TYPO_LENGTH:
            candidates |= edits1(s)
    known = known_terms(candidates)
    groups = []
    for word in dict.fromkeys(typed):
        if word in corrections:
            term = corrections[word]
            alternatives = [(term,)]
            alternatives += [a for a in synonyms.get(term, ()) if a != (term,)]
            groups.append(TermGroup(word=word, alternatives=alternatives))
            continue
        s = stems[word]
        alternatives: list[tuple[str, ...]] = [(s,)]
        alternatives += [alt for alt in synonyms.get(s, ()) if alt != (s,)]
        if s not in known and len(s) >= MIN_TYPO_LENGTH:
            alternatives += [(t,) for t in sorted(edits1(s) & known)]
        parts = split_compound(word, known)
        if not parts:
            groups.append(TermGroup(word=word, alternatives=alternatives))
            continue
        # A compound counts as its parts, each a word of its own that the
        # whole word (or its synonyms) also satisfies: "ungdomskriminalitet"
        # finds "kriminalitet blandt unge", and what holds both parts, or
        # the whole, ranks above what holds one.
        for part in parts:
            extra = [(part,)] + [a for a in synonyms.get(part, ()) if a != (part,)]
            groups.append(
                TermGroup(
                    word=word,
                    alternatives=alternatives
                    + [a for a in extra if a not in alternatives],
                )
            )
    return groups
