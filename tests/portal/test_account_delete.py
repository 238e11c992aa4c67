"""Deleting one's account: the person goes, the organisation's inputs stay."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from inputs.attachments import PDF, CheckedFile
from inputs.models import Input, InputRevision, InternalNote
from inputs.selectors import input_history
from inputs.services import input_transition
from inputs.services.submission import attachments_add
from portal.accounts.services import AccountDeletionRefused, account_delete
from portal.organisations.models import Invitation, JoinRequest, Membership
from search.models import SavedSearch
from tests.factories import (
    PASSWORD,
    InputFactory,
    OrganisationFactory,
    UserFactory,
    log_in,
    member_of,
    moderator,
)
from tests.inputs.files import PDF_BYTES

pytestmark = pytest.mark.django_db

User = get_user_model()
DELETE = reverse("accounts:delete")


@pytest.fixture
def karen(organisation, org_admin):
    return member_of(
        organisation, email="karen@solhjem.dk", first_name="Karen", last_name="Ærø"
    )


@pytest.fixture
def karens_input(karen, organisation):
    """Written and submitted by Karen, with her as contact person, reviewed
    and noted by a moderator, with her attachment and a link from a log."""
    input = InputFactory(
        organisation=organisation,
        author=karen,
        contact_name="Karen Ærø",
        contact_email="KAREN@solhjem.dk",
        contact_phone="12345678",
    )
    input_transition(input=input, action="submit", user=karen)
    attachments_add(
        input=input,
        user=karen,
        files=[CheckedFile("notat.pdf", PDF, ContentFile(PDF_BYTES))],
    )
    InternalNote.objects.create(input=input, author=karen, text="Karens note")
    return input


def test_deletion_anonymises_inputs_history_and_notes_and_keeps_the_inputs(
    karen, karens_input, organisation, django_capture_on_commit_callbacks
):
    other_input = InputFactory(
        organisation=organisation, contact_name="Ole", contact_email="ole@solhjem.dk"
    )
    SavedSearch.objects.create(user=karen, name="Mine", query_string="q=x")
    JoinRequest.objects.create(user=karen, organisation=OrganisationFactory())
    Invitation.objects.create(email="karen@solhjem.dk", organisation=organisation)
    sent = Invitation.objects.create(
        email="ny@solhjem.dk", organisation=organisation, invited_by=karen
    )
    TOTP.activate(karen, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    log(instance=karen, action="wagtail.edit", user=None)
    pk = karen.pk

    account_delete(user=karen)

    assert not User.objects.filter(pk=pk).exists()
    input = Input.objects.get(pk=karens_input.pk)
    assert input.title == karens_input.title  # the text stays
    assert input.author is None
    assert (input.contact_name, input.contact_email, input.contact_phone) == (
        "",
        "",
        "",
    )
    assert input.version > karens_input.version
    assert InputRevision.objects.get(input=input).created_by is None
    assert input.attachments.get().uploaded_by is None
    assert InternalNote.objects.get(input=input).author is None
    assert not ModelLogEntry.objects.filter(user_id=pk).exists()
    (submitted,) = input_history(input=input)
    assert submitted.user == "Slettet bruger"
    about_her = ModelLogEntry.objects.filter(
        content_type__model="user", object_id=str(pk)
    )
    assert set(about_her.values_list("label", flat=True)) == {"Slettet bruger"}
    assert about_her.filter(action="accounts.delete").exists()
    assert not Membership.objects.filter(user_id=pk).exists()
    assert not SavedSearch.objects.filter(user_id=pk).exists()
    assert not JoinRequest.objects.filter(user_id=pk).exists()
    assert not Invitation.objects.filter(email__iexact="karen@solhjem.dk").exists()
    assert Invitation.objects.get(pk=sent.pk).invited_by is None
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()
    other_input.refresh_from_db()
    assert other_input.contact_name == "Ole"  # someone else's contact stays


def test_the_page_deletes_logs_out_everywhere_and_confirms(client, karen, org_admin):
    other_browser = type(client)()
    log_in(other_browser, karen)
    log_in(client, karen)
    page = client.get(DELETE)
    assert "kan ikke fortrydes" in page.content.decode()

    response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:deleted")
    confirmation = client.get(response["Location"])
    assert "Din konto er slettet" in confirmation.content.decode()
    assert not User.objects.filter(email="karen@solhjem.dk").exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(karen.pk)
        for s in Session.objects.all()
    )
    assert other_browser.get(reverse("accounts:my_account")).status_code == 302
    # The confirmation shows once.
    assert client.get(reverse("accounts:deleted")).status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"password": "forkert", "confirm": "on"},
            "password",
            "Adgangskoden er forkert",
        ),
        ({"password": PASSWORD}, "confirm", "Sæt kryds for at bekræfte"),
    ],
)
def test_a_wrong_password_or_no_tick_deletes_nothing(
    client, karen, data, field, message
):
    log_in(client, karen)
    response = client.post(DELETE, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert User.objects.filter(pk=karen.pk).exists()


def test_the_last_administrator_must_hand_over_first(
    client, org_admin, karen, organisation
):
    log_in(client, org_admin)
    page = client.get(DELETE).content.decode()
    assert "Du er den eneste administrator af Boligforeningen Solhjem" in page
    assert reverse("organisations:members", args=[organisation.pk]) in page
    assert 'name="password"' not in page

    response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert User.objects.filter(pk=org_admin.pk).exists()
    with pytest.raises(AccountDeletionRefused):
        account_delete(user=org_admin)
    assert Membership.objects.filter(user=org_admin).exists()


def test_an_administrator_alone_in_an_empty_organisation_may_go(organisation):
    alone = member_of(organisation, Membership.Role.ADMIN)
    account_delete(user=alone)
    assert not User.objects.filter(pk=alone.pk).exists()


def test_one_of_two_administrators_may_go(org_admin, karen, karens_input, organisation):
    Membership.objects.filter(user=karen).update(role=Membership.Role.ADMIN)
    account_delete(user=org_admin)
    assert not User.objects.filter(pk=org_admin.pk).exists()


def test_a_moderator_may_delete_their_account_and_it_is_logged(
    client, karens_input, caplog
):
    staff = moderator()
    input_transition(input=karens_input, action="start_review", user=staff)
    log_in(client, staff)

    with caplog.at_level("INFO", logger="portal.accounts.services"):
        response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(action="accounts.delete")
    assert entry.data == {"staff": True}
    assert f"Account {staff.pk} deleted (staff: True)" in caplog.text
    assert (
        ModelLogEntry.objects.filter(action="inputs.start_review").get().user_id is None
    )


def test_the_last_site_administrator_cannot_go():
    superuser = User.objects.create_superuser("root@bl.dk", "x")
    with pytest.raises(AccountDeletionRefused, match="eneste sideadministrator"):
        account_delete(user=superuser)
    User.objects.create_superuser("root2@bl.dk", "x")
    account_delete(user=superuser)
    assert not User.objects.filter(pk=superuser.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(DELETE)["Location"].startswith(reverse("account_login"))


def test_the_moderation_page_of_an_anonymised_input_still_renders(
    client, karen, karens_input
):
    account_delete(user=karen)
    staff = moderator()
    log_in(client, staff)
    response = client.get(f"/admin/input/{karens_input.pk}/")
    assert response.status_code == 200
    assert "karen@solhjem.dk" not in response.content.decode()


def test_an_address_claimed_but_never_verified_is_not_theirs(
    karen, karens_input, organisation
):
    # Anyone may add any address to their account; until it is verified it
    # stands for nobody. Deleting the account must not erase another
    # organisation's contact person, nor its invitations (attacker check).
    outsider = UserFactory(email="outsider@example.org")
    for address in ("karen@solhjem.dk", "ny.kollega@solhjem.dk"):
        EmailAddress.objects.create(user=outsider, email=address, verified=False)
    Invitation.objects.create(email="ny.kollega@solhjem.dk", organisation=organisation)
    account_delete(user=outsider)
    karens_input.refresh_from_db()
    assert karens_input.contact_email == "KAREN@solhjem.dk"
    assert karens_input.contact_name == "Karen Ærø"
    assert Invitation.objects.filter(email="ny.kollega@solhjem.dk").exists()
