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
    assert 'class="skip-link" href="#main"' in html


@pytest.mark.django_db
def test_partnership_page_shows_ministry_and_facilitators(client, demo_site):
    response = client.get("/udsatte-boern-og-unge/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Social- og Indenrigsministeriet" in html
    assert "Red Barnet, Røde Kors, Børns Vilkår" in html
    assert html.count("<h1") == 1


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
