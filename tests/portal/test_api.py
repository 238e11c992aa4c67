"""The read API: what each caller gets, its errors, and its limits."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken

from tests.factories import (
    OrganisationFactory,
    UserFactory,
    member_of,
    moderator,
    partnership_member,
)
from tests.inputs.conftest import make_call

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, text = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_anonymous_gets_the_public_archive(client, world):
    response = client.get("/api/v1/inputs", {"q": "vaskekælder"})
    assert titles(response) == {"Offentlig vaskekælder", "Anonym vaskekælder"}
    assert response.json()["total"] == 2


def test_a_token_adds_what_is_shared_with_the_holders_partnerships(
    client, world, partnerships
):
    headers = bearer(partnership_member(partnerships[0]))
    found = titles(client.get("/api/v1/inputs", {"q": "vaskekælder"}, **headers))
    assert found == {"Offentlig vaskekælder", "Anonym vaskekælder", "Delt vaskekælder"}
    shared = world["shared"].pk
    assert client.get(f"/api/v1/inputs/{shared}", **headers).status_code == 200
    assert client.get(f"/api/v1/inputs/{shared}").status_code == 404


def test_a_moderators_token_carries_no_staff_rights(client, world):
    headers = bearer(moderator())
    found = titles(client.get("/api/v1/inputs", {"q": "vaskekælder"}, **headers))
    assert found == {"Offentlig vaskekælder", "Anonym vaskekælder"}
    for hidden in ("bl_only", "in_review"):
        url = f"/api/v1/inputs/{world[hidden].pk}"
        assert client.get(url, **headers).status_code == 404


def test_an_organisation_opens_its_own_bl_only_input_as_in_the_browser(client, world):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import OrganisationFactory, log_in, member_of

    item = world["bl_only"]
    member = member_of(item.organisation)
    own = bearer(member)
    assert client.get(f"/api/v1/inputs/{item.pk}", **own).status_code == 200
    browser = Client()
    log_in(browser, member)
    assert browser.get(reverse("inputs:detail", args=[item.pk])).status_code == 200
    listed = titles(client.get("/api/v1/inputs", {"q": "vaskekælder"}, **own))
    assert "BL's vaskekælder" not in listed  # the archive lists it to nobody
    other = bearer(member_of(OrganisationFactory()))
    assert client.get(f"/api/v1/inputs/{item.pk}", **other).status_code == 404


def test_a_logged_in_session_does_not_widen_an_anonymous_call(client, world):
    from tests.factories import log_in

    log_in(client, moderator())
    assert titles(client.get("/api/v1/inputs", {"q": "vaskekælder"})) == {
        "Offentlig vaskekælder",
        "Anonym vaskekælder",
    }


def test_an_anonymised_organisation_stays_hidden(client, world):
    item = world["anonymous"]
    detail = client.get(f"/api/v1/inputs/{item.pk}").json()
    assert detail["organisation"] is None
    listed = client.get("/api/v1/inputs", {"q": "vaskekælder"}).json()["items"]
    assert {i["organisation"] for i in listed if i["id"] == item.pk} == {None}
    assert (
        "Hemmelige"
        not in client.get("/api/v1/inputs", {"q": "hemmelige"}).content.decode()
    )


@pytest.mark.parametrize(
    "header",
    ["Bearer wagtail_ikke-en-noegle", "Bearer ", "Basic dXNlcjpwdw=="],
)
def test_a_bad_token_is_refused_never_read_as_anonymous(client, world, header):
    response = client.get("/api/v1/inputs", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response.json()["message"]["da"]


def test_a_revoked_token_is_refused(client, world, partnerships):
    user = partnership_member(partnerships[0])
    token, text = APIToken.create_token(user=user, name="x")
    token.revoke()
    response = client.get("/api/v1/inputs", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert response.status_code == 401


def test_errors_are_json_in_danish_and_english(client, world):
    missing = client.get("/api/v1/inputs/999999")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": "not_found",
        "message": {
            "da": "Findes ikke, eller du har ikke adgang.",
            "en": "Not found, or not yours to see.",
        },
    }
    invalid = client.get("/api/v1/inputs", {"page": "nul"})
    assert invalid.status_code == 422
    assert "page" in invalid.json()["message"]["da"]
    # A path no endpoint has (a typo, a trailing slash) answers the same way.
    for path in ("/api/v1/nope", f"/api/v1/inputs/{world['public'].pk}/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == missing.json()


def test_a_method_the_api_does_not_take_is_refused_in_json(client, world):
    for method, path in (
        ("post", "/api/v1/themes"),
        ("delete", f"/api/v1/inputs/{world['public'].pk}"),
    ):
        response = getattr(client, method)(path)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json() == {
            "code": "method_not_allowed",
            "message": {
                "da": "Metoden kan ikke bruges her. Tilladt: GET, HEAD.",
                "en": "Method not allowed here. Allowed: GET, HEAD.",
            },
        }
    # A path no endpoint has is still not found, whatever the method.
    response = client.post("/api/v1/nope")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_head_is_answered_wherever_get_is(client, world):
    """RFC 9110: HEAD as GET, without the body (django-ninja routes by
    method and had answered 405 to HEAD on every endpoint)."""
    for path in (
        "/api/v1/inputs",
        "/api/v1/themes",
        f"/api/v1/inputs/{world['public'].pk}",
        "/api/v1/openapi.json",
    ):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head["Content-Type"] == get["Content-Type"], path
        assert head.content == b"", path
    hidden = client.head(f"/api/v1/inputs/{world['bl_only'].pk}")
    assert hidden.status_code == 404


def test_no_path_under_the_api_answers_with_an_html_page():
    """Django's CSRF check answered a POST to a path outside the endpoints
    with its HTML page about an expired form."""
    client = Client(enforce_csrf_checks=True)
    for method, path, status in (
        ("post", "/api/v1/nope", 404),
        ("put", "/api/v1/inputs/", 404),
        ("delete", "/api/v1/docs", 405),
        ("post", "/api/v1/openapi.json", 405),
        ("patch", "/api/v1/themes", 405),
    ):
        response = getattr(client, method)(path)
        assert response.status_code == status, (method, path)
        assert response["Content-Type"].startswith("application/json"), path
        assert response.json()["code"] in {"not_found", "method_not_allowed"}
    assert client.get("/api/v1/docs").status_code == 200


def test_pages_are_stable_and_do_not_overlap(client, archived):
    for n in range(25):
        archived(title=f"Gårdfest nummer {n}")
    first = client.get("/api/v1/inputs", {"q": "gårdfest"}).json()
    second = client.get("/api/v1/inputs", {"q": "gårdfest", "page": 2}).json()
    assert first["total"] == 25 and first["num_pages"] == 2
    ids = [i["id"] for i in first["items"]] + [i["id"] for i in second["items"]]
    assert len(ids) == len(set(ids)) == 25
    again = client.get("/api/v1/inputs", {"q": "gårdfest"}).json()
    assert [i["id"] for i in again["items"]] == [i["id"] for i in first["items"]]


def test_the_list_keeps_its_query_count_as_the_archive_grows(
    client, archived, django_assert_max_num_queries
):
    for n in range(3):
        archived(title=f"Vaskekælder {n}")
    with django_assert_max_num_queries(12) as small:
        client.get("/api/v1/inputs", {"q": "vaskekælder"})
    for n in range(30):
        archived(title=f"Vaskekælder mere {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/inputs", {"q": "vaskekælder"})


def test_rate_limit_per_address_then_429_with_retry_after(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_LIMITS = {"address": "3/m", "token": "600/m"}
    codes = [client.get("/api/v1/themes").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = client.get("/api/v1/themes")
    assert last.json()["code"] == "rate_limited"
    assert int(last["Retry-After"]) >= 1
    # A forged X-Forwarded-For does not open a new allowance.
    forged = client.get("/api/v1/themes", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert forged.status_code == 429


def test_rate_limit_per_token(client, world, partnerships, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_LIMITS = {"address": "600/m", "token": "2/m"}
    headers = bearer(partnership_member(partnerships[0]))
    codes = [client.get("/api/v1/themes", **headers).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/themes", **bearer(UserFactory())).status_code == 200


def test_calls_with_their_questions_open_and_closed(client, demo_site):
    partnership_page = demo_site.get_children().first()
    open_call = make_call(partnership_page, slug="aaben")
    closed = make_call(partnership_page, slug="lukket", opens=-60, closes=-30)
    assert [c["id"] for c in client.get("/api/v1/calls?status=open").json()] == [
        open_call.pk
    ]
    assert [c["id"] for c in client.get("/api/v1/calls?status=closed").json()] == [
        closed.pk
    ]
    one = client.get(f"/api/v1/calls/{open_call.pk}").json()
    assert one["is_open"] is True
    assert [(q["label"], q["type"], q["required"]) for q in one["questions"]] == [
        ("Hvad har I brug for?", "multiline", True),
        ("Samarbejder I med kommunen?", "yesno", True),
    ]
    assert client.get("/api/v1/calls?status=maybe").status_code == 422


def test_reference_lists(client, db):
    partnerships = {p["slug"]: p for p in client.get("/api/v1/partnerships").json()}
    assert partnerships["svaekkede-aeldre"]["anchored_in"] == (
        "Sundheds- og Ældreministeriet"
    )
    # The English name beside the Danish one, as for the partnership's name.
    assert partnerships["svaekkede-aeldre"]["anchored_in_en"] == "Ministry of Health"
    assert client.get("/api/v1/themes").json()[0].keys() == {"slug", "name", "name_en"}
    assert client.get("/api/v1/target-groups").status_code == 200


def test_the_schema_and_docs_are_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/inputs", "/api/v1/statistics"} <= set(schema["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content  # served from our own static files
    assert b'<html lang="en">' in docs.content and b"<main" in docs.content


def test_the_docs_lead_back_to_the_portal(client, db):
    docs = client.get("/api/v1/docs").content.decode()
    assert 'lang="da"' in docs and "Til Partnerportalen" in docs
    assert "API-nøgler" not in docs  # only for someone with keys to manage
    client.force_login(member_of(OrganisationFactory()))
    docs = client.get("/api/v1/docs").content.decode()
    assert reverse("api_tokens") in docs


def test_a_nul_byte_in_a_parameter_is_a_422_or_ignored_never_a_500(client, world):
    # PostgreSQL refuses NUL bytes in text.
    assert client.get("/api/v1/statistics", {"partnership": "a\x00"}).status_code == 422
    assert (
        client.get("/api/v1/inputs", {"q": "\x00", "theme": "\x00"}).status_code == 200
    )


def test_the_api_root_leads_to_the_documentation(client):
    response = client.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs"
