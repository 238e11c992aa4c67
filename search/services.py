"""The archive search service: index, remove, search. Everything else in the
project talks to the archive through these functions; the backend behind
them is chosen by settings (see backends/__init__.py)."""

from dataclasses import dataclass, field, replace

from django.db import transaction
from tqdm import tqdm

from .analysis import is_stop_word, known_parts, words
from .backends import get_backend
from .backends.common import index_analyzer
from .backends.types import IndexedState
from .documents import (
    choice_labels,
    input_document,
    input_key,
    inputs_for_index,
    should_index_input,
    summary_document,
    summary_key,
)
from .query import MAX_QUERY_WORDS, SearchRequest, SearchResult
from .spelling import with_suggestion
from .vocabulary import VocabularyChange, vocabulary_clear


def archive_index(*, document) -> None:
    """Put the document in the index, replacing any earlier version."""
    get_backend().index(document)


def archive_remove(*, key: str) -> None:
    """Take the document out of the index; a missing key is no error."""
    get_backend().remove(key)


def archive_search(*, request: SearchRequest) -> SearchResult:
    """Hits with highlighted excerpts, facet counts and the total, holding
    only what request.viewer may see: visibility is part of the query. With
    request.correct, a thin result carries a corrected query the viewer's
    own search confirms, and a result of none the corrected one's hits."""
    backend = get_backend()
    result = backend.search(request)
    return with_suggestion(request, result, search=backend.search)


def typed_words(query: str) -> list[str]:
    """The words of a query that the search looks for, in order."""
    typed = [w for w in words(query) if not is_stop_word(w)]
    return list(dict.fromkeys(typed))[:MAX_QUERY_WORDS]


def archive_words_alone(*, request: SearchRequest) -> list[tuple[str, int]]:
    """For a search that found nothing: each typed word with how many
    documents it finds alone, as the same viewer with the same filters,
    those that find any. A query that no document answers by more than
    half its words finds nothing (backends/common.no_answer); the page
    then offers its words one at a time, so the person need not guess
    which to drop ("ældre unge": ældre, 3 · unge, 4). One word that finds
    nothing is offered its parts that are words of the lexicon
    (analysis.known_parts: "madudbringning", whose "udbringning" no
    document holds, offers mad)."""
    typed = typed_words(request.query)
    offered = known_parts(typed[0]) if len(typed) == 1 else typed
    backend = get_backend()
    found = []
    for word in offered:
        alone = replace(request, query=word, page=1, page_size=1, facets=False)
        total = backend.search(alone).total
        if total:
            found.append((word, total))
    return found


def archive_index_input(*, input_id: int) -> None:
    """(Re)index one input, or remove it when it must no longer be found
    (deleted, or back to draft). Safe to run twice."""
    archive_index_inputs(input_ids=[input_id])


def archive_index_inputs(*, input_ids: list[int]) -> None:
    """What archive_index_input does for each of these inputs, with those
    to index written in one go (an import's batch). Safe to run twice."""
    found = {i.pk: i for i in inputs_for_index().filter(pk__in=input_ids)}
    labels = choice_labels()
    indexed = [pk for pk in sorted(found) if should_index_input(found[pk])]
    get_backend().index_many([input_document(found[pk], labels) for pk in indexed])
    for pk in set(input_ids) - set(indexed):
        archive_remove(key=input_key(pk))
    # A summary's text holds its quotes only while they may be shown
    # (cms.citations): when an input changes, so may the summaries quoting it.
    for page_id in summaries_quoting(input_ids=set(input_ids)):
        archive_index_summary(page_id=page_id)


def summaries_quoting(*, input_ids: set[int]) -> list[int]:
    """The live summaries that quote any of these inputs. Summaries are few;
    their stored bodies are read without rendering them."""
    from cms.citations import quoted_input_ids
    from cms.models import SummaryPage

    pages = SummaryPage.objects.live().only("pk", "body")
    return [p.pk for p in pages if input_ids & set(quoted_input_ids(p.body))]


def archive_index_summary(*, page_id: int) -> None:
    """Index a live summary page; remove it when unpublished or deleted."""
    from cms.models import SummaryPage

    page = SummaryPage.objects.live().filter(pk=page_id).first()
    if page is None:
        archive_remove(key=summary_key(page_id))
        return
    archive_index(document=summary_document(page))


