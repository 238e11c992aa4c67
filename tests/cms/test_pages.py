import pytest
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, PartnershipPage, StandardPage
from inputs.models import CallPage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage, {PartnershipPage, StandardPage, CallPage}
        )

    def test_partnership_pages_sit_under_home_only(self):
        self.assertAllowedParentPageTypes(PartnershipPage, {HomePage})

    def test_standard_page_parents(self):
        self.assertAllowedParentPageTypes(
            StandardPage, {HomePage, PartnershipPage, StandardPage}
        )


@pytest.mark.django_db
def test_home_page_lists_the_three_partnerships(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in [
        "Partnerskabet for udsatte børn og unge",
        "Partnerskabet for udsatte voksne",
        "Partnerskab for svækkede ældre",
    ]:
        assert name in html
    assert "Partnerskabet for mennesker med handicap" not in html
    assert html.count("<h1") == 1
    assert 'class="skipnav" href="#main"' in html


@pytest.mark.django_db
def test_partnership_page_shows_ministry_and_facilitators(client, demo_site):
    response = client.get("/udsatte-boern-og-unge/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Social- og Indenrigsministeriet" in html
    assert "Red Barnet, Røde Kors, Børns Vilkår" in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_the_ministry_is_named_in_english_on_english_pages(client, demo_site):
    client.cookies["django_language"] = "en"
    page = client.get("/udsatte-boern-og-unge/").text
    assert "<dd>Ministry of Social Affairs and the Interior</dd>" in page
    home = client.get("/").text
    assert "Anchored in the Ministry of Health" in home
    assert "ministeriet" not in page + home


@pytest.mark.django_db
def test_pages_below_the_home_page_have_breadcrumbs(client, demo_site):
    html = client.get("/udsatte-boern-og-unge/").content.decode()
    crumbs = html.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/">Partnerportalen</a>' in crumbs
    current = crumbs.split('aria-current="page">')[1]
    assert "Partnerskabet for udsatte børn og unge" in current
    assert "<a " not in current
    home = client.get("/").content.decode()
    assert 'class="breadcrumbs"' not in home


@pytest.mark.django_db
def test_footer_links_to_privacy_page(client, demo_site):
    html = client.get("/").content.decode()
    assert 'href="/privatliv/"' in html
    assert client.get("/privatliv/").status_code == 200


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_refuses_without_debug(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert HomePage.objects.count() == 1
    assert PartnershipPage.objects.count() == 3
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


@pytest.mark.django_db
def test_menu_holds_live_public_pages_shown_in_menus(
    client, demo_site, django_assert_max_num_queries
):
    from wagtail.models import PageViewRestriction, Site

    from cms.context_processors import navigation

    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=StandardPage(title="Om os", show_in_menus=True))
    home.add_child(instance=StandardPage(title="Skjult", show_in_menus=False))
    home.add_child(
        instance=StandardPage(title="Kladde", show_in_menus=True, live=False)
    )
    private = home.add_child(instance=StandardPage(title="Lukket", show_in_menus=True))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    request = client.get("/").wsgi_request
    with django_assert_max_num_queries(3):
        titles = [p.title for p in navigation(request)["nav_pages"]]
    assert "Om os" in titles
    assert not {"Skjult", "Kladde", "Lukket"} & set(titles)

    # A restriction on the home page hides the whole menu.
    PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.LOGIN
    )
    assert list(navigation(request)["nav_pages"]) == []
