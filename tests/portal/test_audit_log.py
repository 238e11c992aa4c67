"""Organisation actions go into Wagtail's audit log, and moderators find them
in the site history report."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    Organisation,
    Partnership,
)
from portal.organisations.services import (
    invitation_accept,
    invitation_create,
    join_request_create,
    join_request_decide,
    membership_change_role,
    membership_remove_checked,
    organisation_decide,
    organisation_register,
)
from tests.factories import UserFactory, member_of

from .conftest import login

pytestmark = pytest.mark.django_db

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")


def _entries():
    return ModelLogEntry.objects.filter(action__startswith="organisations.")


def _only_entry(action, instance, user) -> ModelLogEntry:
    entries = list(_entries())
    assert [(e.action, e.object_id, e.label, e.user) for e in entries] == [
        (f"organisations.{action}", str(instance.pk), str(instance), user)
    ]
    return entries[0]


def _register(user) -> Organisation:
    return organisation_register(
        user=user,
        name="Boligselskabet Øst",
        cvr="69388949",
        kind=Organisation.Kind.HOUSING_ORGANISATION,
        municipality=Municipality.objects.get(name="Køge"),
    )


def test_registration_and_its_approval_are_logged(outsider, moderator):
    organisation = _register(outsider)
    entry = _only_entry("register", organisation, outsider)
    assert entry.data["person"] == outsider.email
    _register(outsider)  # the same registration again logs nothing
    assert _entries().count() == 1
    _entries().delete()
    organisation_decide(organisation=organisation, approve=True, user=moderator)
    _only_entry("approve", organisation, moderator)
    organisation_decide(organisation=organisation, approve=False, user=moderator)
    assert _entries().count() == 1  # already decided: nothing happens


def test_declining_a_registration_is_logged(outsider, moderator):
    organisation = _register(outsider)
    _entries().delete()
    organisation_decide(organisation=organisation, approve=False, user=moderator)
    _only_entry("decline", organisation, moderator)


@pytest.mark.parametrize("approve", [True, False])
def test_join_request_decision_is_logged(organisation, org_admin, outsider, approve):
    join_request = join_request_create(user=outsider, organisation=organisation)
    assert not _entries().exists()
    join_request_decide(join_request=join_request, approve=approve, user=org_admin)
    entry = _only_entry(
        "join_approve" if approve else "join_decline", organisation, org_admin
    )
    assert entry.data["person"] == outsider.email
    join_request_decide(join_request=join_request, approve=approve, user=org_admin)
    assert _entries().count() == 1
    assert JoinRequest.objects.get().decided_by == org_admin


def test_role_change_is_logged_with_from_and_to(organisation, org_admin, org_member):
    membership = Membership.objects.get(user=org_member)
    membership_change_role(membership=membership, role="admin", user=org_admin)
    entry = _only_entry("role_change", organisation, org_admin)
    assert entry.data == {"person": org_member.email, "from": "member", "to": "admin"}
    assert entry.message == f"Rolle for {org_member.email}: medlem → administrator"
    # Choosing the role the member already has changes and logs nothing.
    membership_change_role(membership=membership, role="admin", user=org_admin)
    assert _entries().count() == 1


def test_removal_is_logged_and_a_refused_one_is_not(
    organisation, org_admin, org_member
):
    with pytest.raises(Exception, match="sidste administrator"):
        membership_remove_checked(
            membership=Membership.objects.get(user=org_admin), user=org_admin
        )
    assert not _entries().exists()
    membership_remove_checked(
        membership=Membership.objects.get(user=org_member), user=org_admin
    )
    entry = _only_entry("member_remove", organisation, org_admin)
    assert entry.data == {"person": org_member.email, "role": "member"}


def test_invitations_and_their_acceptance_are_logged(organisation, org_admin):
    invitation = invitation_create(
        email="Kollega@Solhjem.dk",
        organisation=organisation,
        role=Membership.Role.ADMIN,
        invited_by=org_admin,
    ).invitation
    entry = _only_entry("invite", organisation, org_admin)
    assert entry.data == {"person": "kollega@solhjem.dk", "role": "admin"}
    _entries().delete()
    # Sending the open invitation again, as a member now, is logged as such.
    invitation_create(
        email="kollega@solhjem.dk", organisation=organisation, invited_by=org_admin
    )
    entry = _only_entry("invite", organisation, org_admin)
    assert entry.data == {"person": "kollega@solhjem.dk", "role": "member"}
    assert Invitation.objects.get() == invitation
    _entries().delete()
    colleague = UserFactory(email="kollega@solhjem.dk")
    invitation_accept(invitation=invitation, user=colleague)
    _only_entry("invitation_accept", organisation, colleague)
    invitation_accept(invitation=invitation, user=colleague)
    assert _entries().count() == 1


def test_partnership_invitation_is_logged_on_the_partnership(moderator):
    partnership = Partnership.objects.get(slug="udsatte-voksne")
    invitation_create(
        email="ny@ministeriet.dk", partnership=partnership, invited_by=moderator
    )
    entry = _only_entry("invite", partnership, moderator)
    assert entry.message == "Inviteret som partnerskabsmedlem: ny@ministeriet.dk"


def test_moderator_filters_the_site_history_by_our_actions(
    client, organisation, org_admin, org_member, moderator
):
    member_of(organisation, email="tredje@solhjem.dk")
    membership_change_role(
        membership=Membership.objects.get(user=org_member), role="admin", user=org_admin
    )
    membership_remove_checked(
        membership=Membership.objects.get(user__email="tredje@solhjem.dk"),
        user=org_admin,
    )
    login(client, moderator)
    html = client.get(SITE_HISTORY).content.decode()
    assert "Rolle ændret" in html and "Medlem fjernet" in html  # filter choices
    response = client.get(SITE_HISTORY, {"action": "organisations.role_change"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Rolle for {org_member.email}: medlem → administrator" in html
    assert organisation.name in html
    assert "Fjernet: tredje@solhjem.dk" not in html
    html = client.get(
        SITE_HISTORY, {"action": "organisations.member_remove"}
    ).content.decode()
    assert "Fjernet: tredje@solhjem.dk (medlem)" in html


def test_organisation_members_cannot_open_the_report(client, org_admin, org_member):
    membership_change_role(
        membership=Membership.objects.get(user=org_member), role="admin", user=org_admin
    )
    login(client, org_admin)
    response = client.get(SITE_HISTORY)
    # The admin's "no access" page (portal/accounts), not the report.
    assert response.status_code == 403
    assert b"Rolle for" not in response.content
