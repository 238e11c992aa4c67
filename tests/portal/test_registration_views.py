"""Registering an unknown organisation, and BL's queue of approvals."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.organisations.models import (
    JoinRequest,
    Membership,
    Municipality,
    Organisation,
)
from tests.factories import OrganisationFactory

from .conftest import login

pytestmark = pytest.mark.django_db

REGISTER = reverse("organisations:register")
QUEUE = reverse("organisations:moderation")


def _data(**overrides):
    return {
        "name": "Boligselskabet Fjordly",
        "cvr": "22 30 37 75",
        "kind": Organisation.Kind.HOUSING_ORGANISATION,
        "municipality": Municipality.objects.get(name="Køge").pk,
        **overrides,
    }


def test_register_makes_pending_organisation_and_mails_moderators(
    client, outsider, moderator
):
    login(client, outsider)
    first = client.post(REGISTER, _data())
    second = client.post(REGISTER, _data())
    assert first.status_code == second.status_code == 302
    organisation = Organisation.objects.get(cvr="22303775")
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.registered_by == outsider
    assert not Membership.objects.filter(user=outsider).exists()
    (message,) = mail.outbox
    assert message.to == ["moderator@bl.dk"]
    assert "afventer godkendelse: Boligselskabet Fjordly" in message.subject
    home = client.get(reverse("organisations:home"))
    assert "venter på BL&#x27;s godkendelse" in home.text


def test_invalid_cvr_shows_danish_error_and_keeps_input(client, outsider):
    login(client, outsider)
    response = client.post(REGISTER, _data(cvr="12345678"))
    assert response.status_code == 200
    assert "ikke et gyldigt CVR-nummer" in response.text
    assert 'value="Boligselskabet Fjordly"' in response.text
    assert not Organisation.objects.exists()


def test_missing_fields_show_danish_errors(client, outsider):
    login(client, outsider)
    response = client.post(REGISTER, {"cvr": "22303775"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "kind", "municipality"}
    assert "Dette felt er påkrævet." in response.text
    # The summary on top says which fields, each a link to it.
    summary = response.text[response.text.index('id="form-errors"') :]
    summary = summary[: summary.index("</ul>")]
    assert 'href="#id_name">Organisationens navn: Dette felt er påkrævet.' in summary
    assert 'href="#id_municipality">Kommune: Dette felt er påkrævet.' in summary


def test_known_cvr_points_to_asking_to_join(client, outsider, organisation):
    login(client, outsider)
    response = client.post(REGISTER, _data(cvr="93 17 06 01"))
    assert response.status_code == 200
    errors = response.context["form"].errors["cvr"]
    assert "allerede registreret" in errors[0]
    assert "bed om at blive medlem" in errors[0]
    assert Organisation.objects.count() == 1


def _decide(client, organisation, decision: str) -> str:
    client.post(
        reverse("organisations:organisation_decide", args=[organisation.pk]),
        {"decision": decision},
    )
    organisation.refresh_from_db()
    return organisation.status


@pytest.fixture
def pending(outsider):
    return OrganisationFactory(
        name="Boligselskabet Fjordly",
        status=Organisation.Status.PENDING,
        registered_by=outsider,
    )


def test_moderator_queue_lists_pending_organisations_and_requests(
    client, moderator, pending, organisation, org_member, django_assert_max_num_queries
):
    JoinRequest.objects.create(user=pending.registered_by, organisation=organisation)
    login(client, moderator)
    client.get(QUEUE)
    with django_assert_max_num_queries(14):
        response = client.get(QUEUE)
    assert response.status_code == 200
    assert "Boligselskabet Fjordly" in response.text
    assert "ny@solhjem.dk" in response.text


def test_moderator_approves_and_registrant_becomes_admin(
    client, moderator, pending, outsider
):
    login(client, moderator)
    url = reverse("organisations:organisation_decide", args=[pending.pk])
    client.post(url, {"decision": "approve"})
    client.post(url, {"decision": "decline"})  # already decided: no change
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.APPROVED
    membership = Membership.objects.get(user=outsider, organisation=pending)
    assert membership.role == Membership.Role.ADMIN
    (message,) = mail.outbox
    assert message.to == ["ny@solhjem.dk"]
    assert message.subject == "Partnerportalen: Boligselskabet Fjordly er godkendt"
    assert "Du er organisationens administrator" in message.body


def test_moderator_declines(client, moderator, pending, outsider):
    login(client, moderator)
    assert _decide(client, pending, "decline") == Organisation.Status.DECLINED
    assert not Membership.objects.filter(user=outsider).exists()
    assert "ikke godkendt" in mail.outbox[0].subject


@pytest.mark.parametrize("who", ["org_admin", "org_member", "partnership_member"])
def test_only_moderators_see_the_queue_and_decide(client, pending, who, request):
    login(client, request.getfixturevalue(who))
    assert client.get(QUEUE).status_code == 403
    response = client.post(
        reverse("organisations:organisation_decide", args=[pending.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_anonymous_cannot_register():
    response = Client().get(REGISTER)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_moderator_without_two_factor_has_no_powers_here(client, pending):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory()
    user.groups.add(Group.objects.get(name="BL-moderator"))
    login(client, user)
    assert client.get(QUEUE)["Location"] == reverse("mfa_activate_totp")
    assert "For BL" not in client.get(reverse("organisations:home")).text
    response = client.post(
        reverse("organisations:members", args=[pending.pk]),
        {"email": "x@y.dk", "role": "member"},
    )
    assert response.status_code == 404


def test_site_administrator_with_two_factor_may_approve(client, pending):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory()
    user.groups.add(Group.objects.get(name="Sideadministrator"))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    login(client, user)
    assert _decide(client, pending, "approve") == Organisation.Status.APPROVED
