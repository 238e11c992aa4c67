"""Elasticsearch, through elasticsearch-dsl: a Danish analyzer (folding æøå to
the same ASCII spelling as the database backends, Danish stop words and
stemmer, a dictionary decompounder, the moderators' synonyms at query time),
a FacetedSearch with highlighting, and more-like-this.

Visibility is a filter inside the query itself (never a post_filter)."""

import json
from contextlib import contextmanager

from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch_dsl import (
    Date,
    Document,
    FacetedSearch,
    Index,
    Keyword,
    Q,
    Search,
    TermsFacet,
    Text,
    analyzer,
    char_filter,
    connections,
    token_filter,
)
from elasticsearch_dsl.query import MoreLikeThis

from inputs.selectors import PUBLISHED_STATUSES

from ..analysis import STOP_WORDS, fold, lexicon_words
from ..documents import FACETS, MODERATOR_FACETS, IndexDocument
from ..query import FacetValue, Hit, SearchRequest, SearchResult, Viewer

ALIAS = "archive"
SEP = "\x1f"
FRAGMENT_SIZE = 220

fold_danish_letters = char_filter(
    "fold_danish_letters",
    type="mapping",
    mappings=["æ=>ae", "Æ=>Ae", "ø=>oe", "Ø=>Oe", "å=>aa", "Å=>Aa"],
)
danish_stop = token_filter(
    "danish_stop", type="stop", stopwords=sorted({fold(w) for w in STOP_WORDS})
)
danish_stemmer = token_filter("danish_stemmer", type="stemmer", language="danish")


def _decompounder():
    return token_filter(
        "danish_decompounder",
        type="dictionary_decompounder",
        word_list=sorted({fold(w) for w in lexicon_words()}),
        min_subword_size=3,
        only_longest_match=True,
    )


def danish_analyzer(name: str, synonyms: list[str] | None = None):
    """Index analyzer (no synonyms) or, with `synonyms` (Solr format lines),
    the search analyzer."""
    filters = ["lowercase", "asciifolding", danish_stop, _decompounder()]
    if synonyms:
        filters.append(
            token_filter(
                "danish_synonyms", type="synonym_graph", synonyms=synonyms, lenient=True
            )
        )
    filters.append(danish_stemmer)
    return analyzer(
        name, tokenizer="standard", char_filter=[fold_danish_letters], filter=filters
    )


DANISH = "danish_archive"
DANISH_SEARCH = "danish_archive_search"


def _text():
    return Text(analyzer=DANISH, search_analyzer=DANISH_SEARCH)


class ArchiveEntry(Document):
    key = Keyword()
    source = Keyword()
    object_id = Keyword()
    title = _text()
    body = _text()
    extra_text = _text()
    # An anonymised organisation's name: only moderators' queries search it.
    restricted_text = _text()
    url = Keyword(index=False)
    organisation_name = Keyword()
    status = Keyword()
    visibility = Keyword()
    published_at = Date()
    meta_json = Keyword(index=False)

    class Index:
        name = "partnerportalen-archive"


# One keyword field per facet holds the raw values (filters), another
# "value␟label" (the aggregation, so buckets carry their labels).
for _name in FACETS:
    ArchiveEntry._doc_type.mapping.field(_name, Keyword())
    ArchiveEntry._doc_type.mapping.field(f"{_name}_facet", Keyword())


def synonym_lines() -> list[str]:
    from ..models import Synonym

    return [
        ", ".join(fold(p.lower()) for p in s.phrases()) for s in Synonym.objects.all()
    ]


def build_index(name: str, synonyms: list[str]) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(danish_analyzer(DANISH))
    index.analyzer(danish_analyzer(DANISH_SEARCH, synonyms or None))
    index.document(ArchiveEntry)
    return index


def entry_for(document: IndexDocument) -> ArchiveEntry:
    entry = ArchiveEntry(
        meta={"id": document.key},
        key=document.key,
        source=document.source,
        object_id=str(document.object_id),
        title=document.title,
        body=document.body,
        extra_text=document.extra_text,
        restricted_text=document.restricted_text,
        url=document.url,
        organisation_name=document.organisation_name,
        status=document.status,
        visibility=document.visibility,
        published_at=document.published_at,
        meta_json=json.dumps(document.meta),
    )
    for name in FACETS:
        values = [(v, lb) for n, v, lb in document.facets if n == name]
        entry[name] = [v for v, _ in values]
        entry[f"{name}_facet"] = [f"{v}{SEP}{lb}" for v, lb in values]
    return entry


def visibility_filter(viewer: Viewer):
    """The same rules as the database backend's WHERE clause."""
    if viewer.is_moderator:
        return None
    shared = Q("term", visibility="public")
    if viewer.partnership_ids:
        shared |= Q("term", visibility="partnership") & Q(
            "terms", partnership=list(viewer.partnership_ids)
        )
    return Q("terms", status=[str(s) for s in PUBLISHED_STATUSES]) & shared


class LabelledTermsFacet(TermsFacet):
    """Aggregates "value␟label" but filters on the plain value field."""

    def __init__(self, name: str, **kwargs):
        self.value_field = name
        super().__init__(field=f"{name}_facet", size=100, **kwargs)

    def add_filter(self, filter_values):
        if filter_values:
            return Q("terms", **{self.value_field: list(filter_values)})
        return None


def text_query(query: str, moderator: bool):
    """Any word may match (with one typo), documents with all words first."""
    fields = ["title^3", "body", "extra_text"] + (
        ["restricted_text"] if moderator else []
    )
    any_word = Q(
        "multi_match",
        query=query,
        fields=fields,
        operator="or",
        fuzziness="AUTO",
        prefix_length=1,
    )
    all_words = Q("multi_match", query=query, fields=fields, operator="and", boost=2.0)
    return Q("bool", must=[any_word], should=[all_words])