def archive_rebuild(*, batch_size: int = 2000, progress: bool = False) -> int:
    """Empty the index and fill it from the database: every input past draft
    and every live summary. Returns the number of documents indexed."""
    from cms.models import SummaryPage

    backend = get_backend()
    documents = [summary_document(p) for p in SummaryPage.objects.live()]
    labels = choice_labels()
    total = inputs_for_index().count() + len(documents)
    bar = tqdm(total=total, disable=not progress, unit="dok")
    indexed = 0
    with transaction.atomic(), backend.bulk_load():
        backend.clear()
        vocabulary_clear()
        vocabulary = VocabularyChange()
        analyzer = index_analyzer()
        sets = backend.facet_sets()
        # In pages of primary keys, oldest first: no list of ids to send.
        after = 0
        while batch := list(
            inputs_for_index().filter(pk__gt=after).order_by("pk")[:batch_size]
        ):
            backend.index_many(
                [input_document(i, labels) for i in batch],
                analyzer=analyzer,
                sets=sets,
                fresh=True,
                vocabulary=vocabulary,
            )
            after = batch[-1].pk
            indexed += len(batch)
            bar.update(len(batch))
        # Summaries last: the newest ids, first in a broad query's window
        # of ranked documents (see the database backend's _ranked_ids).
        backend.index_many(
            documents, analyzer=analyzer, sets=sets, fresh=True, vocabulary=vocabulary
        )
        bar.update(len(documents))
        vocabulary.save()
        backend.analyse_tables()
    backend.after_rebuild()
    bar.close()
    return indexed + len(documents)


# How many documents the index check analyses again (evenly spread over
# the keys): enough to see that the analysis changed, as it changes for all.
ANALYSIS_SAMPLE = 100


@dataclass
class IndexCheck:
    """Keys the index lacks, holds in an older version, or should not hold;
    and of a sample, those whose stored terms the code now analyses
    otherwise (an upgrade changed the analysis: the whole index needs a
    rebuild)."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra or self.reanalysed)


def _terms_now(keys: list[str]) -> dict[str, str]:
    """The terms indexing would store for these keys now (one query for the
    inputs, one for the summaries)."""
    from cms.models import SummaryPage

    ids = {"input": [], "summary": []}
    for key in keys:
        source, _, pk = key.partition(":")
        ids[source].append(int(pk))
    documents = [
        input_document(i) for i in inputs_for_index().filter(pk__in=ids["input"])
    ]
    documents += [
        summary_document(p)
        for p in SummaryPage.objects.live().filter(pk__in=ids["summary"])
    ]
    analyzer = index_analyzer()
    return {d.key: " ".join(analyzer.analyse(d.search_text())) for d in documents}


def _expected_state() -> dict[str, IndexedState]:
    """What the index should hold: each document's key, status, visibility
    and title as input_document() and summary_document() write them."""
    from cms.models import SummaryPage
    from inputs.states import Status

    from .documents import INPUT_VISIBILITY_PUBLIC

    state = {
        input_key(pk): IndexedState(str(status), str(visibility), title[:255])
        for pk, status, visibility, title in inputs_for_index()
        .values_list("pk", "status", "visibility", "title")
        .iterator(chunk_size=5000)
    }
    for pk, title in SummaryPage.objects.live().values_list("pk", "title"):
        state[summary_key(pk)] = IndexedState(
            str(Status.ACCEPTED),
            INPUT_VISIBILITY_PUBLIC,
            title[:255],
        )
    return state


def archive_check(*, repair: bool = False, progress: bool = False) -> IndexCheck:
    """Compare the index with the database (keys, status, visibility,
    title, every summary's terms and a sample of the inputs'); with `repair`,
    re-index what is missing or stale and remove what should not be there,
    or rebuild the whole index when the sample's terms are no longer what
    the code's analysis gives.
    Mends the updates a search engine outage lost, and an upgrade that
    changed the analysis, on any backend."""
    expected = _expected_state()
    indexed = {
        key: replace(state, title=state.title[:255])
        for key, state in get_backend().index_state().items()
    }
    check = IndexCheck(
        missing=sorted(expected.keys() - indexed.keys()),
        stale=sorted(
            k for k in expected.keys() & indexed.keys() if expected[k] != indexed[k]
        ),
        extra=sorted(indexed.keys() - expected.keys()),
    )
    same = sorted(
        k for k in expected.keys() & indexed.keys() if expected[k] == indexed[k]
    )
    # A summary's text is what its blocks rendered when it was indexed, which
    # title and status do not show. Summaries are few: each is compared, and
    # one that differs is stale, to index again (not the whole index).
    summaries = [k for k in same if k.startswith("summary:")]
    inputs = [k for k in same if not k.startswith("summary:")]
    sample = inputs[:: max(1, len(inputs) // ANALYSIS_SAMPLE)][:ANALYSIS_SAMPLE]
    stored = get_backend().stored_terms(sample + summaries)
    now = _terms_now(sample + summaries)
    check.stale += [k for k in summaries if k in now and stored.get(k) != now[k]]
    check.reanalysed = [k for k in sample if k in now and stored.get(k) != now[k]]
    if repair and check.reanalysed:
        archive_rebuild(progress=progress)
        return check
    if repair:
        for key in check.missing + check.stale:
            source, _, pk = key.partition(":")
            if source == "input":
                archive_index_input(input_id=int(pk))
            else:
                archive_index_summary(page_id=int(pk))
        for key in check.extra:
            archive_remove(key=key)
    return check
