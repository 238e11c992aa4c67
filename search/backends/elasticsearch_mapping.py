"""What the Elasticsearch index holds: its settings, its mapping, and a
document as it is stored (see elasticsearch.py and docs/search.md)."""

from ..analysis import Analyzer
from ..documents import FACETS, IndexDocument
from ..query import MAX_PAGE, PAGE_SIZE
from .database import audience

SEP = "\x1f"
TERMS = "archive_terms"
# As deep as the search form lets anyone page; past it a page is empty, as
# a page past the last match is on the database backends.
RESULT_WINDOW = MAX_PAGE * PAGE_SIZE

_TERMS_FIELD = {"type": "text", "analyzer": TERMS}
_STORED = {"type": "keyword", "index": False, "doc_values": False}
_STORED_TEXT = {"type": "text", "index": False}

SETTINGS = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "max_result_window": RESULT_WINDOW,
    "analysis": {
        # The terms arrive analysed; Elasticsearch only splits them.
        "analyzer": {TERMS: {"type": "custom", "tokenizer": "whitespace"}}
    },
}
MAPPING = {
    "dynamic": "strict",
    "properties": {
        "key": {"type": "keyword"},
        "source": {"type": "keyword"},
        "object_id": {"type": "long"},
        "title": _STORED_TEXT,
        "body": _STORED_TEXT,
        "url": _STORED,
        "organisation_name": _STORED,
        "status": {"type": "keyword"},
        "visibility": {"type": "keyword"},
        "audience": {"type": "byte"},
        "published_at": {"type": "date"},
        "meta": {"type": "object", "enabled": False},
        "terms": _TERMS_FIELD,
        # An anonymised organisation's name: only moderators' queries read it.
        "restricted_terms": _TERMS_FIELD,
        # Facets in their own namespace, never over the document's fields:
        # the raw values (filters) and "value␟label" (counts with labels).
        "facet_values": {
            "properties": {n: {"type": "keyword"} for n in FACETS},
        },
        "facet_labels": {
            "properties": {n: {"type": "keyword"} for n in FACETS},
        },
    },
}


def entry_for(document: IndexDocument, analyzer: Analyzer) -> dict:
    """The document as Elasticsearch stores it."""
    values: dict[str, list[str]] = {}
    labels: dict[str, list[str]] = {}
    for name, value, label in document.facets:
        values.setdefault(name, []).append(value)
        labels.setdefault(name, []).append(f"{value}{SEP}{label}")
    return {
        "key": document.key,
        "source": document.source,
        "object_id": document.object_id,
        "title": document.title,
        "body": document.body,
        "url": document.url,
        "organisation_name": document.organisation_name,
        "status": document.status,
        "visibility": document.visibility,
        "audience": audience(document.status, document.visibility),
        "published_at": document.published_at,
        "meta": document.meta,
        "terms": " ".join(analyzer.analyse(document.search_text())),
        "restricted_terms": " ".join(analyzer.analyse(document.restricted_text)),
        "facet_values": values,
        "facet_labels": labels,
    }
