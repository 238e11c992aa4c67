"""How we handle Elasticsearch's answers, without a server: the real search
and indexing paths (views, services, our backend, the elasticsearch client)
run against tests/search/fake_elasticsearch.py, which answers at the HTTP
layer with responses of the documented shape. These tests check our
handling of Elasticsearch's answers, not Elasticsearch: the behaviour
suite and test_elasticsearch_live.py do that against a server."""

from datetime import datetime

import certifi
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from inputs.models.inputs import Visibility
from search import backends
from search.backends import elasticsearch as es_backend
from search.backends.database import Audience
from search.backends.types import IndexedState
from search.documents import input_document, inputs_for_index, summary_document
from search.query import SearchRequest, SearchUnavailable, Viewer
from search.services import archive_rebuild, archive_search
from tests.search.fake_elasticsearch import install

pytestmark = pytest.mark.django_db
ALIAS = "pp-answers"
API_KEY = "a2V5aWQ6c2VjcmV0"


@pytest.fixture
def cluster(monkeypatch, settings):
    cluster = install(monkeypatch)
    settings.ELASTICSEARCH_URL = "https://es.test:9200"
    settings.ELASTICSEARCH_INDEX = ALIAS
    settings.ELASTICSEARCH_API_KEY = API_KEY
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    monkeypatch.setattr(es_backend, "BULK_BACKOFF", 0, raising=False)
    backends._backend.cache_clear()
    yield cluster
    backends._backend.cache_clear()


def _summary(demo_site):
    from cms.models import PartnershipPage, SummaryPage

    page = SummaryPage(
        title="Opsamling om gårdfester",
        slug="gaardfester",
        introduction="Hvad naboerne lærte af gårdfesterne.",
    )
    PartnershipPage.objects.first().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_search_with_facets_reads_the_counts(client, cluster, archived):
    """Defect 1: the response had no .facets, and every search raised."""
    archived(title="Madklub for familier")
    response = client.get(reverse("archive:search"), {"q": "madklub"})
    assert response.status_code == 200
    result = response.context["result"]
    assert [str(h.title) for h in result.hits] == ["<mark>Madklub</mark> for familier"]
    assert [(v.value, v.count) for v in result.facets["source"]] == [("input", 1)]


def test_a_published_summary_keeps_its_status_and_source(
    client, cluster, demo_site, django_capture_on_commit_callbacks
):
    """Defect 2: facet values overwrote status and source with lists, so
    the visibility filter hid every summary from visitors."""
    with django_capture_on_commit_callbacks(execute=True):
        page = _summary(demo_site)
    stored = cluster.documents(ALIAS)[f"summary:{page.pk}"]
    assert stored["status"] == "accepted" and stored["source"] == "summary"
    # What the visibility filter reads: a public document.
    assert stored["audience"] == Audience.PUBLIC
    response = client.get(reverse("archive:search"), {"q": "gårdfest"})
    (hit,) = response.context["result"].hits
    assert hit.source == "summary" and hit.status == "accepted"
    assert "Opsamling" in response.content.decode()


def test_hits_come_back_whole_from_any_index_name(cluster, archived):
    """Defect 3: bound to one index name, hits from another came back with
    missing fields and dates as strings."""
    input = archived(title="Lektiehjælp i Køge")
    (hit,) = archive_search(request=SearchRequest(query="lektiehjælp")).hits
    assert hit.object_id == input.pk and hit.url
    expected = input_document(inputs_for_index().get(pk=input.pk)).published_at
    assert isinstance(hit.published_at, datetime) and hit.published_at == expected


