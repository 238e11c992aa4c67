"""The organisation administrator's member page: list, invite, change role,
remove; and who may see it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.organisations.models import Invitation, Membership
from portal.organisations.services import membership_set
from tests.factories import member_of

from .conftest import login

pytestmark = pytest.mark.django_db


def _members_url(organisation):
    return reverse("organisations:members", args=[organisation.pk])


def test_admin_sees_members_with_constant_query_count(
    client, organisation, org_admin, org_member, django_assert_max_num_queries
):
    login(client, org_admin)
    client.get(_members_url(organisation))
    for _ in range(10):
        member_of(organisation)
    with django_assert_max_num_queries(16):
        response = client.get(_members_url(organisation))
    assert response.status_code == 200
    assert "medlem@solhjem.dk" in response.text
    assert len(response.context["members"]) == 12


def test_moderator_sees_any_organisation_members(client, organisation, moderator):
    login(client, moderator)
    assert client.get(_members_url(organisation)).status_code == 200


def test_plain_member_is_refused(client, organisation, org_member):
    login(client, org_member)
    assert client.get(_members_url(organisation)).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "partnership_member"])
def test_non_members_get_404(client, organisation, org_admin, who, request):
    login(client, request.getfixturevalue(who))
    assert client.get(_members_url(organisation)).status_code == 404


def test_admin_of_another_organisation_gets_404(
    client, organisation, other_organisation
):
    login(client, member_of(other_organisation, Membership.Role.ADMIN))
    assert client.get(_members_url(organisation)).status_code == 404


def test_anonymous_is_sent_to_login(organisation):
    response = Client().get(_members_url(organisation))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_admin_invites_colleague_with_danish_email(client, organisation, org_admin):
    login(client, org_admin)
    data = {"email": "Kollega@Solhjem.dk", "role": "member"}
    response = client.post(_members_url(organisation), data, follow=True)
    assert "Invitationen er sendt til kollega@solhjem.dk." in response.text
    invitation = Invitation.objects.get()
    assert invitation.email == "kollega@solhjem.dk"
    assert invitation.organisation == organisation
    (message,) = mail.outbox
    assert message.to == ["kollega@solhjem.dk"]
    assert message.subject == (
        "Partnerportalen: Du er inviteret til Boligforeningen Solhjem"
    )
    assert f"/organisation/invitation/{invitation.token}/" in message.body
    assert "Tag imod invitationen her" in message.body


def test_inviting_again_sends_the_open_invitation_again_with_the_new_role(
    client, organisation, org_admin
):
    login(client, org_admin)
    client.post(
        _members_url(organisation), {"email": "kollega@solhjem.dk", "role": "member"}
    )
    response = client.post(
        _members_url(organisation),
        {"email": "Kollega@Solhjem.dk", "role": "admin"},
        follow=True,
    )
    invitation = Invitation.objects.get()  # still one open invitation
    assert invitation.role == Membership.Role.ADMIN
    first, second = mail.outbox
    assert first.to == second.to == ["kollega@solhjem.dk"]
    assert "medlem af Boligforeningen Solhjem" in first.body
    assert "administrator for Boligforeningen Solhjem" in second.body
    assert f"/organisation/invitation/{invitation.token}/" in second.body
    assert "Invitationen til kollega@solhjem.dk er sendt igen." in response.text
    assert "kollega@solhjem.dk (administrator)" in response.text


def test_inviting_the_same_address_again_at_once_resends_the_email(
    client, organisation, org_admin
):
    # An admin whose colleague lost the e-mail asks again straight away,
    # for the same role: the page must not claim a sending that did not
    # happen. The rate limit ("invitation") bounds how often.
    login(client, org_admin)
    url = _members_url(organisation)
    page = client.post(
        url, {"email": "ny.kollega@aab.dk", "role": "member"}, follow=True
    )
    assert "Invitationen er sendt til ny.kollega@aab.dk." in page.text
    invitation = Invitation.objects.get()
    response = client.post(
        url, {"email": "NY.Kollega@AAB.dk", "role": "member"}, follow=True
    )
    assert "Invitationen til ny.kollega@aab.dk er sendt igen." in response.text
    assert "Invitationen er sendt til" not in response.text
    first, second = mail.outbox
    assert first.to == second.to == ["ny.kollega@aab.dk"]
    assert f"/organisation/invitation/{invitation.token}/" in second.body
    renewed = Invitation.objects.get()  # still the one open invitation
    assert renewed.pk == invitation.pk
    assert renewed.expires_at > invitation.expires_at


def test_invite_bad_email_shows_danish_error_and_keeps_input(
    client, organisation, org_admin
):
    login(client, org_admin)
    response = client.post(
        _members_url(organisation), {"email": "ikke-en-mail", "role": "admin"}
    )
    assert response.status_code == 200
    assert "Indtast en gyldig e-mail-adresse" in response.text
    assert 'value="ikke-en-mail"' in response.text
    assert not Invitation.objects.exists()


def test_invite_existing_member_is_refused(client, organisation, org_admin, org_member):
    login(client, org_admin)
    response = client.post(
        _members_url(organisation), {"email": org_member.email, "role": "member"}
    )
    assert response.status_code == 200
    assert "er allerede medlem" in response.text
    assert not Invitation.objects.exists()


def test_plain_member_cannot_invite(client, organisation, org_member):
    login(client, org_member)
    response = client.post(
        _members_url(organisation), {"email": "x@solhjem.dk", "role": "admin"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_admin_changes_role(client, organisation, org_admin, org_member):
    login(client, org_admin)
    membership = Membership.objects.get(user=org_member)
    client.post(
        reverse("organisations:membership_role", args=[membership.pk]),
        {"role": "admin"},
    )
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN
    assert org_member.groups.filter(name="Organisationsadministrator").exists()


def test_last_admin_cannot_step_down(client, organisation, org_admin):
    login(client, org_admin)
    membership = Membership.objects.get(user=org_admin)
    response = client.post(
        reverse("organisations:membership_role", args=[membership.pk]),
        {"role": "member"},
        follow=True,
    )
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN
    assert "mindst én administrator" in response.text


def test_removed_member_loses_access_at_once(
    client, organisation, org_admin, org_member
):
    member_client = login(Client(), org_member)
    member_client.get(reverse("organisations:home"))
    promoted = membership_set(
        user=org_member, organisation=organisation, role=Membership.Role.ADMIN
    )
    assert member_client.get(_members_url(organisation)).status_code == 200

    login(client, org_admin)
    response = client.post(
        reverse("organisations:membership_remove", args=[promoted.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=org_member).exists()
    assert not org_member.groups.exists()
    # The same session, next request: the page is gone for them.
    assert member_client.get(_members_url(organisation)).status_code == 404


def test_plain_member_cannot_remove_or_change_role(
    client, organisation, org_admin, org_member
):
    login(client, org_member)
    admin_membership = Membership.objects.get(user=org_admin)
    assert (
        client.post(
            reverse("organisations:membership_remove", args=[admin_membership.pk])
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("organisations:membership_role", args=[admin_membership.pk]),
            {"role": "member"},
        ).status_code
        == 403
    )
    assert Membership.objects.filter(user=org_admin, role="admin").exists()


def test_admin_cannot_touch_another_organisations_members(
    client, org_admin, other_organisation
):
    other = member_of(other_organisation)
    login(client, org_admin)
    membership = Membership.objects.get(user=other)
    response = client.post(
        reverse("organisations:membership_remove", args=[membership.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_last_admin_cannot_be_removed(client, organisation, org_admin):
    login(client, org_admin)
    membership = Membership.objects.get(user=org_admin)
    response = client.post(
        reverse("organisations:membership_remove", args=[membership.pk]),
        follow=True,
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "Den sidste administrator kan ikke fjernes" in response.text


def test_moderator_removes_a_member(client, organisation, moderator, org_member):
    login(client, moderator)
    membership = Membership.objects.get(user=org_member)
    client.post(reverse("organisations:membership_remove", args=[membership.pk]))
    assert not Membership.objects.filter(user=org_member).exists()


def test_admin_who_removes_themselves_lands_on_the_overview(
    client, organisation, org_admin
):
    member_of(organisation, Membership.Role.ADMIN)
    login(client, org_admin)
    own = Membership.objects.get(user=org_admin)
    response = client.post(
        reverse("organisations:membership_remove", args=[own.pk]), follow=True
    )
    assert response.redirect_chain == [(reverse("organisations:home"), 302)]
    assert response.status_code == 200
    assert "admin@solhjem.dk er fjernet fra Boligforeningen Solhjem." in response.text
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_admin_who_steps_down_lands_on_the_overview(client, organisation, org_admin):
    member_of(organisation, Membership.Role.ADMIN)
    login(client, org_admin)
    own = Membership.objects.get(user=org_admin)
    response = client.post(
        reverse("organisations:membership_role", args=[own.pk]),
        {"role": "member"},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("organisations:home"), 302)]
    assert response.status_code == 200
    assert "admin@solhjem.dk er nu medlem." in response.text
    assert "Ingen adgang" not in response.text


def test_admin_who_removes_another_stays_on_the_members_page(
    client, organisation, org_admin, org_member
):
    login(client, org_admin)
    membership = Membership.objects.get(user=org_member)
    response = client.post(
        reverse("organisations:membership_remove", args=[membership.pk])
    )
    assert response["Location"] == _members_url(organisation)


def test_moderator_who_is_also_a_member_stays_on_the_members_page(
    client, organisation, moderator, org_admin
):
    # A moderator manages every organisation, member of it or not.
    own = membership_set(
        user=moderator, organisation=organisation, role=Membership.Role.ADMIN
    )
    login(client, moderator)
    response = client.post(reverse("organisations:membership_remove", args=[own.pk]))
    assert response["Location"] == _members_url(organisation)


def _remove_url(membership):
    return reverse("organisations:membership_remove", args=[membership.pk])


def test_the_members_page_links_to_a_confirmation_instead_of_removing(
    client, organisation, org_admin, org_member
):
    login(client, org_admin)
    membership = Membership.objects.get(user=org_member)
    html = client.get(_members_url(organisation)).text
    assert f'href="{_remove_url(membership)}"' in html
    assert f'action="{_remove_url(membership)}"' not in html


def test_removing_a_member_asks_first_naming_person_and_organisation(
    client, organisation, org_admin
):
    colleague = member_of(
        organisation, email="jens@solhjem.dk", first_name="Jens", last_name="Holm"
    )
    membership = Membership.objects.get(user=colleague)
    login(client, org_admin)
    response = client.get(_remove_url(membership))
    assert response.status_code == 200
    assert (
        "Vil du fjerne Jens Holm (jens@solhjem.dk) fra Boligforeningen Solhjem?"
        in response.text
    )
    assert "Ja, fjern Jens Holm" in response.text
    assert f'<a href="{_members_url(organisation)}">Fortryd</a>' in response.text
    assert Membership.objects.filter(pk=membership.pk).exists()  # GET changes nothing

    response = client.post(_remove_url(membership))
    assert response["Location"] == _members_url(organisation)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_oneself_says_so(client, organisation, org_admin):
    member_of(organisation, Membership.Role.ADMIN)
    login(client, org_admin)
    html = client.get(_remove_url(Membership.objects.get(user=org_admin))).text
    assert "Du fjerner dig selv fra Boligforeningen Solhjem." in html
    assert "Ja, fjern mig fra Boligforeningen Solhjem" in html


def test_the_last_administrator_is_told_before_confirming(
    client, organisation, org_admin
):
    login(client, org_admin)
    html = client.get(_remove_url(Membership.objects.get(user=org_admin))).text
    assert "Den sidste administrator kan ikke fjernes" in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Ja, fjern" not in main and 'method="post"' not in main


def test_the_confirmation_page_is_for_administrators_of_that_organisation(
    client, organisation, org_admin, org_member, other_organisation, moderator
):
    admin_membership = Membership.objects.get(user=org_admin)
    login(client, org_member)
    assert client.get(_remove_url(admin_membership)).status_code == 403
    login(client, member_of(other_organisation, Membership.Role.ADMIN))
    assert client.get(_remove_url(admin_membership)).status_code == 404
    login(client, moderator)
    assert client.get(_remove_url(admin_membership)).status_code == 200


def test_the_confirmation_page_in_english(client, settings, organisation, org_admin):
    member_of(organisation, Membership.Role.ADMIN)
    login(client, org_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(_remove_url(Membership.objects.get(user=org_admin))).text
    assert "<h1>Remove member</h1>" in html
    assert "You are removing yourself from Boligforeningen Solhjem." in html
    assert "Yes, remove me from Boligforeningen Solhjem" in html


def _invite_form_token(client, organisation) -> str:
    import re

    html = client.get(_members_url(organisation)).text
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token, "the invitation form has a token of its own"
    return token.group(1)


def test_one_press_sent_again_sends_one_email(client, organisation, org_admin):
    # A double click or a retry sends the same form twice: one invitation,
    # one e-mail, and the page says it was sent.
    login(client, org_admin)
    token = _invite_form_token(client, organisation)
    data = {"email": "ny.kollega@aab.dk", "role": "member", "token": token}
    url = _members_url(organisation)
    for _ in range(3):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1
    # A new press (the page opened again) sends it again, as asked.
    again = {**data, "token": _invite_form_token(client, organisation)}
    response = client.post(url, again, follow=True)
    assert "Invitationen til ny.kollega@aab.dk er sendt igen." in response.text
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_simultaneous_presses_send_one_email(reference_data):
    from tests.factories import OrganisationFactory
    from tests.inputs.test_concurrent_submit import (
        SENDS,
        _send_at_once,
        clients_of_one_session,
    )

    organisation = OrganisationFactory()
    admin = member_of(organisation, role="admin")
    clients = clients_of_one_session(admin)
    token = _invite_form_token(clients[0], organisation)
    data = {"email": "ny.kollega@aab.dk", "role": "member", "token": token}
    url = _members_url(organisation)

    results = _send_at_once(lambda n: clients[n].post(url, data))

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    assert [r.status_code for r in results] == [302] * SENDS
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1
