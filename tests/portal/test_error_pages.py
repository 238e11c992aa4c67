"""Danish error pages (DEBUG is off in the test settings), a favicon, and the
home page's title."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tests.factories import OrganisationFactory, log_in, member_of

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_debug_is_off(settings):
    assert settings.DEBUG is False


def test_404_is_danish(client, demo_site):
    response = client.get("/findes/ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "<h1>Siden findes ikke</h1>" in html
    assert _title(html) == "Siden findes ikke · Partnerportalen"


def test_403_is_danish(client):
    organisation, other = OrganisationFactory(), OrganisationFactory()
    log_in(client, member_of(organisation))
    member_of(other)
    response = client.get(f"/organisation/{organisation.pk}/medlemmer/")
    assert response.status_code == 403
    assert "<h1>Ingen adgang</h1>" in response.content.decode()


def test_500_is_danish_without_request_context_or_database(
    django_assert_num_queries,
):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Der skete en fejl</h1>" in html
    assert '<html lang="da">' in html


def test_csrf_failure_is_danish():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@b.dk", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Formularen er udløbet</h1>" in html
    assert "CSRF" not in html


def test_favicon(client, demo_site):
    assert finders.find("favicon.svg")
    home = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/favicon[^"]*\.svg"', home)
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert re.match(r"/static/favicon[^/]*\.svg$", response["Location"])


def test_home_page_title_names_the_site_once(client, demo_site):
    assert _title(client.get("/").content.decode()) == "Partnerportalen"
    privacy = client.get("/privatliv/").content.decode()
    assert _title(privacy) == "Privatlivspolitik · Partnerportalen"