def test_a_rebuild_fills_a_new_index_and_swaps_the_alias(cluster, archived):
    """Defect 4: the rebuild deleted the live index and refilled it."""
    archived(title="Gårdfest")
    (before,) = cluster.aliases[ALIAS]
    cluster.requests.clear()
    archive_rebuild()
    (after,) = cluster.aliases[ALIAS]
    assert after != before and before not in cluster.indices
    bulk = cluster.sent(contains="/_bulk")
    assert bulk and all(r.body[0]["index"]["_index"] == after for r in bulk)
    swaps = cluster.sent("POST", "/_aliases")
    assert len(swaps) == 1
    assert swaps[0].body["actions"] == [
        {"remove": {"index": before, "alias": ALIAS}},
        {"add": {"index": after, "alias": ALIAS}},
    ]
    # The old index goes only after the swap.
    order = [(r.method, r.path) for r in cluster.requests]
    assert order.index(("POST", "/_aliases")) < order.index(("DELETE", f"/{before}"))
    assert not [r for r in cluster.requests if r.path == f"/{ALIAS}"]


def test_a_failed_rebuild_leaves_the_live_index_alone(cluster, archived):
    archived(title="Gårdfest")
    (live,) = cluster.aliases[ALIAS]
    cluster.queue(None, "/_bulk", 400, {"error": "mapper_parsing_exception"})
    with pytest.raises(Exception):  # noqa: B017 - whatever the client raises
        archive_rebuild()
    assert cluster.aliases[ALIAS] == {live} and list(cluster.indices) == [live]


def test_a_rebuild_cut_off_by_an_outage_reports_the_outage(cluster, archived):
    archived(title="Gårdfest")
    (live,) = cluster.aliases[ALIAS]
    cluster.down_at = "/_bulk"
    with pytest.raises(SearchUnavailable):
        archive_rebuild()
    cluster.down, cluster.down_at = False, None
    assert cluster.aliases[ALIAS] == {live}
    assert [h.object_id for h in archive_search(request=SearchRequest()).hits]


def test_totals_are_exact_past_ten_thousand(cluster, archived):
    """Defect 5: without track_total_hits the total stopped at 10,000."""
    archived(title="Gårdfest")
    cluster.queue(
        "POST",
        "/_search",
        200,
        {
            "hits": {"total": {"value": 25_000, "relation": "eq"}, "hits": []},
            "aggregations": {},
        },
    )
    result = archive_search(request=SearchRequest(facets=False))
    assert result.total == 25_000 and result.num_pages == 1250
    assert cluster.sent("POST", "/_search")[-1].body["track_total_hits"] is True


def test_a_page_past_the_result_window_is_empty_not_an_error(client, cluster, archived):
    """Defect 5: a page past max_result_window was a 400 and a 500 for the
    user. Our index allows every page the form accepts; an index with the
    default window answers 400, which reads as no hits there; as past the
    last match on the database backends, the person lands on the last page."""
    archived(title="Gårdfest")
    (index,) = cluster.aliases[ALIAS]
    assert cluster.indices[index]["settings"]["max_result_window"] >= 10_000 * 20
    cluster.indices[index]["settings"]["max_result_window"] = 10_000
    url = reverse("archive:search")
    response = client.get(url, {"q": "gårdfest", "page": 600}, follow=True)
    assert response.redirect_chain == [(f"{url}?q=g%C3%A5rdfest&page=1", 302)]
    result = response.context["result"]
    assert len(result.hits) == 1 and result.total == 1 and result.page == 1


def test_elasticsearch_down_shows_the_danish_page(client, cluster, archived):
    """Defect 6: Elasticsearch down was a 500."""
    archived(title="Gårdfest")
    cluster.down = True
    response = client.get(reverse("archive:search"), {"q": "gårdfest"})
    assert response.status_code == 503
    assert "Søgningen er ikke tilgængelig" in response.content.decode()
    export = client.get(reverse("archive:export_csv"), {"q": "gårdfest"})
    assert export.status_code == 503


