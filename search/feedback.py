"""Pseudo-relevance feedback: recall for inputs that say the same thing in
other words.

A first search ranks the documents; the best of them that hold every word
group of the query are taken as being about it, and the terms they share
that are rare in the archive become one more word group, weighed below a
word of the query (RM3's idea, reduced to what a coordination ranking can
use). So a document holding all the query's words still ranks by them, but
among documents holding as many, one that also uses the words the best
answers use comes first, and a document that holds none of the typed words
but several of those terms is found at all, after the rest."""

import math
from collections import Counter

from .models import ArchiveDocument
from .query import TermGroup

Source = ArchiveDocument.Source

# How many of the first search's documents are read (those holding every
# group of the query), how many of their terms the query gains at most,
# and how much holding one of them counts against a word of the query (1).
FEEDBACK_DOCUMENTS = 10
EXPANSION_TERMS = 10
EXPANSION_WEIGHT = 0.5
# A term in more than this share of the archive says nothing about a topic.
MAX_SHARE = 0.2
# A term must be in at least this many of the documents read.
MIN_SHARED = 2
# Feedback is for a query that finds little. When this many documents hold
# every word typed, they fill the first pages, ranked by those words alone,
# and the expansion would only add and reorder what follows them (and cost
# a broad query's count the union of ten more terms).
ENOUGH = 100


def witnesses(documents: list[tuple[str, str]]) -> list[str]:
    """The terms of the documents the feedback reads, from (source, terms)
    in rank order: inputs only. A summary quotes inputs, so beside an
    input it quotes, every quoted word was "shared by two", and the
    feedback found whatever shares one such word with that input."""
    return [terms for source, terms in documents if source == Source.INPUT]


def holds(group: TermGroup, terms: set[str]) -> bool:
    return any(set(alt) <= terms for alt in group.alternatives)


def expansion(
    groups: list[TermGroup], documents: list[str], counts
) -> TermGroup | None:
    """The expansion group for a query's `groups`, from the terms of the
    first search's best documents (`documents`, in rank order, each its
    space-separated terms) and `counts(terms) -> ({term: documents},
    documents in the archive)`. None when the best document does not hold
    every group (a weak match: feedback would spread its noise), or
    nothing qualifies."""
    read = [set(text.split()) for text in documents[:FEEDBACK_DOCUMENTS]]
    if len(read) < MIN_SHARED or not all(holds(g, read[0]) for g in typed(groups)):
        return None
    shared = Counter(t for terms in read for t in terms)
    own = {t for g in groups for t in g.terms()}
    candidates = [
        t for t, n in shared.items() if n >= MIN_SHARED and t not in own and len(t) > 2
    ]
    frequencies, total = counts(candidates)
    if not total:
        return None
    weights = {
        t: shared[t] * math.log(total / frequencies[t])
        for t in candidates
        if 0 < frequencies.get(t, 0) <= MAX_SHARE * total
    }
    chosen = sorted(weights, key=lambda t: (-weights[t], t))[:EXPANSION_TERMS]
    if not chosen:
        return None
    return TermGroup(
        word="", alternatives=[(t,) for t in chosen], weight=EXPANSION_WEIGHT
    )


def related(groups: list[TermGroup], terms: set[str]) -> bool:
    """Whether a document with these terms holds none of the typed words:
    the expansion (or the themes' group) found it."""
    words = typed(groups)
    return bool(words) and not any(holds(g, terms) for g in words)


def typed(groups: list[TermGroup]) -> list[TermGroup]:
    """The groups of the words the person typed (no expansion)."""
    return [g for g in groups if g.weight >= 1]