class ArchiveFacetedSearch(FacetedSearch):
    index = "partnerportalen-archive"
    doc_types = [ArchiveEntry]
    fields = ["title", "body"]

    def __init__(self, request: SearchRequest, index: str, using: str = ALIAS):
        self.index = index
        self.using = using
        self.request = request
        names = [
            n
            for n in FACETS
            if request.viewer.is_moderator or n not in MODERATOR_FACETS
        ]
        self.facets = {n: LabelledTermsFacet(n) for n in names}
        filters = {n: v for n, v in request.filters.items() if n in self.facets and v}
        sort = (
            ["-published_at"] if request.sort == "newest" or not request.query else []
        )
        super().__init__(request.query or None, filters, sort)

    def search(self):
        s = Search(index=self.index, using=self.using, doc_type=self.doc_types)
        visible = visibility_filter(self.request.viewer)
        if visible is not None:
            s = s.filter(visible)
        if self.request.since:
            s = s.filter("range", published_at={"gt": self.request.since})
        return s

    def query(self, search, query):
        if not query:
            return search
        return search.query(text_query(query, self.request.viewer.is_moderator))

    def highlight(self, search):
        return (
            search.highlight_options(
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                fragment_size=FRAGMENT_SIZE,
                number_of_fragments=1,
                no_match_size=FRAGMENT_SIZE,
            )
            .highlight("title", number_of_fragments=0)
            .highlight("body")
        )

    def paged(self):
        start = (max(1, self.request.page) - 1) * self.request.page_size
        return self[start : start + self.request.page_size]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, *, url: str, index: str):
        connections.create_connection(alias=ALIAS, hosts=[url], request_timeout=10)
        self.index_name = index

    def _ensure_index(self, recreate: bool = False) -> None:
        index = build_index(self.index_name, synonym_lines())
        if recreate:
            index.delete(using=ALIAS, ignore_unavailable=True)
        if not index.exists(using=ALIAS):
            index.create(using=ALIAS)

    def index(self, document: IndexDocument) -> None:
        self._ensure_index()
        entry_for(document).save(using=ALIAS, index=self.index_name, refresh=True)

    def index_many(self, documents, analyzer=None, sets=None, fresh=False) -> None:
        from elasticsearch.helpers import bulk

        self._ensure_index()
        client = connections.get_connection(ALIAS)
        actions = (
            entry_for(d).to_dict(include_meta=True, skip_empty=False)
            | {"_index": self.index_name}
            for d in documents
        )
        bulk(client, actions, refresh=True)

    def remove(self, key: str) -> None:
        client = connections.get_connection(ALIAS)
        if client.indices.exists(index=self.index_name):
            client.options(ignore_status=404).delete(
                index=self.index_name, id=key, refresh=True
            )

    def clear(self) -> None:
        self._ensure_index(recreate=True)

    def facet_sets(self):
        """Facet sets are the database backend's; Elasticsearch counts itself."""

    @contextmanager
    def bulk_load(self):
        """The bulk API is Elasticsearch's own bulk load."""
        yield

    def after_rebuild(self) -> None:
        """Nothing to tidy up."""

    def analyse_tables(self) -> None:
        """Elasticsearch keeps its own statistics."""

    def rebuild_analyzer(self):
        """Elasticsearch analyses with its own analyzer."""
        return None

    def search(self, request: SearchRequest) -> SearchResult:
        self._ensure_index()
        faceted = ArchiveFacetedSearch(request, self.index_name).paged()
        response = faceted.execute()
        hits = [_hit(entry) for entry in response]
        facets = {}
        if request.facets:
            for name, values in response.facets.to_dict().items():
                selected = set(request.filters.get(name, ()))
                facets[name] = []
                for key, count, _selected in values:
                    value, _, label = key.partition(SEP)
                    facets[name].append(
                        FacetValue(value, label, count, value in selected)
                    )
        total = response.hits.total.value
        return SearchResult(
            hits, total, facets, max(1, request.page), request.page_size
        )

    def more_like_this(self, key: str, viewer: Viewer, size: int = 5) -> list[str]:
        """Keys of documents like the given one that the viewer may see."""
        s = Search(index=self.index_name, using=ALIAS)
        visible = visibility_filter(viewer)
        if visible is not None:
            s = s.filter(visible)
        s = s.query(more_like_this_query(self.index_name, key))[:size]
        return [hit.key for hit in s.execute()]


def more_like_this_query(index: str, key: str):
    return MoreLikeThis(
        fields=["title", "body", "extra_text"],
        like=[{"_index": index, "_id": key}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
    )


def _html(highlighted: str | None, plain: str):
    # Elasticsearch's html encoder escaped the fragment; only <mark> is ours.
    return mark_safe(highlighted) if highlighted else escape(plain)  # noqa: S308


def _hit(entry) -> Hit:
    highlight = getattr(entry.meta, "highlight", None)
    title = highlight.title[0] if highlight and "title" in highlight else None
    body = highlight.body[0] if highlight and "body" in highlight else None
    return Hit(
        key=entry.key,
        source=entry.source,
        object_id=int(entry.object_id),
        title=_html(title, entry.title),
        excerpt=_html(body, (entry.body or "")[:FRAGMENT_SIZE]),
        url=entry.url or "",
        organisation_name=entry.organisation_name or None,
        published_at=getattr(entry, "published_at", None),
        status=entry.status,
        visibility=entry.visibility,
        meta=json.loads(entry.meta_json or "{}"),
    )
