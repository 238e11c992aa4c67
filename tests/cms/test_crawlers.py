"""What search engines get: robots.txt and the sitemap of public pages."""

import pytest
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db


def test_robots_keeps_crawlers_on_the_public_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for path in ("/admin/", "/konto/", "/input/", "/arkiv/"):
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_sitemap_lists_the_live_public_pages_only(client, demo_site):
    privacy = Page.objects.get(slug="privatliv")
    PageViewRestriction.objects.create(
        page=privacy, restriction_type=PageViewRestriction.LOGIN
    )
    xml = client.get("/sitemap.xml").content.decode()
    assert "/svaekkede-aeldre/</loc>" in xml
    assert "/privatliv/" not in xml
