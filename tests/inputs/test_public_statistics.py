"""Public statistics: only public inputs count, and no count small enough
to single out an organisation is shown, on the page, in the API or the CSV."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from inputs.models.inputs import Kind, Visibility
from inputs.statistics import public_statistics
from portal.organisations.models import Partnership
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(archived):
    """Solutions from four organisations, challenges from one, plus inputs
    nobody outside BL may count."""
    organisations = [OrganisationFactory() for _ in range(4)]
    for organisation in organisations:
        archived(organisation=organisation, kind=Kind.SOLUTION)
    for _ in range(3):
        archived(organisation=organisations[0], kind=Kind.CHALLENGE)
    archived(organisation=organisations[1], kind=Kind.BOTH)
    archived(visibility=Visibility.BL_ONLY, kind=Kind.BOTH)
    archived(visibility=Visibility.PARTNERSHIP, kind=Kind.BOTH)
    archived(status="in_review", kind=Kind.BOTH)


def kinds(stats):
    return {c.label: c.count for c in stats.dimensions["kind"]}


def test_only_public_inputs_count_and_small_cells_are_hidden(reported):
    stats = public_statistics()
    assert stats.total == 8
    # Three challenges, but all from one organisation: that would single it
    # out. "Both" (one input) is hidden too; the solutions stay.
    assert kinds(stats) == {
        "Løsning": 4,
        "Udfordring": None,
        "Udfordring og løsning": None,
    }


def test_one_hidden_cell_takes_the_next_smallest_with_it(archived):
    organisations = [OrganisationFactory() for _ in range(6)]
    for organisation in organisations[:3]:
        archived(organisation=organisation, kind=Kind.SOLUTION)
    for organisation in organisations[3:]:
        archived(organisation=organisation, kind=Kind.CHALLENGE)
    archived(organisation=organisations[0], kind=Kind.BOTH)
    # Total minus the two shown cells would give the one hidden cell.
    assert list(kinds(public_statistics()).values()).count(None) == 2


def test_a_partnership_with_too_few_inputs_shows_no_total(archived):
    partnership = Partnership.objects.get(slug="svaekkede-aeldre")
    archived(partnerships=[partnership])
    stats = public_statistics(partnership=partnership)
    assert stats.total is None
    assert all(c.count is None for c in stats.dimensions["kind"])


def test_the_page_shows_charts_with_tables_and_hides_small_counts(client, reported):
    response = client.get(reverse("statistics"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tallene bygger på 8 offentlige input" in page
    assert page.count("<table") == 5
    assert '<th scope="row">Udfordring</th><td>vises ikke</td>' in page
    assert '<th scope="row">Løsning</th><td>4</td>' in page
    # Each chart is named once, by its heading, not again by a caption.
    assert page.count(">Type</h2>") == 1
    assert page.count(">Type<") == 2  # the heading and the table's column


def test_each_partnership_has_its_page_and_an_unknown_one_is_404(client, reported):
    url = reverse("statistics_partnership", args=["svaekkede-aeldre"])
    assert client.get(url).status_code == 200
    missing = reverse("statistics_partnership", args=["findes-ikke"])
    assert client.get(missing).status_code == 404


def test_the_api_gives_the_same_numbers(client, reported):
    data = client.get("/api/v1/statistics").json()
    kind = next(d for d in data["dimensions"] if d["name"] == "kind")
    assert {c["label"]: c["count"] for c in kind["counts"]} == {
        "Løsning": 4,
        "Udfordring": None,
        "Udfordring og løsning": None,
    }
    assert client.get("/api/v1/statistics?partnership=nej").status_code == 404


def test_the_page_keeps_its_query_count_as_inputs_grow(
    client, archived, django_assert_max_num_queries
):
    archived()
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("statistics"))
    for _ in range(10):
        archived(organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("statistics"))


def test_the_csv_has_the_pages_numbers(client, reported):
    response = client.get(reverse("statistics_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Type;Løsning;4" in text
    assert "Type;Udfordring;vises ikke" in text
    one = client.get(reverse("statistics_partnership_csv", args=["svaekkede-aeldre"]))
    assert one.status_code == 200
    assert 'filename="statistik-svaekkede-aeldre.csv"' in one["Content-Disposition"]


def test_the_csv_is_named_in_the_readers_language(client, reported):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("statistics_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="statistics.csv"'
    one = client.get(reverse("statistics_partnership_csv", args=["svaekkede-aeldre"]))
    assert 'filename="statistics-svaekkede-aeldre.csv"' in one["Content-Disposition"]


def test_the_counts_are_kept_for_a_while_per_language(
    reported, archived, settings, django_assert_num_queries
):
    settings.PUBLIC_STATISTICS_CACHE_SECONDS = 300
    first = public_statistics()
    archived(kind=Kind.SOLUTION)
    with django_assert_num_queries(0):
        assert public_statistics() == first
    with translation.override("en"):
        # Labels are in the page's language, so English counts again.
        assert kinds(public_statistics())["Solution"] == 5


def test_with_no_keeping_every_call_counts_again(reported, archived, settings):
    settings.PUBLIC_STATISTICS_CACHE_SECONDS = 0
    assert kinds(public_statistics())["Løsning"] == 4
    archived(kind=Kind.SOLUTION)
    assert kinds(public_statistics())["Løsning"] == 5


def test_the_page_says_how_often_it_counts(client, reported, settings):
    settings.PUBLIC_STATISTICS_CACHE_SECONDS = 600
    page = client.get(reverse("statistics"))
    assert "Tallene tælles op igen hvert 10. minut." in page.text


def test_when_the_counts_are_old_one_request_counts_and_others_get_the_old(
    reported, archived, settings, django_assert_num_queries
):
    from django.core.cache import cache

    settings.PUBLIC_STATISTICS_CACHE_SECONDS = 300
    key = "public-statistics:all:da"
    public_statistics()
    counted_at, stats = cache.get(key)
    cache.set(key, (counted_at - 301, stats))
    archived(kind=Kind.SOLUTION)
    cache.add(f"{key}:counting", True)  # another request is counting
    with django_assert_num_queries(0):
        assert kinds(public_statistics())["Løsning"] == 4
    cache.delete(f"{key}:counting")
    assert kinds(public_statistics())["Løsning"] == 5
    assert cache.get(f"{key}:counting") is None


@pytest.fixture
def themed(archived):
    """Three public inputs from three organisations under Ensomhed, for
    Ældre: enough to show."""
    from tests.factories import target_group, theme

    for _ in range(3):
        input = archived(organisation=OrganisationFactory(), themes=[theme("ensomhed")])
        input.target_groups.set([target_group("aeldre")])


def _row(page: str, label: str) -> bool:
    return f'<th scope="row">{label}</th><td>3</td>' in page


def test_themes_and_target_groups_are_named_in_the_pages_language(client, themed):
    danish = client.get(reverse("statistics")).text
    assert _row(danish, "Ensomhed") and _row(danish, "Ældre")
    client.cookies["django_language"] = "en"
    english = client.get(reverse("statistics")).text
    assert _row(english, "Loneliness") and _row(english, "Elderly people")
    assert "Ensomhed" not in english and "Ældre" not in english


def _theme_rows(page: str) -> list[str]:
    """The row headings of the page's theme table, in order."""
    table = page.split('id="chart-theme-caption"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', table)