def test_an_update_while_elasticsearch_is_down_is_retried(cluster, archived, settings):
    """Defect 6: index updates were lost while Elasticsearch was down."""
    from search.tasks import index_input_task

    input = archived(title="Gårdfest")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    backend = index_input_task.get_backend()
    backend.clear()
    input.title = "Gårdfest i Køge"
    input.save()
    cluster.down = True
    index_input_task.call(input.pk)
    (retry,) = backend.results
    assert retry.kwargs == {"attempt": 1} and retry.args == [input.pk]
    assert retry.task.run_after is not None
    cluster.down = False
    retry.task.call(*retry.args, **retry.kwargs)
    stored = cluster.documents(ALIAS)[f"input:{input.pk}"]
    assert stored["title"] == "Gårdfest i Køge"


def test_bulk_indexing_retries_a_429_and_refreshes_once(cluster, archived):
    """Defect 7: one 429 aborted a rebuild, every chunk refreshed, and the
    bulk requests had a 10 s timeout."""
    archived(title="Gårdfest")
    cluster.requests.clear()
    cluster.queue(
        None,
        "/_bulk",
        200,
        {
            "took": 1,
            "errors": True,
            "items": [
                {
                    "index": {
                        "_index": "x",
                        "_id": "input:1",
                        "status": 429,
                        "error": {"type": "es_rejected_execution_exception"},
                    }
                }
            ],
        },
    )
    assert archive_rebuild() == 1
    bulk = cluster.sent(contains="/_bulk")
    assert len(bulk) == 2  # the rejected document again
    assert all("refresh" not in r.params for r in bulk)
    assert all(r.timeout >= 60 for r in bulk)
    assert len(cluster.sent("POST", "/_refresh")) == 1


def test_the_index_is_checked_once_not_on_every_request(cluster, archived):
    """Defect 7: every search and write asked whether the index exists."""
    archived(title="Gårdfest")
    archived(title="Gårdmand")
    for _ in range(3):
        archive_search(request=SearchRequest(query="gård"))
    assert len(cluster.sent("HEAD")) == 1


def test_api_key_and_ca_certificate_reach_the_client(cluster, archived):
    """Defect 8: no API key or CA certificate settings."""
    archived(title="Gårdfest")
    assert all(
        r.headers.get("authorization") == f"ApiKey {API_KEY}" for r in cluster.requests
    )
    client = backends.get_backend().client
    (node,) = client.transport.node_pool.all()
    assert node.config.ca_certs == certifi.where()
    assert node.config.scheme == "https"


def test_facets_count_with_every_filter_applied(cluster, archived):
    """As on the database backends: a facet's own filter narrows its counts
    too (Elasticsearch's FacetedSearch leaves it out)."""
    archived(title="Gårdfest")
    archive_search(request=SearchRequest(query="gårdfest", filters={"theme": ["1"]}))
    body = cluster.sent("POST", "/_search")[-1].body
    assert "post_filter" not in body
    assert {"terms": {"facet_values.theme": ["1"]}} in body["query"]["bool"]["filter"]
    assert body["aggs"]["theme"] == {
        "terms": {"field": "facet_labels.theme", "size": es_backend.FACET_SIZE}
    }


def test_the_query_is_our_own_analysis(cluster, archived):
    """Terms from our parse(): stems, a known word not fuzzed, compounds
    from our vocabulary (no substring decompounding), the first 8 words."""
    archived(title="Familier med lektiehjælp")
    archive_search(request=SearchRequest(query="familie lektiehjælp " + "ord " * 10))
    should = cluster.sent("POST", "/_search")[-1].body["query"]["bool"]["should"]
    text = str(should)
    assert "'famili'" in text and "fuzz" not in text
    assert "'lekti'" in text and "'hjaelp'" in text
    words = [c for c in should if "bool" in c]
    # familie, lektiehjælp as its two parts, ord (said ten times), and the
    # theme lektiehjælp names (Lektiehjælp og skole, search/themes.py)
    assert len(words) == 5
    theme = {
        "bool": {"must": [{"term": {"terms": t}} for t in ("lektiehjaelp", "skol")]}
    }
    assert words[-1]["bool"]["should"] == [theme]
    # Its weight in the ranking is half a typed word's, as on the databases.
    boosts = [c["constant_score"]["boost"] for c in should if "constant_score" in c]
    assert boosts == [es_backend.GROUP_WEIGHT] * 4 + [es_backend.GROUP_WEIGHT / 2]


