"""Elasticsearch as the archive's store, with the same meaning as the
database backends: Elasticsearch receives the terms of our own Danish
analyser (search/analysis.py) in a whitespace-analysed field, and a query
is our own parse() (stems, compounds, synonyms, typos corrected against the
same vocabulary) turned into term queries. Elasticsearch scales the store,
the filtering, the counting and the BM25 score; it decides nothing about
Danish (docs/search.md says why, and lists what still differs).

Writes go to an alias (ELASTICSEARCH_INDEX); a rebuild fills a new index
and swaps the alias atomically, so searches never see a partial archive."""

import itertools
import json
import math
import uuid
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime

from elastic_transport import TransportError
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from ..documents import FACETS, MODERATOR_FACETS, IndexDocument
from ..feedback import ENOUGH, FEEDBACK_DOCUMENTS, expansion, typed, witnesses
from ..highlight import Marks
from ..query import SearchRequest, SearchResult, SearchUnavailable
from ..vocabulary import VocabularyChange
from .common import (
    by_word,
    empty_result,
    index_analyzer,
    make_hit,
    parse_query,
    term_counts,
    viewer_facets,
)
from .database import Audience
from .elasticsearch_mapping import (
    MAPPING,
    RESULT_WINDOW,
    SEP,
    SETTINGS,
    entry_for,
)
from .types import FacetCount, IndexedState

# Each query word group a document holds outweighs any BM25 score, so
# documents with more of the words rank first (as rank_sql() does).
GROUP_WEIGHT = 10_000
# More values than any facet has (98 municipalities, tens of themes).
FACET_SIZE = 1000
BULK_CHUNK = 500
BULK_TIMEOUT = 120
BULK_RETRIES = 5
BULK_BACKOFF = 2


ANSWERED = "answered"
# The name of a typed word's clause: a hit's matched_queries lacks it when
# only the feedback's or the themes' words found it.
TYPED = "typed"
# The feedback's count of the documents holding every typed word.
EVERY_WORD = "every_word"


def visibility_filter(request: SearchRequest) -> list[dict]:
    """Visibility, facet filters and `since`: the database backend's
    where_sql() as filter clauses (every filter also narrows the counts)."""
    viewer = request.viewer
    clauses = []
    if not viewer.is_moderator:
        shared = [{"term": {"audience": int(Audience.PUBLIC)}}]
        if viewer.partnership_ids:
            shared.append(
                {
                    "bool": {
                        "filter": [
                            {"term": {"audience": int(Audience.PARTNERSHIP)}},
                            {
                                "terms": {
                                    "facet_values.partnership": list(
                                        viewer.partnership_ids
                                    )
                                }
                            },
                        ]
                    }
                }
            )
        clauses.append({"bool": {"should": shared, "minimum_should_match": 1}})
    for name in FACETS:
        values = request.filters.get(name)
        if values and (viewer.is_moderator or name not in MODERATOR_FACETS):
            clauses.append({"terms": {f"facet_values.{name}": list(values)}})
    if request.since:
        clauses.append({"range": {"published_at": {"gt": request.since}}})
    return clauses


