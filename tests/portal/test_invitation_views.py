"""Accepting invitations to an organisation or a partnership, and BL's
partnership invitations."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.organisations.models import (
    Invitation,
    Membership,
    Partnership,
    PartnershipMembership,
)
from tests.factories import UserFactory

from .conftest import login

pytestmark = pytest.mark.django_db

INVITE_PARTNERS = reverse("organisations:partnership_invite")


def _url(invitation):
    return reverse("organisations:invitation", args=[invitation.token])


@pytest.fixture
def invitation(organisation, org_admin):
    return Invitation.objects.create(
        email="kollega@solhjem.dk",
        organisation=organisation,
        role=Membership.Role.ADMIN,
        invited_by=org_admin,
    )


def test_invited_person_accepts_once(client, invitation, organisation):
    colleague = UserFactory(email="kollega@solhjem.dk")
    login(client, colleague)
    assert (
        "Du er inviteret til at blive administrator"
        in client.get(_url(invitation)).text
    )
    assert client.post(_url(invitation)).status_code == 302
    assert client.post(_url(invitation)).status_code == 302
    membership = Membership.objects.get(user=colleague)
    assert (membership.organisation, membership.role) == (organisation, "admin")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_someone_else_cannot_use_the_link(client, invitation, outsider):
    login(client, outsider)
    response = client.post(_url(invitation))
    assert response.status_code == 403
    assert "Invitationen er sendt til kollega@solhjem.dk" in response.text
    assert not Membership.objects.filter(user=outsider).exists()


def test_unverified_address_does_not_count(client, invitation):
    colleague = UserFactory(email="kollega@solhjem.dk")
    EmailAddress.objects.filter(user=colleague).update(verified=False)
    login(client, colleague)
    assert client.post(_url(invitation)).status_code == 403
    assert not Membership.objects.filter(user=colleague).exists()


def test_expired_invitation_is_refused(client, invitation):
    from datetime import timedelta

    from django.utils import timezone

    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save()
    login(client, UserFactory(email="kollega@solhjem.dk"))
    response = client.post(_url(invitation))
    assert response.status_code == 200
    assert "Invitationen er udløbet" in response.text
    assert Membership.objects.count() == 1  # only the inviting admin


def test_anonymous_is_sent_to_login_then_back(invitation):
    response = Client().get(_url(invitation))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_invited_person_signs_up_verifies_and_accepts(invitation, organisation):
    client = Client()
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Sofie",
            "last_name": "Berg",
            "email": "kollega@solhjem.dk",
            "password1": "Stærkt-kodeord-2020",
            "password2": "Stærkt-kodeord-2020",
        },
    )
    confirm = re.search(
        r"https?://[^\s]+/konto/confirm-email/[^\s]+", mail.outbox[-1].body
    )
    assert confirm, mail.outbox[-1].body
    path = confirm.group(0).split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    client.post(
        reverse("account_login"),
        {"login": "kollega@solhjem.dk", "password": "Stærkt-kodeord-2020"},
    )
    home = client.get(reverse("organisations:home"))
    assert "Tag imod invitationen til Boligforeningen Solhjem" in home.text
    client.post(_url(invitation))
    assert Membership.objects.filter(
        user__email="kollega@solhjem.dk", organisation=organisation
    ).exists()


def test_moderator_invites_partnership_member_who_accepts(client, moderator):
    partnership = Partnership.objects.get(slug="udsatte-voksne")
    login(client, moderator)
    data = {"email": "ny@ministeriet.dk", "partnership": partnership.pk}
    assert client.post(INVITE_PARTNERS, data).status_code == 302
    # Asking again sends the same invitation again, and says so.
    again = client.post(INVITE_PARTNERS, data, follow=True)
    invitation = Invitation.objects.get()
    assert "Invitationen til ny@ministeriet.dk er sendt igen." in again.text
    assert invitation.partnership == partnership
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.to == ["ny@ministeriet.dk"]
        assert "medlem af partnerskabet Partnerskabet for udsatte voksne" in (
            message.body
        )
        assert invitation.token in message.body

    person = UserFactory(email="ny@ministeriet.dk")
    person_client = login(Client(), person)
    person_client.post(_url(invitation))
    assert PartnershipMembership.objects.filter(
        user=person, partnership=partnership
    ).exists()
    assert person.groups.filter(name="Partnerskabsmedlem").exists()
    assert not Membership.objects.filter(user=person).exists()


def test_partnership_invite_needs_a_partnership(client, moderator):
    login(client, moderator)
    response = client.post(INVITE_PARTNERS, {"email": "ny@ministeriet.dk"})
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.text
    assert 'value="ny@ministeriet.dk"' in response.text


@pytest.mark.parametrize(
    "who", ["org_admin", "org_member", "partnership_member", "outsider"]
)
def test_only_moderators_invite_partnership_members(client, who, request):
    login(client, request.getfixturevalue(who))
    partnership = Partnership.objects.get(slug="udsatte-voksne")
    assert client.get(INVITE_PARTNERS).status_code == 403
    response = client.post(
        INVITE_PARTNERS, {"email": "x@y.dk", "partnership": partnership.pk}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_accepting_a_member_invitation_never_demotes_an_admin(
    client, organisation, org_admin
):
    invitation = Invitation.objects.create(
        email=org_admin.email, organisation=organisation, role="member"
    )
    login(client, org_admin)
    client.post(_url(invitation))
    assert Membership.objects.get(user=org_admin).role == Membership.Role.ADMIN