def test_a_reference_is_one_term_indexed_and_searched(cluster, archived):
    """As on the database backends (the same analyser): the document holds
    the reference whole, and the query asks for it alone, not "bl" and
    "2020", which every input of 2020 holds."""
    input = archived(title="Madklub", reference="BL-2020-0035")
    terms = cluster.documents(ALIAS)[f"input:{input.pk}"]["terms"].split()
    assert "bl20200035" in terms
    archive_search(request=SearchRequest(query="bl 2020–0035"))
    should = cluster.sent("POST", "/_search")[-1].body["query"]["bool"]["should"]
    assert [c["bool"]["should"] for c in should if "bool" in c] == [
        [{"term": {"terms": "bl20200035"}}]
    ]


def test_a_named_theme_counts_as_on_the_database_backends(cluster, archived):
    """The themes' group (search/themes.py) weighs half a word in the
    ranking, lends half a word to the no-answer rule, and marks nothing."""
    from inputs.models import Theme

    theme = Theme.objects.create(
        slug="arbejde-test", name="Arbejdsmarked", search_words="ledighed"
    )
    archived(title="Arbejdsmarked i gården", themes=[theme])

    result = archive_search(request=SearchRequest(query="ledighed"))
    # One typed word: no no-answer count, whatever the theme.
    assert "answered" not in cluster.sent("POST", "/_search")[-1].body["aggs"]
    assert "<mark>" not in str(result.hits[0].title)

    archive_search(request=SearchRequest(query="ledighed unge"))
    answered = cluster.sent("POST", "/_search")[-1].body["aggs"]["answered"]
    should = answered["filter"]["bool"]["should"]
    # Both typed words, or one and the theme: 2 × (1 + 0.5) > 2, as
    # common.no_answer() counts the database's best match.
    assert should[0]["bool"]["minimum_should_match"] == 2
    theme_query, one_word = should[1]["bool"]["must"]
    assert "arbejdsmarked" in str(theme_query)
    assert one_word["bool"]["minimum_should_match"] == 1
    assert len(one_word["bool"]["should"]) == 2


def test_the_feedback_reads_the_best_documents_then_searches_with_their_words(
    cluster, archived
):
    # "loppemarked": one word, no compound, no theme's word.
    archived(title="Loppemarked i kælderen", challenge="Byttetøj og legetøj.")
    archived(title="Loppemarked for beboerne", challenge="Byttetøj og legetøj.")
    for n in range(8):
        archived(title=f"Vaskeriet nummer {n}", challenge="Maskinerne er gamle.")
    archive_search(request=SearchRequest(query="loppemarked"))
    first, search = [r.body for r in cluster.sent("POST", "/_search")[-2:]]
    # The ten best documents' terms and sources (it reads inputs only), and
    # how many hold every typed word.
    assert first["size"] == 10 and first["_source"] == ["source", "terms"]
    assert "every_word" in first["aggs"] and "source" not in first["aggs"]
    # The search itself gains the words the two share, at half a word.
    boosts = [
        c["constant_score"]["boost"]
        for c in search["query"]["bool"]["should"]
        if "constant_score" in c
    ]
    assert boosts == [es_backend.GROUP_WEIGHT, es_backend.GROUP_WEIGHT / 2]
    expansion = str(search["query"]["bool"]["should"][1])
    assert "'byttetoej'" in expansion and "'legetoej'" in expansion


