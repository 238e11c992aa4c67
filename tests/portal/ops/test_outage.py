"""A database that does not answer gives the Danish 503 "Prøv igen om lidt"
page at once, with Retry-After; other errors keep the 500 page. The
database errors are real: the view connects to a database that is not
there (a port nothing listens on, or a SQLite file in a missing folder)."""

import pytest
from django.db import connections
from django.http import HttpResponse
from django.urls import path

from portal.ops.outage import RETRY_AFTER_SECONDS, database_unavailable

pytestmark = pytest.mark.django_db


def _unreachable_database():
    """A second connection, like the default one, to a database that does
    not answer."""
    default = connections["default"]
    settings_dict = dict(default.settings_dict)
    if default.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/db.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT="9", NAME="gone")
        settings_dict["OPTIONS"] = {
            **settings_dict.get("OPTIONS", {}),
            "connect_timeout": 2,
        }
    return default.__class__(settings_dict, alias="unreachable")


def database_down(request):
    database = _unreachable_database()
    try:
        database.ensure_connection()
    finally:
        database.close()
    return HttpResponse("unreachable")


def broken(request):
    raise ValueError("a bug, not an outage")


urlpatterns = [path("down/", database_down), path("broken/", broken)]
handler500 = "portal.ops.outage.server_error"


@pytest.fixture
def outage_client(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def test_unreachable_database_is_a_danish_503_with_retry_after(outage_client):
    response = outage_client.get("/down/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "<h1>Prøv igen om lidt</h1>" in html
    assert "Intet bliver gemt halvt eller to gange" in html


def test_the_503_page_in_english(outage_client):
    outage_client.cookies["django_language"] = "en"
    response = outage_client.get("/down/")
    assert response.status_code == 503
    assert "<h1>Try again shortly</h1>" in response.content.decode()


def test_other_errors_keep_the_500_page(outage_client):
    response = outage_client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>Der skete en fejl</h1>" in response.content.decode()
    assert "Retry-After" not in response


def test_the_real_error_chain_counts():
    database = _unreachable_database()
    with pytest.raises(Exception) as caught:
        database.ensure_connection()
    database.close()
    assert database_unavailable(caught.value)
    try:
        try:
            raise caught.value
        except Exception as error:
            raise RuntimeError("while rendering") from error
    except RuntimeError as wrapped:
        assert database_unavailable(wrapped)
    assert not database_unavailable(ValueError("x"))
