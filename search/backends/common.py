"""What every backend answers the same way: the hits' marks and excerpts
(search/highlight.py), the facets a viewer sees and their order, and the
answer to a query of stop words only."""

from ..analysis import Analyzer, is_stop_word, lexicon, stem, words
from ..documents import FACETS, MODERATOR_FACETS
from ..highlight import Marks, excerpt, mark
from ..query import FacetValue, Hit, SearchRequest, SearchResult, TermGroup, parse
from ..synonyms import synonym_map
from ..themes import theme_group, theme_words
from ..vocabulary import ALL_DOCUMENTS, document_frequencies, terms_near
from ..vocabulary import known_terms as vocabulary_known_terms
from .types import FacetCount


def index_analyzer() -> Analyzer:
    """The analyzer documents are indexed with, alone or in a rebuild: it
    splits compounds with the lexicon only, so a document's terms do not
    depend on what else the index holds."""
    return Analyzer(lexicon())


def known_terms(candidates) -> dict[str, int]:
    """vocabulary.known_terms() over every document: the search chooses
    which words to look for, and shows only what the viewer may see."""
    return vocabulary_known_terms(candidates, public=False)


def near_terms(term: str, spread: int) -> dict[str, int]:
    """Candidates for a correction two edits away (query.parse)."""
    return terms_near(term, spread=spread, public=False)


def term_counts(candidates) -> tuple[dict[str, int], int]:
    """How many documents hold each candidate term, and how many there are."""
    found = document_frequencies({*candidates, ALL_DOCUMENTS}, public=False)
    return found, found.pop(ALL_DOCUMENTS, 0)


def parse_query(request: SearchRequest) -> list[TermGroup]:
    """The request's word groups, as every backend reads them (query.parse),
    and, ranked by relevance, the group of the themes they name
    (search/themes.py): sorted by date, what holds no typed word would be
    mixed in among what does, as the feedback would."""
    query, corrections = request.query, request.corrections
    groups = parse(
        query,
        known_terms=known_terms,
        synonyms=synonym_map(),
        corrections=corrections,
        near_terms=near_terms,
    )
    if request.sort != "relevance":
        return groups
    stems = [stem(w) for w in words(query) if not is_stop_word(w)]
    themes = theme_group(groups, stems, theme_words())
    return [*groups, themes] if themes else groups


def weighed(group: TermGroup) -> str:
    """SQL that weighs a group's 0 or 1 in a backend's rank_sql(): nothing
    for a typed word (its statement is unchanged), × 0.5 for the feedback's
    group (search/feedback.py)."""
    return "" if group.weight == 1 else f" * {float(group.weight)!r}"


def empty_result(request: SearchRequest) -> SearchResult:
    """Only stop words: nothing to look for, rather than everything."""
    return SearchResult([], 0, {}, request.page, request.page_size)


def by_word(groups: list[TermGroup]) -> list[TermGroup]:
    """The groups as no_answer() counts them: one per typed word, holding
    any of the word's groups (a compound's parts are one word, not two),
    then the themes' and the feedback's groups as they are."""
    merged: dict[str, list] = {}
    for g in groups:
        if g.weight >= 1:
            alternatives = merged.setdefault(g.word, [])
            alternatives += [a for a in g.alternatives if a not in alternatives]
    return [TermGroup(word=w, alternatives=a) for w, a in merged.items()] + [
        g for g in groups if g.weight < 1
    ]


def expanded(groups: list[TermGroup]) -> bool:
    """Whether the groups hold the themes' or the feedback's: their half
    weights may add up to a typed word, so a backend's rank_sql() puts the
    documents holding every typed word (the tier, which the page lists
    first) before the rest, or the rest's rows would not start where the
    tier ends, and the page would list a document twice and skip another."""
    return any(g.weight < 1 for g in groups)


def split_word(groups: list[TermGroup]) -> bool:
    """Whether a typed word is more than one group (a compound's parts):
    then by_word() counts otherwise than the groups."""
    typed = [g.word for g in groups if g.weight >= 1]
    return len(typed) > len(set(typed))


def no_answer(groups, best: float | None) -> bool:
    """A query of two words or more that no document answers by more than
    half of its typed words has no answer: showing the documents that
    share one common word with it ("tilbud", "taget") would fill the page
    with weak matches. `best`: the typed words the best match holds, by
    by_word(), plus the half words of the themes' and the feedback's groups
    (None: not needed, fewer than two words). A compound's parts are one
    word: "skimmelsvamp i badeværelset" found inputs that say "bad" (as in
    "bad om") and "vær", two groups of three, and one word of two."""
    words = len({g.word for g in groups})
    if best is None or words < 2:
        # One typed word, even a compound of two groups: "demensramte"
        # finds what says "demens".
        return False
    return 2 * best <= words


def make_hit(fields: dict, marks: Marks, *, related: bool = False) -> Hit:
    """A hit from a stored document's fields, marked for the query."""
    return Hit(
        key=fields["key"],
        source=fields["source"],
        object_id=int(fields["object_id"]),
        title=mark(fields["title"], marks),
        excerpt=excerpt(fields["body"], marks),
        url=fields["url"] or "",
        organisation_name=fields.get("organisation_name") or None,
        published_at=fields.get("published_at"),
        status=fields["status"],
        visibility=fields["visibility"],
        meta=fields.get("meta") or {},
        related=related,
    )


def viewer_facets(
    request: SearchRequest, counts: list[FacetCount]
) -> dict[str, list[FacetValue]]:
    """The counts as the viewer's facets. Facets the viewer may not use are
    dropped (they only ever count what the viewer may see); years newest
    first, the others by count, then label."""
    names = [
        n for n in FACETS if request.viewer.is_moderator or n not in MODERATOR_FACETS
    ]
    out: dict[str, list[FacetValue]] = {n: [] for n in names}
    for c in counts:
        if c.name not in out:
            continue
        selected = c.value in request.filters.get(c.name, ())
        # int(): PostgreSQL's SUM of counts is a numeric.
        out[c.name].append(FacetValue(c.value, c.label, int(c.count), selected))
    for name, values in out.items():
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
    return out