def group_query(group, moderator: bool) -> dict:
    """A document holds the word group if it holds any alternative, and an
    alternative is all of its terms (the database's fts_expression())."""
    fields = ["terms", "restricted_terms"] if moderator else ["terms"]
    alternatives = []
    for alternative in group.alternatives:
        for field in fields:
            terms = [{"term": {field: t}} for t in alternative]
            alternatives.append(
                terms[0] if len(terms) == 1 else {"bool": {"must": terms}}
            )
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def answered_filter(groups, moderator: bool) -> dict:
    """The documents that answer the query by common.no_answer()'s rule:
    twice the typed words they hold (common.by_word()), plus the weights of
    the other groups they hold (the themes' and the feedback's, a half
    each), is more than the typed words."""
    groups = by_word(groups)
    words = typed(groups)
    queries = [group_query(g, moderator) for g in words]

    def holding(n: int) -> dict:
        return {"bool": {"should": queries, "minimum_should_match": n}}

    n = len(words)
    should = [holding(n // 2 + 1)]
    extra = [g for g in groups if g.weight < 1]
    for size in range(1, len(extra) + 1):
        for held in itertools.combinations(extra, size):
            # 2 × (words + their weights) > n
            need = math.floor(n / 2 - sum(g.weight for g in held)) + 1
            if 0 < need <= n // 2:
                must = [group_query(g, moderator) for g in held]
                should.append({"bool": {"must": [*must, holding(need)]}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def search_body(request: SearchRequest, groups, offset: int, size: int) -> dict:
    moderator = request.viewer.is_moderator
    query: dict = {"filter": visibility_filter(request)}
    ranked = bool(groups) and request.sort == "relevance"
    if groups:
        matches = [group_query(g, moderator) for g in groups]
        # Named, so a hit says whether it holds a typed word (Hit.related).
        should = [
            {"bool": m["bool"] | {"_name": TYPED}} if g.weight >= 1 else m
            for g, m in zip(groups, matches, strict=True)
        ]
        if ranked:
            should += [
                {"constant_score": {"filter": m, "boost": GROUP_WEIGHT * g.weight}}
                for g, m in zip(groups, matches, strict=True)
            ]
        query |= {"should": should, "minimum_should_match": 1}
    newest = [
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"object_id": "desc"},
        {"source": "asc"},
    ]
    body = {
        "query": {"bool": query},
        "sort": (["_score"] if ranked else []) + newest,
        "track_total_hits": True,
        "from": offset,
        "size": size,
        "_source": {"excludes": ["terms", "restricted_terms", "facet_*"]},
    }
    aggs = {}
    if request.facets:
        names = [n for n in FACETS if moderator or n not in MODERATOR_FACETS]
        aggs = {
            n: {"terms": {"field": f"facet_labels.{n}", "size": FACET_SIZE}}
            for n in names
        }
    if len({g.word for g in typed(groups)}) >= 2:
        # None of these documents, and the query has no answer.
        aggs[ANSWERED] = {"filter": answered_filter(groups, moderator)}
    if aggs:
        body["aggs"] = aggs
    return body


def _date(value):
    return datetime.fromisoformat(value) if value else None


def _window_too_large(error: BadRequestError) -> bool:
    return "result window is too large" in json.dumps(error.body).lower()


def _unavailable(error: Exception) -> bool:
    """Errors that mean "try again later", not a bug of ours."""
    if isinstance(error, TransportError):  # connection errors and timeouts
        return True
    return isinstance(error, ApiError) and (
        error.meta.status == 429 or error.meta.status >= 500
    )


@contextmanager
def _guard():
    try:
        yield
    except (TransportError, ApiError) as error:
        if _unavailable(error):
            raise SearchUnavailable(str(error)) from error
        raise


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, *, url: str, index: str, api_key=None, ca_certs=None):
        self.client = Elasticsearch(
            url,
            api_key=api_key or None,
            ca_certs=ca_certs or None,
            request_timeout=10,
            retry_on_timeout=True,
            max_retries=2,
        )
        self.alias = index
        self._ready = False
        # The index a rebuild fills, until it swaps the alias to it.
        self._building: str | None = None

    # --- the index and its alias ------------------------------------------
    def _create(self, name: str, **settings) -> None:
        self.client.options(ignore_status=400).indices.create(
            index=name, settings=SETTINGS | settings, mappings=MAPPING
        )

    def _ensure_index(self) -> None:
        """Once per process: an empty index behind the alias when there is
        none. Two processes starting together create the same index name
        (the second create is a harmless 400) and add the same alias."""
        if self._ready:
            return
        with _guard():
            if not self.client.indices.exists_alias(name=self.alias):
                first = f"{self.alias}-initial"
                self._create(first)
                self.client.indices.update_aliases(
                    actions=[{"add": {"index": first, "alias": self.alias}}]
                )
        self._ready = True

    def _aliased(self) -> list[str]:
        response = self.client.options(ignore_status=404).indices.get_alias(
            name=self.alias
        )
        return [] if response.meta.status == 404 else sorted(response.body)

    @contextmanager
    def bulk_load(self):
        """A rebuild: fill a new index (no refreshes while it fills), then
        swap the alias to it in one atomic request and delete the old one.
        A failed rebuild deletes the new index and leaves the old in place."""
        name = f"{self.alias}-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        with _guard():
            self._create(name, refresh_interval="-1")
        self._building = name
        try:
            yield
            with _guard():
                self.client.indices.put_settings(
                    index=name, settings={"refresh_interval": None}
                )
                self.client.indices.refresh(index=name)
                old = self._aliased()
                actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
                actions.append({"add": {"index": name, "alias": self.alias}})
                self.client.indices.update_aliases(actions=actions)
                for index in old:
                    self.client.options(ignore_status=404).indices.delete(index=index)
            self._ready = True
        except BaseException:
            # The original error matters, not one from tidying up after it.
            with suppress(TransportError, ApiError):
                self.client.options(ignore_status=404).indices.delete(index=name)
            raise
        finally:
            self._building = None

    def clear(self) -> None:
        """Within a rebuild the new index is empty already; outside one, an
        empty rebuild."""
        if self._building is None:
            with self.bulk_load():
                pass

    def after_rebuild(self) -> None:
        """bulk_load() swapped the alias and deleted the old index."""

    def analyse_tables(self) -> None:
        """Elasticsearch keeps its own statistics."""

    def facet_sets(self):
        """Facet sets are the database backend's; Elasticsearch counts itself."""

    # --- writes -----------------------------------------------------------
    def index(self, document: IndexDocument) -> None:
        self.index_many([document])

    def index_many(
        self, documents, analyzer=None, sets=None, fresh=False, vocabulary=None
    ) -> None:
        """Bulk requests that retry a 429 with backoff; a rebuild's go to
        its new index and wait for no refresh, a single update waits for
        the one that makes it searchable. The vocabulary's counts only grow
        here (a replaced document's old terms are not fetched to count them
        out) until the next rebuild counts afresh; spelling.py shows no
        suggestion the viewer's own search does not confirm."""
        if not documents:
            return
        analyzer = analyzer or index_analyzer()
        entries = [entry_for(d, analyzer) for d in documents]
        change = vocabulary or VocabularyChange()
        for e in entries:
            change.add(e["terms"].split(), public=e["audience"] == Audience.PUBLIC)
        if vocabulary is None:
            change.save()
        target = self._building
        if target is None:
            self._ensure_index()
            target = self.alias
        actions = ({"_index": target, "_id": e["key"], "_source": e} for e in entries)
        options = {} if self._building else {"refresh": "wait_for"}
        with _guard():
            # raise_on_error=False: with it on, the helper raises at the first
            # rejected document instead of retrying the 429s.
            failed = [
                item
                for ok, item in streaming_bulk(
                    self.client.options(request_timeout=BULK_TIMEOUT),
                    actions,
                    chunk_size=BULK_CHUNK,
                    max_retries=BULK_RETRIES,
                    initial_backoff=BULK_BACKOFF,
                    raise_on_error=False,
                    **options,
                )
                if not ok
            ]
        if failed:
            statuses = [next(iter(i.values())).get("status", 500) for i in failed]
            if any(s == 429 or s >= 500 for s in statuses):
                raise SearchUnavailable(f"{len(failed)} document(s) not indexed")
            raise BulkIndexError(f"{len(failed)} document(s) failed to index", failed)

    def remove(self, key: str) -> None:
        self._ensure_index()
        with _guard():
            self.client.options(ignore_status=404).delete(
                index=self.alias, id=key, refresh="wait_for"
            )

    # --- reads ------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        groups = parse_query(request)
        if request.query.strip() and not groups:
            return empty_result(request)
        self._ensure_index()
        page = max(1, request.page)
        offset = (page - 1) * request.page_size
        size = request.page_size
        if offset + size > RESULT_WINDOW:
            # Past the deepest page anyone can ask for: no hits, as past
            # the last match; the total and the counts still.
            offset, size = 0, 0
        if groups and request.sort == "relevance":
            groups = self._with_feedback(request, groups)
        body = search_body(request, groups, offset, size)
        with _guard():
            try:
                response = self.client.search(index=self.alias, **body)
            except BadRequestError as error:
                if not _window_too_large(error):
                    raise
                # An index made with a smaller window than ours.
                body |= {"from": 0, "size": 0}
                response = self.client.search(index=self.alias, **body)
            except NotFoundError as error:
                # The index went away under us: make one at the next request.
                self._ready = False
                raise SearchUnavailable(str(error)) from error
        aggregations = dict(response.get("aggregations") or {})
        answered = aggregations.pop(ANSWERED, None)
        if answered is not None and answered["doc_count"] == 0:
            return empty_result(request)
        marks = Marks.of(typed(groups))
        hits = [
            make_hit(
                hit["_source"]
                | {"published_at": _date(hit["_source"].get("published_at"))},
                marks,
                related=bool(groups) and TYPED not in hit.get("matched_queries", ()),
            )
            for hit in response["hits"]["hits"]
        ]
        facets = {}
        if request.facets:
            rows = []
            for name, aggregation in aggregations.items():
                for bucket in aggregation["buckets"]:
                    value, _, label = bucket["key"].partition(SEP)
                    rows.append(FacetCount(name, value, label, bucket["doc_count"]))
            facets = viewer_facets(request, rows)
        total = response["hits"]["total"]["value"]
        return SearchResult(hits, total, facets, page, request.page_size)

    def _with_feedback(self, request: SearchRequest, groups):
        """The query's groups and, when the first ranking's best documents
        agree on other words, the group of those words (search/feedback.py),
        as on the database backends: not when ENOUGH documents hold every
        typed word, nor for a query without an answer. One request more:
        the ten best documents' terms, and how many hold every typed word."""
        first = replace(request, facets=False)
        body = search_body(first, groups, 0, FEEDBACK_DOCUMENTS)
        every = [group_query(g, request.viewer.is_moderator) for g in typed(groups)]
        body["aggs"] = body.get("aggs", {}) | {
            EVERY_WORD: {"filter": {"bool": {"must": every}}}
        }
        body |= {"_source": ["source", "terms"], "track_total_hits": False}
        with _guard():
            response = self.client.search(index=self.alias, **body)
        aggregations = response["aggregations"]
        answered = aggregations.get(ANSWERED)
        if aggregations[EVERY_WORD]["doc_count"] >= ENOUGH or (
            answered is not None and answered["doc_count"] == 0
        ):
            return groups
        texts = witnesses(
            [
                (hit["_source"].get("source", ""), hit["_source"].get("terms", ""))
                for hit in response["hits"]["hits"]
            ]
        )
        extra = expansion(groups, texts, term_counts) if len(texts) > 1 else None
        return [*groups, extra] if extra else groups

    # --- the index check --------------------------------------------------
    def stored_terms(self, keys: list[str]) -> dict[str, str]:
        """The terms the index holds for these keys, as indexing stored them."""
        if not keys:
            return {}
        self._ensure_index()
        with _guard():
            found = self.client.mget(index=self.alias, ids=keys, source=["terms"])
        return {
            d["_id"]: d["_source"]["terms"] for d in found["docs"] if d.get("found")
        }

    def index_state(self) -> dict[str, IndexedState]:
        """Every indexed key with what the index check compares, in pages
        sorted by key (search_after: no window, no scroll context)."""
        self._ensure_index()
        state: dict[str, IndexedState] = {}
        after = None
        with _guard():
            while True:
                page = self.client.search(
                    index=self.alias,
                    query={"match_all": {}},
                    source=["status", "visibility", "title"],
                    sort=[{"key": "asc"}],
                    size=5000,
                    search_after=after,
                )
                hits = page["hits"]["hits"]
                if not hits:
                    return state
                for hit in hits:
                    src = hit["_source"]
                    state[hit["_id"]] = IndexedState(
                        src["status"], src["visibility"], src["title"]
                    )
                after = hits[-1]["sort"]