@pytest.fixture
def tied(archived):
    """Three themes of three public inputs each (from three organisations
    each), whose Danish and English names sort differently."""
    from tests.factories import theme

    for slug in ("digital-kontakt", "ensomhed", "faellesskaber-og-foreningsliv"):
        for _ in range(3):
            archived(organisation=OrganisationFactory(), themes=[theme(slug)])


def test_equal_counts_are_ordered_by_the_name_the_page_shows(client, tied):
    assert _theme_rows(client.get(reverse("statistics")).text) == [
        "Digital kontakt",
        "Ensomhed",
        "Fællesskaber og foreningsliv",
    ]
    client.cookies["django_language"] = "en"
    assert _theme_rows(client.get(reverse("statistics")).text) == [
        "Communities and clubs",
        "Digital contact",
        "Loneliness",
    ]


def test_the_cell_hidden_beside_a_small_one_is_the_same_in_both_languages(
    client, archived
):
    """Ensomhed's one input is hidden, and one of the two next smallest
    with it. Were that one chosen by the name shown, each language would
    hide another, and the two pages together would tell all three."""
    from tests.factories import theme

    archived(organisation=OrganisationFactory(), themes=[theme("ensomhed")])
    for slug in ("digital-kontakt", "faellesskaber-og-foreningsliv"):
        for _ in range(3):
            archived(organisation=OrganisationFactory(), themes=[theme(slug)])
    danish = public_statistics().dimensions["theme"]
    with translation.override("en"):
        english = public_statistics().dimensions["theme"]
    assert {c.label for c in danish if c.count is None} == {
        "Ensomhed",
        "Digital kontakt",
    }
    assert {c.label for c in english if c.count is None} == {
        "Loneliness",
        "Digital contact",
    }


