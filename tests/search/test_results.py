"""The behaviour suite's results: escaping, deep pages, exact totals past
10,000, and every viewer finding a published summary. Once per backend."""

import pytest
from django.urls import reverse
from django.utils import timezone

from search.backends import get_backend
from search.documents import IndexDocument
from search.query import MAX_PAGE, SearchRequest
from search.services import archive_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]
URL = reverse("archive:search")


def test_a_script_in_a_title_is_shown_as_text(client, archived):
    archived(title="<script>alert('x')</script> Madklub")
    html = client.get(URL, {"q": "madklub"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>Madklub</mark>" in (
        html
    )


def test_the_reference_every_hit_shows_finds_its_input_first(archived):
    # People paste it; before, "BL-2020-0023" found only texts that say
    # "BL" and "2020".
    archived(title="Værnemidler til frivillige", reference="BL-2020-0023")
    archived(title="Lektiehjælp i BL-regi 2020", reference="BL-2020-0024")
    for query in ("BL-2020-0023", "bl-2020-0023", "0023"):
        hits = archive_search(request=SearchRequest(query=query)).hits
        assert hits[0].meta["reference"] == "BL-2020-0023", query


@pytest.mark.parametrize(
    "query",
    [
        "BL-2020-0035",
        "bl-2020-0035",
        "BL 2020 0035",
        "BL–2020–0035",
        "bl20200035",
        "2020-0035",
    ],
)
def test_a_reference_finds_its_input_not_every_input_of_its_year(
    client, archived, query
):
    # Before, the query was the words "bl", "2020" and "0035", and every
    # input of 2020 held two of the three: "8 resultater".
    archived(title="Værnemidler til frivillige", reference="BL-2020-0035")
    archived(title="Lektiehjælp i BL-regi 2020", reference="BL-2020-0005")
    archived(title="Madklub", reference="BL-2020-0041")
    archived(title="Opfølgning på BL-2020-0035", reference="BL-2021-0007")
    page = client.get(URL, {"q": query})
    hits = page.context["result"].hits
    assert sorted(h.meta["reference"] for h in hits) == ["BL-2020-0035", "BL-2021-0007"]
    assert "2 resultater" in page.text
    assert "Opfølgning på <mark>BL-2020-0035</mark>" in page.text


def test_a_reference_no_input_has_finds_nothing(client, archived):
    archived(title="Lektiehjælp i BL-regi 2020", reference="BL-2020-0005")
    archived(title="Madklub", reference="BL-2020-0041")
    page = client.get(URL, {"q": "BL-2020-9999"})
    assert page.context["result"].total == 0
    assert "Ingen resultater" in page.text


@pytest.mark.parametrize("query", ["madklub", ""])
def test_the_deepest_page_leads_to_the_last_not_an_error(client, archived, query):
    archived(title="Madklub")
    response = client.get(URL, {"q": query, "page": MAX_PAGE}, follow=True)
    assert response.redirect_chain == [(f"{URL}?q={query}&page=1", 302)]
    result = response.context["result"]
    assert result.page == 1 and len(result.hits) == 1 and result.total == 1
    # Past the form's limit too: the last page, not the first (an invalid
    # page, such as "abc", is the first).
    for page in (MAX_PAGE + 1, 99_999, 10**30):
        response = client.get(URL, {"q": query, "page": page})
        assert response.status_code == 302 and response["Location"].endswith(
            f"?q={query}&page=1"
        ), page
    response = client.get(URL, {"q": query, "page": "abc"})
    assert response.status_code == 200 and response.context["result"].page == 1


def _documents(n):
    now = timezone.now()
    for i in range(n):
        yield IndexDocument(
            key=f"input:{i + 1}",
            source="input",
            object_id=i + 1,
            title=f"Gårdfest {i}",
            body="",
            url=f"/input/{i + 1}/",
            organisation_name=None,
            restricted_text="",
            status="accepted",
            visibility="public",
            published_at=now,
            facets=[("source", "input", "Input")],
        )


def test_totals_are_exact_past_ten_thousand(db):
    documents = list(_documents(10_013))
    backend = get_backend()
    for start in range(0, len(documents), 2000):
        backend.index_many(documents[start : start + 2000])
    for query in ("gårdfest", ""):
        result = archive_search(request=SearchRequest(query=query))
        assert result.total == 10_013
        assert result.facets["source"][0].count == 10_013
    last = archive_search(request=SearchRequest(query="gårdfest", page=501))
    assert len(last.hits) == 13


def test_sort_newest_with_and_without_words(archived):
    from search.services import archive_index_input

    old = archived(title="Gammel madklub")
    new = archived(title="Ny madklub")
    type(old).objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=30)
    )
    archive_index_input(input_id=old.pk)
    for query in ("madklub", ""):
        result = archive_search(request=SearchRequest(query=query, sort="newest"))
        assert [h.object_id for h in result.hits] == [new.pk, old.pk]
