"""Misspelt query words: "Mente du …?".

When a search finds little or nothing, or one of its words finds nothing
while the others find plenty, each query word the archive does not
know is corrected against the index's vocabulary (vocabulary.py): within an
edit distance that grows with the word's length, preferring the candidate
more documents hold. A word the vocabulary holds is never corrected. The
corrected search runs as the same viewer; if it finds more (among plenty:
if it finds the corrected word), the page offers it ("Mente du …?"), and
shows its results when the typed search found none.

Nothing may leak from texts the viewer cannot read. So a visitor's or a
member's words are corrected against the public documents' vocabulary only,
a moderator's against all; a correction is offered only if the viewer's own
corrected search finds something; and the word shown is taken from the
words those hits show, which the viewer may read (and a correction no such
word confirms is not offered)."""

import re
from collections import Counter
from dataclasses import replace
from html import unescape

from .analysis import (
    compound_parts_needed,
    edit_distance,
    fold,
    is_stop_word,
    stem,
    words,
)
from .query import (
    MAX_QUERY_WORDS,
    MIN_TYPO_LENGTH,
    SearchRequest,
    SearchResult,
    Suggestion,
    misspelt,
)
from .synonyms import synonym_map
from .vocabulary import known_terms, terms_near

# A search with fewer hits than this gets a suggestion, if there is one;
# one with more, only for a word that found nothing.
FEW = 3
# A suggestion, which the person chooses, corrects words from this length;
# the search by itself from query.MIN_TYPO_LENGTH.
SUGGESTED_FROM = 4
_MARKED = re.compile(r"<mark>(.*?)</mark>")


def corrections(query: str, *, public: bool) -> dict[str, str]:
    """Each misspelt word of the query → the term it most likely meant, as
    the vocabulary of public documents (`public`) or of all documents knows
    them: the search's own rule (query.misspelt), from four letters."""
    typed = [w for w in words(query) if not is_stop_word(w)][:MAX_QUERY_WORDS]
    typed = list(dict.fromkeys(typed))
    if not typed:
        return {}
    stems = {w: stem(w) for w in typed}

    def known(candidates) -> dict[str, int]:
        return known_terms(candidates, public=public)

    guessed = misspelt(
        typed,
        stems,
        known(set(stems.values()) | compound_parts_needed(" ".join(typed))),
        known,
        lambda t, spread: terms_near(t, spread=spread, public=public),
        synonym_map(),
        shortest=SUGGESTED_FROM,
    )
    return {w: g[0][0] for w, g in guessed.items() if g}


def _marked_words(result: SearchResult):
    for hit in result.hits:
        for text in (hit.title, hit.excerpt):
            for marked in _MARKED.findall(str(text)):
                yield unescape(marked).lower()


def _shown_words(result: SearchResult):
    """The words the hits show: those marked in their titles and excerpts,
    and the names beside them (organisation, municipality, estate), which a
    search finds but does not mark."""
    yield from _marked_words(result)
    for hit in result.hits:
        names = (
            hit.organisation_name,
            hit.meta.get("municipality"),
            hit.meta.get("estate"),
        )
        for name in names:
            yield from words(name or "")


def _shown(term: str, result: SearchResult) -> Counter[str]:
    """The words with this stem that the result's hits show, with counts."""
    return Counter(w for w in _shown_words(result) if stem(w) == term)


def _short_word_unshown(query: str, result: SearchResult) -> bool:
    """Whether the hits show no word of a typed word of four letters. The
    search corrects longer words itself (query.MIN_TYPO_LENGTH), by the
    rule a suggestion follows, so only such a word can have found nothing
    that a correction would find; for any other query the vocabulary need
    not be asked."""
    shown = {stem(w) for w in _shown_words(result)}
    return any(
        SUGGESTED_FROM <= len(w) < MIN_TYPO_LENGTH and stem(w) not in shown
        for w in words(query)
        if not is_stop_word(w)
    )


def shown_word(term: str, typed: str, result: SearchResult) -> str:
    """How the viewer's own hits write the term: of the words with that
    stem they show, the one nearest what was typed, then the one they use
    most; else the term."""
    seen = _shown(term, result)
    if not seen:
        return term
    folded = fold(typed)

    def nearness(word):
        return (edit_distance(folded, fold(word), 99), -seen[word], word)

    return min(seen, key=nearness)


def rewrite(query: str, replacements: dict[str, str]) -> str:
    """The query as typed, with each misspelt word replaced (capitalised
    where it was: "Isøj" → "Ishøj")."""
    for word, correct in replacements.items():
        query = re.sub(
            rf"(?<![^\W_]){re.escape(word)}(?![^\W_])",
            lambda m, c=correct: c.capitalize() if m[0][:1].isupper() else c,
            query,
            flags=re.IGNORECASE,
        )
    return query


def with_suggestion(
    request: SearchRequest, result: SearchResult, *, search
) -> SearchResult:
    """The result, with a suggestion when a correction finds more: when it
    is thin, or when a typed word found nothing among plenty that the other
    words found ("ensm ældre beboer": the hits are about "ældre beboer",
    and the page offers "ensom ældre beboer"). The corrected result itself
    when the typed query found nothing. `search` is the backend's search."""
    if not request.correct or not request.query.strip():
        return result
    thin = result.total < FEW
    if not thin and not _short_word_unshown(request.query, result):
        return result
    public = not request.viewer.is_moderator
    corrected = corrections(request.query, public=public)
    if not thin:
        # A word the search corrected itself is shown in its hits already.
        corrected = {w: t for w, t in corrected.items() if not _shown(t, result)}
    if not corrected:
        return result
    shown = result.total == 0
    other = search(
        replace(
            request,
            corrections=corrected,
            facets=request.facets and shown,
            page=request.page if shown else 1,
        )
    )
    if thin and other.total <= result.total:
        return result
    if not all(_shown(t, other) for t in corrected.values()):
        # The word offered is one the viewer's own hits write (among plenty
        # the totals say little): not a stem that only compounds hold
        # ("klup" read as "klub", which only "fodboldklubben" held).
        return result
    query = rewrite(
        request.query, {w: shown_word(t, w, other) for w, t in corrected.items()}
    )
    answer = other if shown else result
    answer.suggestion = Suggestion(query=query, typed=request.query, shown=shown)
    return answer
