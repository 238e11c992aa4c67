"""The Elasticsearch backend. The unit tests build the elasticsearch-dsl
objects and compare their dicts (no network). The live tests run only when
ELASTICSEARCH_URL points at a server (see README, "Archive search")."""

import os
import warnings

import pytest

from search.backends.elasticsearch import (
    ArchiveEntry,
    ArchiveFacetedSearch,
    ElasticsearchBackend,
    build_index,
    entry_for,
    more_like_this_query,
    visibility_filter,
)
from search.documents import IndexDocument
from search.query import SearchRequest, Viewer


def _document(**overrides):
    fields = {
        "key": "input:1",
        "source": "input",
        "object_id": 1,
        "title": "Lektiehjælp i Køge",
        "body": "Frivillige hjælper børnene.",
        "url": "",
        "organisation_name": None,
        "restricted_text": "Hemmelige Boliger",
        "status": "accepted",
        "visibility": "public",
        "published_at": None,
        "facets": [("theme", "3", "Børn og unge"), ("partnership", "2", "P2")],
        "meta": {"kind": "Løsning"},
    }
    return IndexDocument(**(fields | overrides))


def test_index_has_a_danish_analyzer():
    settings = build_index("archive", ["seniorer, pensionister, aeldre"]).to_dict()[
        "settings"
    ]["analysis"]
    index_analyzer = settings["analyzer"]["danish_archive"]
    assert index_analyzer["char_filter"] == ["fold_danish_letters"]
    assert index_analyzer["filter"] == [
        "lowercase",
        "asciifolding",
        "danish_stop",
        "danish_decompounder",
        "danish_stemmer",
    ]
    search_analyzer = settings["analyzer"]["danish_archive_search"]
    assert "danish_synonyms" in search_analyzer["filter"]
    assert settings["filter"]["danish_stemmer"] == {
        "type": "stemmer",
        "language": "danish",
    }
    assert settings["filter"]["danish_synonyms"]["synonyms"] == [
        "seniorer, pensionister, aeldre"
    ]
    assert "oe=>" not in str(settings["char_filter"])  # folds one way only
    assert "ø=>oe" in settings["char_filter"]["fold_danish_letters"]["mappings"]
    assert "paa" in settings["filter"]["danish_stop"]["stopwords"]
    assert "hjaelp" in settings["filter"]["danish_decompounder"]["word_list"]


def test_mapping():
    mapping = ArchiveEntry._doc_type.mapping.to_dict()["properties"]
    assert mapping["title"] == {
        "type": "text",
        "analyzer": "danish_archive",
        "search_analyzer": "danish_archive_search",
    }
    assert mapping["visibility"] == {"type": "keyword"}
    assert mapping["theme"] == {"type": "keyword"}
    assert mapping["theme_facet"] == {"type": "keyword"}


def test_entry_keeps_an_anonymised_name_out_of_public_fields():
    entry = entry_for(_document()).to_dict()
    assert "organisation_name" not in entry  # None is left out
    assert "Hemmelige" not in entry["body"] and "Hemmelige" not in entry["title"]
    assert entry["restricted_text"] == "Hemmelige Boliger"
    assert entry["theme"] == ["3"]
    assert entry["theme_facet"] == ["3\x1fBørn og unge"]


def _search_dict(**kwargs):
    return ArchiveFacetedSearch(SearchRequest(**kwargs), "archive").paged()._s.to_dict()


def test_public_query_filters_visibility_inside_the_query():
    body = _search_dict(query="sårbare familier")
    bool_query = body["query"]["bool"]
    assert bool_query["filter"] == [
        {
            "bool": {
                "must": [
                    {"terms": {"status": ["accepted", "archived"]}},
                    {"term": {"visibility": "public"}},
                ]
            }
        }
    ]
    any_word = bool_query["must"][0]["multi_match"]
    assert any_word["fields"] == ["title^3", "body", "extra_text"]
    assert any_word["operator"] == "or" and any_word["fuzziness"] == "AUTO"
    assert bool_query["should"][0]["multi_match"]["operator"] == "and"
    assert "post_filter" not in body


def test_partnership_member_and_moderator_filters():
    member = visibility_filter(Viewer(partnership_ids=("2",))).to_dict()
    assert member == {
        "bool": {
            "must": [{"terms": {"status": ["accepted", "archived"]}}],
            "should": [
                {
                    "bool": {
                        "must": [
                            {"term": {"visibility": "partnership"}},
                            {"terms": {"partnership": ["2"]}},
                        ]
                    }
                },
                {"term": {"visibility": "public"}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert visibility_filter(Viewer(is_moderator=True)) is None
    body = _search_dict(query="x", viewer=Viewer(is_moderator=True))
    assert "filter" not in body["query"]["bool"]
    assert body["query"]["bool"]["must"][0]["multi_match"]["fields"] == [
        "title^3",
        "body",
        "extra_text",
        "restricted_text",
    ]
    assert "status" in body["aggs"]["_filter_status"]["aggs"]


def test_facets_highlight_sort_and_paging():
    body = _search_dict(
        query="mad", filters={"theme": ["3"], "region": ["1"]}, sort="newest", page=3
    )
    assert body["post_filter"]["bool"]["must"] == [
        {"terms": {"theme": ["3"]}},
        {"terms": {"region": ["1"]}},
    ]
    # A facet's own filter does not narrow its own counts.
    assert body["aggs"]["_filter_theme"]["filter"] == {"terms": {"region": ["1"]}}
    assert body["aggs"]["_filter_theme"]["aggs"]["theme"]["terms"]["field"] == (
        "theme_facet"
    )
    assert "_filter_status" not in body["aggs"]
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"
    assert body["sort"] == [{"published_at": {"order": "desc"}}]
    assert (body["from"], body["size"]) == (40, 20)


def test_more_like_this():
    assert more_like_this_query("archive", "input:1").to_dict() == {
        "more_like_this": {
            "fields": ["title", "body", "extra_text"],
            "like": [{"_index": "archive", "_id": "input:1"}],
            "min_term_freq": 1,
            "min_doc_freq": 1,
            "max_query_terms": 25,
        }
    }


def test_backend_connects_without_deprecated_options():
    # Creating the client opens no connection; the client's own deprecation
    # warnings name options that a later major version removes.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        backend = ElasticsearchBackend(url="http://127.0.0.1:9", index="archive")
    assert backend.index_name == "archive"


live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set: no live Elasticsearch to test against",
)


@live
@pytest.mark.django_db
def test_live_danish_search_and_visibility(settings, archived):
    from search.backends import _backend
    from search.services import archive_rebuild, archive_search

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX = "partnerportalen-test"
    _backend.cache_clear()
    archived(title="En sårbar familie i Køge", challenge="Lektiehjælp hver dag.")
    archived(title="Hemmelig familie", visibility="bl")
    archive_rebuild()

    def found(query, viewer=None):
        result = archive_search(
            request=SearchRequest(query=query, viewer=viewer or Viewer())
        )
        return sorted(str(h.title) for h in result.hits)

    assert len(found("sårbare familier")) == 1
    assert len(found("Koege")) == 1
    assert len(found("hjælp")) == 1
    assert len(found("famlie")) == 1
    assert len(found("familie", Viewer(is_moderator=True))) == 2
    result = archive_search(request=SearchRequest(query="familie"))
    assert "<mark>" in str(result.hits[0].title)
    assert result.facets["source"][0].count == 1