def test_hidden_counts_follow_the_shown_ones_in_name_order(client, archived):
    """Ordered by their hidden size, the hidden cells would tell which is
    larger: they come after the shown ones, by name."""
    from tests.factories import theme

    for slug, n in (("digital-kontakt", 2), ("angst-og-psykiske-lidelser", 1)):
        for _ in range(n):
            archived(organisation=OrganisationFactory(), themes=[theme(slug)])
    for _ in range(3):
        archived(organisation=OrganisationFactory(), themes=[theme("ensomhed")])
    assert _theme_rows(client.get(reverse("statistics")).text) == [
        "Ensomhed",
        "Angst og psykiske lidelser",
        "Digital kontakt",
    ]


WITHHELD = (
    "For få offentlige input til at vise tal uden risiko for, at nogen kan genkendes."
)


def test_a_table_that_would_hide_every_count_is_one_sentence(client, archived):
    """Three public inputs from three organisations, one of each kind: the
    total and the region can be shown, no kind can."""
    for kind in (Kind.SOLUTION, Kind.CHALLENGE, Kind.BOTH):
        archived(organisation=OrganisationFactory(), kind=kind)
    page = client.get(reverse("statistics")).content.decode()
    assert "Tallene bygger på 3 offentlige input" in page
    kind = page[page.index(">Type</h2>") : page.index(">Måned</h2>")]
    assert WITHHELD in kind and "<table" not in kind
    assert '<th scope="row">Region Hovedstaden</th><td>3</td>' in page
    client.cookies["django_language"] = "en"
    english = client.get(reverse("statistics")).content.decode()
    assert "Too few public inputs to show numbers" in english
    assert "<td>not shown</td>" not in english


def test_too_few_inputs_for_a_total_show_no_tables_at_all(client, archived):
    partnership = Partnership.objects.get(slug="svaekkede-aeldre")
    archived(partnerships=[partnership])
    url = reverse("statistics_partnership", args=[partnership.slug])
    page = client.get(url).content.decode()
    assert "Der er endnu for få offentlige input" in page
    assert "<table" not in page and "<td>vises ikke</td>" not in page


def test_the_switcher_lists_the_partnerships_the_portal_hosts(client):
    """BL does not sit in the partnership for people with disabilities
    (reference data): the portal has no page for it, so no statistics."""
    hosted = Partnership.objects.hosted()
    assert "mennesker-med-handicap" not in hosted.values_list("slug", flat=True)
    page = client.get(reverse("statistics")).content.decode()
    switcher = page[page.index('aria-label="Vælg partnerskab"') :]
    switcher = switcher[: switcher.index("</nav>")]
    items = re.findall(r"<li[^>]*>(.*?)</li>", switcher, re.S)
    assert len(items) == 1 + hosted.count()
    assert "handicap" not in switcher
    assert 'aria-current="page"' in items[0]
    assert all(p.name in switcher for p in hosted)
    missing = reverse("statistics_partnership", args=["mennesker-med-handicap"])
    assert client.get(missing).status_code == 404
    api = "/api/v1/statistics?partnership=mennesker-med-handicap"
    assert client.get(api).status_code == 404


def test_the_switcher_marks_the_chosen_partnership_and_links_the_others(client):
    url = reverse("statistics_partnership", args=["udsatte-voksne"])
    page = client.get(url).content.decode()
    switcher = page[page.index('aria-label="Vælg partnerskab"') :]
    switcher = switcher[: switcher.index("</nav>")]
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', switcher)
    assert current == ["Partnerskabet for udsatte voksne"]
    assert f'href="{reverse("statistics")}"' in switcher