def test_a_hit_without_a_typed_word_is_marked_related(cluster, archived):
    """Elasticsearch says which named clauses a hit matched: the typed
    words' clauses are named, the themes' and the feedback's are not."""
    archived(title="Madbank i kælderen")
    archived(title="Uddeling hver fredag")
    archive_search(request=SearchRequest(query="madbank"))
    should = cluster.sent("POST", "/_search")[-1].body["query"]["bool"]["should"]
    named = [c["bool"].get("_name") == es_backend.TYPED for c in should if "bool" in c]
    whole = [
        c["constant_score"]["boost"] == es_backend.GROUP_WEIGHT
        for c in should
        if "constant_score" in c
    ]
    # "madbank": its two parts, named; a group at half a word (the themes'
    # or the feedback's), not.
    assert named == whole == [True, True, False]

    documents = sorted(cluster.documents(ALIAS).items())
    matched = {"Madbank i kælderen": [es_backend.TYPED], "Uddeling hver fredag": []}
    hits = [
        {
            "_id": key,
            "_score": 1.0,
            "_source": doc,
            "matched_queries": matched[doc["title"]],
        }
        for key, doc in documents
    ]
    cluster.queue(
        "POST",
        "/_search",
        200,
        {"hits": {"total": {"value": 2, "relation": "eq"}, "hits": hits}},
    )
    result = archive_search(
        request=SearchRequest(query="madbank", sort="newest", facets=False)
    )
    assert {strip_tags(h.title): h.related for h in result.hits} == {
        "Madbank i kælderen": False,
        "Uddeling hver fredag": True,
    }


def test_no_feedback_request_for_a_newest_first_search(cluster, archived):
    archived(title="Madbank i kælderen")
    before = len(cluster.sent("POST", "/_search"))
    archive_search(request=SearchRequest(query="madbank", sort="newest"))
    assert len(cluster.sent("POST", "/_search")) == before + 1


def test_a_three_word_query_needs_two_words_with_or_without_the_theme():
    from search.query import TermGroup

    words = [TermGroup(word=w, alternatives=[(w,)]) for w in ("a", "b", "c")]
    theme = TermGroup(word="", alternatives=[("t",)], weight=0.5)
    # 2 × (1 + 0.5) is not more than 3: the theme adds no way to answer.
    should = es_backend.answered_filter([*words, theme], False)["bool"]["should"]
    assert len(should) == 1 and should[0]["bool"]["minimum_should_match"] == 2


def test_moderators_search_the_anonymised_name(cluster, archived):
    archived(title="Gårdfest", visibility=Visibility.PUBLIC)
    archive_search(request=SearchRequest(query="gårdfest", viewer=Viewer()))
    public = str(cluster.sent("POST", "/_search")[-1].body["query"])
    archive_search(
        request=SearchRequest(query="gårdfest", viewer=Viewer(is_moderator=True))
    )
    staff = cluster.sent("POST", "/_search")[-1].body["query"]
    assert "restricted_terms" not in public and "restricted_terms" in str(staff)
    assert "filter" not in staff["bool"] or not staff["bool"]["filter"]


def test_a_summary_document_is_indexed_for_the_public(cluster, demo_site):
    page = _summary(demo_site)
    document = summary_document(page)
    backends.get_backend().index(document)
    assert cluster.documents(ALIAS)[document.key]["audience"] == Audience.PUBLIC


def test_the_index_check_pages_through_the_index(cluster, archived):
    first = archived(title="Gårdfest")
    second = archived(title="Sommerfest")
    state = backends.get_backend().index_state()
    assert set(state) == {f"input:{first.pk}", f"input:{second.pk}"}
    assert state[f"input:{first.pk}"] == IndexedState("accepted", "public", "Gårdfest")
    searches = cluster.sent("POST", "/_search")
    assert searches[-1].body["search_after"] == [max(state)]


def test_the_index_check_compares_a_sample_of_stored_terms(cluster, archived):
    from search.services import archive_check

    party = archived(title="Gårdfest")
    key = f"input:{party.pk}"
    stored = backends.get_backend().stored_terms([key, "input:999999"])
    assert stored == {key: cluster.documents(ALIAS)[key]["terms"]}
    assert cluster.sent(contains="/_mget")[-1].params["_source"] == "terms"
    assert archive_check().ok
    # As an older analysis stored them: the check sees it.
    cluster.documents(ALIAS)[key]["terms"] = "gaardfest"
    assert archive_check().reanalysed == [key]
