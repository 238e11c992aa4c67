"""The search page: facets and their counts, sorting, paging, empty state,
shareable URLs, and a query count that does not grow with the archive."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inputs.models.inputs import Kind
from portal.organisations.models import Municipality
from tests.factories import OrganisationFactory

# The behaviour suite: every test once per backend (search_backend).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]
URL = reverse("archive:search")


def _counts(response, facet):
    return {v.label: v.count for v in response.context["result"].facets[facet]}


@pytest.fixture
def spread(archived):
    koege = Municipality.objects.get(name="Køge")
    aarhus = Municipality.objects.get(name="Aarhus")
    org_koege = OrganisationFactory(municipality=koege)
    org_aarhus = OrganisationFactory(municipality=aarhus)
    archived(title="Madklub i Køge", organisation=org_koege, kind=Kind.SOLUTION)
    archived(title="Madudbringning i Køge", organisation=org_koege, kind=Kind.CHALLENGE)
    archived(title="Madklub i Aarhus", organisation=org_aarhus, kind=Kind.SOLUTION)
    return koege, aarhus


def test_facet_counts_follow_the_query(client, spread):
    koege, aarhus = spread
    response = client.get(URL, {"q": "madklub"})
    assert response.context["result"].total == 2
    assert _counts(response, "municipality") == {"Køge": 1, "Aarhus": 1}
    assert _counts(response, "region") == {
        "Region Sjælland": 1,
        "Region Midtjylland": 1,
    }
    assert _counts(response, "kind") == {"Løsning": 2}


def test_facets_combine(client, spread):
    koege, _ = spread
    response = client.get(URL, {"municipality": koege.pk, "kind": Kind.SOLUTION})
    assert [str(h.title) for h in response.context["result"].hits] == ["Madklub i Køge"]
    assert _counts(response, "municipality") == {"Køge": 1}


def test_values_within_one_facet_widen(client, spread):
    koege, aarhus = spread
    response = client.get(URL, {"municipality": [koege.pk, aarhus.pk]})
    assert response.context["result"].total == 3


def test_an_overlong_query_is_cut_not_dropped(client, spread):
    # The box stops at 200 characters; a link can carry more. What is left
    # is read: "madklub" and a word no document holds, so the page offers
    # "madklub" alone, with what it finds.
    response = client.get(URL, {"q": "madklub " + "ø" * 300})
    assert response.context["result"].total == 0
    assert [(w, n) for w, n, _link in response.context["words_alone"]] == [
        ("madklub", 2)
    ]


def test_a_value_no_document_has_finds_nothing(client, spread):
    _, aarhus = spread
    odense = Municipality.objects.get(name="Odense")
    response = client.get(URL, {"q": "madklub", "municipality": odense.pk})
    assert response.context["result"].total == 0
    # Together with a value some document has, the facet widens to it.
    response = client.get(URL, {"municipality": [odense.pk, aarhus.pk]})
    assert [str(h.title) for h in response.context["result"].hits] == [
        "Madklub i Aarhus"
    ]


def test_theme_facet(client, archived):
    archived(title="Lektiecafé", themes=[theme_obj := theme_first()])
    response = client.get(URL, {"theme": theme_obj.pk})
    assert response.context["result"].total == 1
    assert _counts(response, "theme") == {theme_obj.name: 1}


def theme_first():
    from inputs.models import Theme

    return Theme.objects.order_by("pk").first()


def test_page_is_accessible_html_without_javascript(client, spread):
    response = client.get(URL, {"q": "mad"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<label class="form-label" for="id_q">' in html
    assert "<fieldset" in html and "<legend" in html
    assert "<mark>" in html
    assert "<script" not in html.split("</header>")[1]


def test_facet_checkboxes_and_dates(client, spread):
    koege, _ = spread
    response = client.get(URL, {"q": "madklub", "municipality": koege.pk})
    html = response.content.decode()
    box = f'id="f-municipality-{koege.pk}" checked>'
    assert (
        f'<input type="checkbox" class="form-checkbox" name="municipality"'
        f' value="{koege.pk}" {box}' in html
    )
    assert (
        f'<label class="form-label" for="f-municipality-{koege.pk}">Køge'
        ' <span class="facet__count">(1)</span>' in html
    )
    hit = response.context["result"].hits[0]
    local = timezone.localtime(hit.date)
    month = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ][local.month - 1]
    assert (
        f'<time datetime="{local.isoformat()}">{local.day}. {month} {local.year}</time>'
        in html
    )


def test_dates_follow_the_language(client, spread, settings):
    from django.utils import formats, translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL, {"q": "madklub"})
    local = timezone.localtime(response.context["result"].hits[0].date)
    with translation.override("en"):
        english = formats.date_format(local, "DATE_FORMAT")
    assert english.startswith(local.strftime("%b")[:3])  # "Nov. 22, 2026"
    assert f'<time datetime="{local.isoformat()}">{english}</time>' in (
        response.content.decode()
    )


def test_facet_labels_are_escaped(client, archived):
    from inputs.models import Theme

    theme = Theme.objects.create(name="Mad & <Fællesskab>", slug="mad-faellesskab")
    archived(title="Madklub", themes=[theme])
    html = client.get(URL, {"q": "madklub"}).content.decode()
    assert "Mad &amp; &lt;Fællesskab&gt; <span" in html
    assert "<Fællesskab>" not in html


def test_sort_newest(client, archived):
    from django.utils import timezone

    old = archived(title="Gammel madklub")
    new = archived(title="Ny madklub")
    type(old).objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=30)
    )
    from search.services import archive_index_input

    archive_index_input(input_id=old.pk)
    response = client.get(URL, {"q": "madklub", "sort": "newest"})
    assert [h.object_id for h in response.context["result"].hits] == [new.pk, old.pk]


def test_pagination_keeps_the_search(client, archived):
    for n in range(23):
        archived(title=f"Madklub nummer {n}")
    response = client.get(URL, {"q": "madklub", "page": 2})
    result = response.context["result"]
    assert result.total == 23 and len(result.hits) == 3 and result.num_pages == 2
    assert "q=madklub&amp;page=1" in response.content.decode()


def test_a_page_past_the_last_goes_to_the_last(client, archived):
    for n in range(4):
        archived(title=f"Madklub nummer {n}")
    response = client.get(URL, {"q": "madklub", "page": 2, "sort": "newest"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?q=madklub&page=1&sort=newest"
    page = client.get(response["Location"]).content.decode()
    assert "4 resultater" in page and "Ingen resultater" not in page


def test_empty_state(client, spread):
    response = client.get(URL, {"q": "xylofon"})
    assert "Ingen resultater for »xylofon«" in response.content.decode()


def test_words_no_document_holds_together_are_offered_one_at_a_time(client, archived):
    from bs4 import BeautifulSoup

    from inputs.models.inputs import Visibility

    def offered(params):
        html = client.get(URL, params).content.decode()
        assert "Ingen resultater for »ældre unge«" in html
        items = BeautifulSoup(html, "html.parser").select("ul.words-alone li")
        return [(" ".join(li.get_text().split()), li.a["href"]) for li in items]

    aarhus = OrganisationFactory(municipality=Municipality.objects.get(name="Aarhus"))
    koege = OrganisationFactory(municipality=Municipality.objects.get(name="Køge"))
    archived(
        title="Ældre i gården", challenge="Kaffe.", solution="", organisation=aarhus
    )
    archived(
        title="Unge i klubben", challenge="Fodbold.", solution="", organisation=aarhus
    )
    archived(
        title="Unge og lektier", challenge="Skole.", solution="", organisation=koege
    )
    # BL's own input holds both words: a visitor is neither shown it nor
    # told of it through the counts.
    archived(
        title="Ældre og unge",
        challenge="Sammen.",
        solution="",
        organisation=koege,
        visibility=Visibility.BL_ONLY,
    )
    assert offered({"q": "ældre unge", "page": 3}) == [
        ("ældre (1 resultat)", "?q=%C3%A6ldre"),
        ("unge (2 resultater)", "?q=unge"),
    ]
    # Counted within the filters, which the links keep.
    in_aarhus = offered({"q": "ældre unge", "municipality": aarhus.municipality_id})
    assert [text for text, _href in in_aarhus] == [
        "ældre (1 resultat)",
        "unge (1 resultat)",
    ]
    found = client.get(URL + in_aarhus[1][1]).context["result"]
    assert [str(h.title) for h in found.hits] == ["<mark>Unge</mark> i klubben"]


def test_a_compound_that_finds_nothing_is_offered_its_known_part(client, archived):
    from bs4 import BeautifulSoup

    from inputs.models.inputs import Visibility

    # No document holds "udbringning", so the search cannot split the word;
    # "mad" is a word of the lexicon, and the visitor's search finds it.
    archived(title="Varm mad bragt ud til beboerne", challenge="", solution="")
    archived(
        title="Kælderen ryddes",
        challenge="",
        solution="",
        visibility=Visibility.BL_ONLY,
    )
    html = client.get(URL, {"q": "madudbringning"}).content.decode()
    assert "Ingen resultater for »madudbringning«" in html
    assert "Søg i stedet på en del af det:" in html
    items = BeautifulSoup(html, "html.parser").select("ul.words-alone li")
    assert [(" ".join(li.get_text().split()), li.a["href"]) for li in items] == [
        ("mad (1 resultat)", "?q=mad")
    ]
    # A part only BL's own input holds is neither offered nor counted.
    assert "words-alone" not in client.get(URL, {"q": "kælderrum"}).content.decode()


def test_one_word_that_finds_nothing_is_not_offered_alone(client, spread):
    html = client.get(URL, {"q": "xylofon"}).content.decode()
    assert "words-alone" not in html


def test_nonsense_parameters_do_not_fail(client, spread):
    response = client.get(URL, {"page": "abc", "sort": "evil", "year": "x" * 500})
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [{}, {"kind": Kind.SOLUTION}])
def test_query_count_does_not_grow_with_the_archive(
    client, archived, django_assert_max_num_queries, extra
):
    # Seven for the search (synonyms, themes' words, vocabulary, hits, total,
    # facets, rows), eight when ranking the best candidates alone cannot settle the page
    # (as with few documents), one more for a facet filter's sets, two or
    # three more for the feedback (the best documents' terms, their counts,
    # and the first ranking past the best candidates: search/feedback.py;
    # its first rows come with the page's); the rest is the site's header
    # and footer.
    def measure():
        with django_assert_max_num_queries(14 + len(extra)) as captured:
            client.get(URL, {"q": "madklub ældre", **extra})
        return len(captured.captured_queries)

    for n in range(3):
        archived(title=f"Madklub for ældre {n}", kind=Kind.SOLUTION)
    client.get(URL)  # the first request creates the site's settings row
    small = measure()
    for n in range(40):
        archived(title=f"Madklub for ældre {n}", kind=Kind.SOLUTION)
    # More documents never take more queries.
    assert measure() <= small


def test_a_facet_value_with_a_control_character_matches_nothing_and_fails_nothing(
    client, archived
):
    # PostgreSQL refuses NUL bytes in text: the API's schema tests found a 500.
    archived(title="Offentlig vaskekælder")
    response = client.get(
        "/arkiv/", {"q": "vaskekælder", "partnership": ["\x00x", "a\x07"]}
    )
    assert response.status_code == 200
    assert "1 resultat" in response.content.decode()
    api = client.get("/api/v1/inputs", {"q": "vaskekælder", "region": "\x00"})
    assert api.status_code == 200
    assert api.json()["total"] == 1


def test_chosen_facets_are_tags_that_take_the_limit_off(client, spread):
    koege, _ = spread
    response = client.get(
        URL, {"q": "madklub", "municipality": koege.pk, "kind": Kind.SOLUTION}
    )
    html = response.content.decode()
    chosen = html.split('class="archive-search__chosen"')[1].split("</ul>")[0]
    # Each tag links to the same search without its value.
    assert chosen.count('class="tag tag-icon"') == 2
    assert f'href="?q=madklub&amp;kind={Kind.SOLUTION}">' in chosen
    assert f'href="?q=madklub&amp;municipality={koege.pk}">' in chosen
    assert "Køge" in chosen and "Løsning" in chosen


def test_a_tag_starts_again_from_page_one(client, spread):
    koege, _ = spread
    html = client.get(URL, {"municipality": koege.pk, "page": 1}).content.decode()
    chosen = html.split('class="archive-search__chosen"')[1].split("</ul>")[0]
    assert 'href="?">' in chosen


def test_no_tags_without_chosen_facets(client, spread):
    html = client.get(URL, {"q": "madklub"}).content.decode()
    assert "archive-search__chosen" not in html
