"""“Min organisation”: the user's organisations and what is pending."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.organisations.models import Invitation, JoinRequest, Membership
from tests.factories import OrganisationFactory, member_of

from .conftest import login

pytestmark = pytest.mark.django_db

HOME = reverse("organisations:home")


def test_anonymous_is_sent_to_login():
    response = Client().get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_admin_sees_organisation_and_member_page_link(client, organisation, org_admin):
    login(client, org_admin)
    response = client.get(HOME)
    assert "Boligforeningen Solhjem" in response.text
    assert reverse("organisations:members", args=[organisation.pk]) in response.text
    assert reverse("organisations:moderation") not in response.text


def test_member_sees_organisation_without_member_page_link(
    client, organisation, org_member
):
    login(client, org_member)
    response = client.get(HOME)
    assert "Boligforeningen Solhjem" in response.text
    assert reverse("organisations:members", args=[organisation.pk]) not in response.text


def test_new_person_sees_pending_request_and_invitation(
    client, outsider, organisation, other_organisation
):
    JoinRequest.objects.create(user=outsider, organisation=organisation)
    Invitation.objects.create(email=outsider.email, organisation=other_organisation)
    login(client, outsider)
    response = client.get(HOME)
    assert "Du er ikke medlem af nogen organisation endnu." in response.text
    assert "Din anmodning om at blive medlem af Boligforeningen Solhjem" in (
        response.text
    )
    assert "Tag imod invitationen til Andelsboligen Nord" in response.text


def test_moderator_sees_links_to_queue_and_partnership_invitations(client, moderator):
    login(client, moderator)
    response = client.get(HOME)
    assert reverse("organisations:moderation") in response.text
    assert reverse("organisations:partnership_invite") in response.text


def test_query_count_does_not_grow_with_memberships(
    client, outsider, django_assert_max_num_queries
):
    login(client, outsider)
    client.get(HOME)
    for _ in range(8):
        member_of_org = OrganisationFactory()
        Membership.objects.create(user=outsider, organisation=member_of_org)
    with django_assert_max_num_queries(14):
        response = client.get(HOME)
    assert len(response.context["memberships"]) == 8


def test_member_of_several_organisations_sees_each(client, organisation):
    person = member_of(organisation)
    Membership.objects.create(user=person, organisation=OrganisationFactory(name="KAB"))
    login(client, person)
    response = client.get(HOME)
    assert "Boligforeningen Solhjem" in response.text
    assert "KAB" in response.text
