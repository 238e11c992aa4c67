"""“Find din organisation”, asking to join, and deciding on a request."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.organisations.models import JoinRequest, Membership, Organisation
from tests.factories import OrganisationFactory

from .conftest import login

pytestmark = pytest.mark.django_db

JOIN = reverse("organisations:join")


def _request_url(organisation):
    return reverse("organisations:join_request", args=[organisation.pk])


def _decide_url(join_request):
    return reverse("organisations:join_request_decide", args=[join_request.pk])


def test_anonymous_is_sent_to_login():
    from django.test import Client

    response = Client().get(JOIN)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("query", ["Solhjem", "solhjem", "93170601", "93 17 06 01"])
def test_search_finds_approved_organisation_by_name_or_cvr(
    client, outsider, organisation, query
):
    login(client, outsider)
    response = client.get(JOIN, {"q": query})
    assert response.status_code == 200
    assert [o.pk for o in response.context["results"]] == [organisation.pk]
    assert "Bed om at blive medlem" in response.text


def test_search_hides_pending_organisations(client, outsider):
    OrganisationFactory(name="Ny Bolig", status=Organisation.Status.PENDING)
    login(client, outsider)
    response = client.get(JOIN, {"q": "Ny Bolig"})
    assert response.context["results"] == []
    assert "Ingen godkendte organisationer" in response.text


def test_back_to_the_search_keeps_the_query(client, outsider, organisation):
    login(client, outsider)
    results = client.get(JOIN, {"q": "solhjem"}).text
    asked = f"{_request_url(organisation)}?q=solhjem"
    assert f'href="{asked}"' in results
    page = client.get(asked).text
    assert f'<a href="{JOIN}?q=solhjem">Tilbage til søgningen</a>' in page
    # The words are encoded, not pasted into the URL.
    page = client.get(_request_url(organisation), {"q": "A & B"}).text
    assert f'<a href="{JOIN}?q=A+%26+B">' in page
    # Without a search, or with a URL for one, the link stays on the search.
    assert f'<a href="{JOIN}">' in client.get(_request_url(organisation)).text
    evil = client.get(_request_url(organisation), {"q": "https://evil.example"})
    assert f'<a href="{JOIN}?q=https%3A%2F%2Fevil.example">' in evil.text


def test_search_keeps_constant_query_count(
    client, outsider, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(15, name="Boligselskabet Vest")
    login(client, outsider)
    client.get(JOIN)  # first request creates the site's contact settings
    with django_assert_max_num_queries(12):
        response = client.get(JOIN, {"q": "Vest"})
    assert len(response.context["results"]) == 15


def test_join_request_mails_admins_and_moderators_and_double_submit_makes_one(
    client, outsider, organisation, org_admin, moderator
):
    login(client, outsider)
    data = {"message": "Jeg er ny boligsocial medarbejder."}
    first = client.post(_request_url(organisation), data)
    second = client.post(_request_url(organisation), data)
    assert first.status_code == second.status_code == 302
    assert JoinRequest.objects.filter(user=outsider).count() == 1
    # One e-mail each: the organisation does not learn BL's addresses.
    assert sorted(m.to for m in mail.outbox) == [
        ["admin@solhjem.dk"],
        ["moderator@bl.dk"],
    ]
    assert not any(m.cc or m.bcc for m in mail.outbox)
    message = mail.outbox[0]
    assert "vil være medlem af Boligforeningen Solhjem" in message.subject
    assert "Jeg er ny boligsocial medarbejder." in message.body
    assert f"/organisation/{organisation.pk}/medlemmer/" in message.body


def test_member_cannot_ask_to_join_again(client, org_member, organisation):
    login(client, org_member)
    response = client.post(_request_url(organisation), {"message": ""})
    assert response.status_code == 302
    assert not JoinRequest.objects.exists()


def test_cannot_ask_to_join_a_pending_organisation(client, outsider):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    login(client, outsider)
    assert client.post(_request_url(pending), {}).status_code == 404


def test_message_too_long_shows_danish_error_next_to_field(
    client, outsider, organisation
):
    login(client, outsider)
    response = client.post(_request_url(organisation), {"message": "x" * 1001})
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert "højst have 1000 tegn" in response.text
    assert not JoinRequest.objects.exists()


@pytest.fixture
def join_request(outsider, organisation):
    return JoinRequest.objects.create(user=outsider, organisation=organisation)


@pytest.mark.parametrize("decider", ["org_admin", "moderator"])
def test_admin_or_moderator_approves_and_person_is_told_in_danish(
    client, join_request, outsider, organisation, decider, request
):
    login(client, request.getfixturevalue(decider))
    response = client.post(_decide_url(join_request), {"decision": "approve"})
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert Membership.objects.get(user=outsider).organisation == organisation
    assert outsider.groups.filter(name="Organisationsmedlem").exists()
    (message,) = mail.outbox
    assert message.to == ["ny@solhjem.dk"]
    assert message.subject == (
        "Partnerportalen: Du er nu medlem af Boligforeningen Solhjem"
    )
    assert "Din anmodning om at blive medlem" in message.body


def test_decline_tells_the_person_and_makes_no_membership(
    client, join_request, outsider, org_admin
):
    login(client, org_admin)
    client.post(_decide_url(join_request), {"decision": "decline"})
    client.post(_decide_url(join_request), {"decision": "approve"})  # too late
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(user=outsider).exists()
    (message,) = mail.outbox
    assert "er afvist" in message.subject


@pytest.mark.parametrize("who", ["org_member", "partnership_member", "outsider"])
def test_others_cannot_decide(client, join_request, who, request):
    login(client, request.getfixturevalue(who))
    response = client.post(_decide_url(join_request), {"decision": "approve"})
    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_admin_of_another_organisation_cannot_decide(
    client, join_request, other_organisation
):
    from tests.factories import member_of

    other_admin = member_of(other_organisation, Membership.Role.ADMIN)
    login(client, other_admin)
    response = client.post(_decide_url(join_request), {"decision": "approve"})
    assert response.status_code == 404


def test_decide_ignores_an_offsite_next(client, join_request, org_admin):
    login(client, org_admin)
    response = client.post(
        _decide_url(join_request),
        {"decision": "approve", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse(
        "organisations:members", args=[join_request.organisation_id]
    )
