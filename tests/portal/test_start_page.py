"""After login each role lands on its own start page (“Mit overblik”)."""

import pytest
from django.test import Client
from django.urls import reverse

from inputs.states import Status
from search.models import SavedSearch
from tests.factories import PASSWORD, InputFactory, log_in
from tests.inputs.conftest import make_call

pytestmark = pytest.mark.django_db

START = reverse("accounts:start")


def _log_in_by_form(email):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": email, "password": PASSWORD}
    )
    return client, response


def test_login_lands_on_the_start_page_with_a_danish_greeting(org_member):
    client, response = _log_in_by_form(org_member.email)
    assert response["Location"] == START
    html = client.get(START).text
    assert "Du er logget ind som" in html
    assert "Loggede succesfuldt" not in html


def test_organisation_member_sees_drafts_changes_requested_and_open_calls(
    client, demo_site, organisation, other_organisation, org_member
):
    call = make_call(demo_site)
    InputFactory(organisation=organisation, title="Vores kladde", status=Status.DRAFT)
    InputFactory(
        organisation=organisation,
        title="Ret mig",
        status=Status.CHANGES_REQUESTED,
    )
    InputFactory(organisation=organisation, title="Sendt", status=Status.SUBMITTED)
    InputFactory(organisation=other_organisation, title="Fremmed kladde")
    log_in(client, org_member)

    html = client.get(START).text

    assert "Vores kladde" in html and "Ret mig" in html
    assert "Sendt" not in html and "Fremmed kladde" not in html
    assert call.title in html
    assert reverse("inputs:create", args=[call.pk]) in html
    assert "Moderering" not in html and "Dine gemte søgninger" not in html


def test_moderator_sees_the_queue_counts(client, moderator, organisation):
    for status in [Status.SUBMITTED, Status.SUBMITTED, Status.IN_REVIEW]:
        InputFactory(organisation=organisation, status=status)
    InputFactory(organisation=organisation, status=Status.DRAFT)
    log_in(client, moderator)

    response = client.get(START)

    counts = {c.status: c.count for c in response.context["start"].moderation_counts}
    assert counts == {"submitted": 2, "in_review": 1, "changes_requested": 0}
    html = response.text
    queue = reverse("inputs_moderation:index")
    assert f'href="{queue}?status=submitted"' in html
    assert "Gå til moderationskøen" in html


def test_partnership_member_sees_the_archive_and_saved_searches(
    client, partnership_member
):
    SavedSearch.objects.create(
        user=partnership_member, name="Ensomhed", query_string="q=ensomhed"
    )
    log_in(client, partnership_member)

    html = client.get(START).text

    assert "Partnerskabet for udsatte voksne" in html
    assert reverse("archive:search") + "?q=ensomhed" in html
    assert "Ensomhed" in html
    assert "Jeres input" not in html


def test_a_person_without_a_role_is_pointed_to_their_organisation(client, outsider):
    log_in(client, outsider)
    html = client.get(START).text
    assert "Velkommen, Sofie" in html
    assert reverse("organisations:join") in html


def test_start_page_needs_a_login(client):
    assert client.get(START)["Location"].startswith(reverse("account_login"))


def test_start_page_query_count_is_constant(
    client, demo_site, organisation, org_member, django_assert_max_num_queries
):
    make_call(demo_site)
    for n in range(5):
        InputFactory(organisation=organisation, title=f"Kladde {n}")
        InputFactory(organisation=organisation, status=Status.CHANGES_REQUESTED)
    log_in(client, org_member)
    client.get(START)
    with django_assert_max_num_queries(20):
        client.get(START)
