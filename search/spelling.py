"""Misspelt query words: "Mente du …?".

When a search finds little or nothing, each query word the archive does not
know is corrected against the index's vocabulary (vocabulary.py): within an
edit distance that grows with the word's length, preferring the candidate
more documents hold. A word the vocabulary holds is never corrected. The
corrected search runs as the same viewer; if it finds more, the page offers
it ("Mente du …?"), and shows its results when the typed search found none.

Nothing may leak from texts the viewer cannot read. So a visitor's or a
member's words are corrected against the public documents' vocabulary only,
a moderator's against all; a correction is offered only if the viewer's own
corrected search finds something; and the word shown is taken from those
hits' marked words, which the viewer may read."""

import math
import re
from collections import Counter
from dataclasses import replace
from html import unescape

from .analysis import (
    compound_parts_needed,
    edits1,
    fold,
    is_stop_word,
    lexicon,
    split_compound,
    stem,
    words,
)
from .query import MAX_QUERY_WORDS, SearchRequest, SearchResult, Suggestion
from .vocabulary import document_frequencies, terms_near

# A search with fewer hits than this gets a suggestion, if there is one.
FEW = 3
# How much likelier a candidate one edit further away must be to win: a
# candidate's weight is its document frequency divided by this per edit.
EDIT_COST = 20
_MARKED = re.compile(r"<mark>(.*?)</mark>")


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


def corrections(query: str, *, public: bool) -> dict[str, str]:
    """Each misspelt word of the query → the term it most likely meant, as
    the vocabulary of public documents (`public`) or of all documents knows
    them. A word is misspelt when neither the vocabulary nor the lexicon
    holds its stem and it is no compound of known parts. One query, and one
    more per word of eight letters or more."""
    typed = [w for w in words(query) if not is_stop_word(w)][:MAX_QUERY_WORDS]
    typed = [w for w in dict.fromkeys(typed) if max_edits(w)]
    if not typed:
        return {}
    stems = {w: stem(w) for w in typed}
    candidates = set(stems.values()) | compound_parts_needed(" ".join(typed))
    for s in stems.values():
        candidates |= edits1(s)
    frequencies = document_frequencies(candidates, public=public)
    known = frequencies.keys() | lexicon()
    out = {}
    for word, s in stems.items():
        if s in known or split_compound(word, known):
            continue
        limit = max_edits(word)
        one_off = edits1(s)
        near = {t: (1, n) for t, n in frequencies.items() if t in one_off}
        if limit > 1:
            for t, n in terms_near(s, spread=limit, public=public).items():
                distance = edit_distance(s, t, limit)
                if distance <= limit and t not in near:
                    near[t] = (distance, n)
        if near:
            out[word] = max(
                near,
                key=lambda t: (
                    math.log(near[t][1]) - near[t][0] * math.log(EDIT_COST),
                    t,
                ),
            )
    return out


def shown_word(term: str, typed: str, result: SearchResult) -> str:
    """How the viewer's own hits write the term: of their marked words with
    that stem, the one nearest what was typed, then the one they use most;
    else the term."""
    seen: Counter[str] = Counter()
    for hit in result.hits:
        for text in (hit.title, hit.excerpt):
            for marked in _MARKED.findall(str(text)):
                word = unescape(marked).lower()
                if stem(word) == term:
                    seen[word] += 1
    if not seen:
        return term
    folded = fold(typed)

    def nearness(word):
        return (edit_distance(folded, fold(word), 99), -seen[word], word)

    return min(seen, key=nearness)


def rewrite(query: str, replacements: dict[str, str]) -> str:
    """The query as typed, with each misspelt word replaced."""
    for word, correct in replacements.items():
        query = re.sub(
            rf"(?<![^\W_]){re.escape(word)}(?![^\W_])",
            correct,
            query,
            flags=re.IGNORECASE,
        )
    return query


def with_suggestion(
    request: SearchRequest, result: SearchResult, *, search
) -> SearchResult:
    """The result, with a suggestion when it is thin and a correction finds
    more; the corrected result itself when the typed query found nothing.
    `search` is the backend's search."""
    if not request.correct or result.total >= FEW or not request.query.strip():
        return result
    public = not request.viewer.is_moderator
    corrected = corrections(request.query, public=public)
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
    if other.total <= result.total:
        return result
    query = rewrite(
        request.query, {w: shown_word(t, w, other) for w, t in corrected.items()}
    )
    answer = other if shown else result
    answer.suggestion = Suggestion(query=query, typed=request.query, shown=shown)
    return answer
