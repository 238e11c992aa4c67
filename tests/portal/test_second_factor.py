"""Staff rights exist only in a session that passed the second factor; the
permissions roles.py grants are the ones every check asks for."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from inputs.models import Attachment
from inputs.models.inputs import Consent, Visibility
from inputs.states import Status
from portal.accounts.roles import Role
from search.services import archive_index_input
from tests.factories import (
    PASSWORD,
    InputFactory,
    OrganisationFactory,
    UserFactory,
    log_in,
    member_of,
    moderator,
)
from tests.search.helpers import move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Boligselskabet Hemmelig")


def make_bl_only(organisation):
    """An accepted input only BL may see (its organisation anonymised), in
    the archive, with an attachment."""
    input = InputFactory(
        organisation=organisation,
        title="Kun til BL: vaskekælderen",
        visibility=Visibility.BL_ONLY,
        consent=Consent.ANONYMISED,
    )
    move_to(input, Status.ACCEPTED)
    archive_index_input(input_id=input.pk)
    Attachment.objects.create(
        input=input,
        file=ContentFile(b"%PDF-1.4 bilag", name="bilag.pdf"),
        original_name="bilag.pdf",
        content_type="application/pdf",
        size=14,
    )
    return input


@pytest.fixture
def bl_only(organisation):
    return make_bl_only(organisation)


def bl_only_url(input):
    return reverse("inputs:detail", args=[input.pk])


@pytest.fixture
def draft(organisation):
    return InputFactory(organisation=organisation, title="Kladde om ensomhed")


def _staff(role=Role.MODERATOR, **kwargs):
    user = moderator(**kwargs)
    if role != Role.MODERATOR:
        user.groups.set([Group.objects.get(name=role)])
    return user


def test_moderator_without_second_factor_sees_what_a_plain_user_sees(
    client, bl_only, draft
):
    log_in(client, moderator(), second_factor=False)
    attachment = bl_only.attachments.get()
    for url in (
        reverse("inputs:detail", args=[bl_only.pk]),
        reverse("inputs:detail", args=[draft.pk]),
        reverse("inputs:receipt", args=[bl_only.pk]),
        reverse("inputs:attachment", args=[bl_only.pk, attachment.pk]),
    ):
        assert client.get(url).status_code == 404, url
    search = client.get(reverse("archive:search"), {"q": "vaskekælderen"})
    assert not search.context["search"].viewer.is_moderator
    assert search.context["result"].total == 0
    export = client.get(reverse("archive:export_csv"), {"q": "vaskekælderen"})
    assert "Kun til BL" not in export.content.decode()


def test_the_same_moderator_after_the_second_factor_sees_it(client, bl_only):
    log_in(client, moderator())
    assert client.get(bl_only_url(bl_only)).status_code == 200
    search = client.get(reverse("archive:search"), {"q": "vaskekælderen"})
    assert search.context["result"].total == 1
    attachment = bl_only.attachments.get()
    url = reverse("inputs:attachment", args=[bl_only.pk, attachment.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("inputs_moderation:index"),
        reverse("inputs_moderation:index") + "?export=csv",
        reverse("inputs_moderation:index") + "?export=xlsx",
        "/admin/",
        reverse("organisations:moderation"),
        reverse("organisations:partnership_invite"),
    ],
)
def test_staff_pages_ask_for_the_code_first(client, url):
    log_in(client, moderator(), second_factor=False)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_entering_the_code_gives_the_rights_back(client):
    user = moderator()
    log_in(client, user, second_factor=False)
    response = client.get("/admin/")
    assert "Indtast koden" in str(list(response.wsgi_request._messages))
    page = client.get(response["Location"])
    assert page.status_code == 200
    code = format_hotp_value(hotp_value("JBSWY3DPEHPK3PXP", int(time.time()) // 30))
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_superuser_needs_the_second_factor_too(client, bl_only):
    user = moderator(is_superuser=True)
    user.groups.clear()
    log_in(client, user, second_factor=False)
    request = client.get(reverse("organisations:home")).wsgi_request
    assert not request.user.has_perm("inputs.moderate_input")
    assert not request.user.has_module_perms("inputs")
    assert request.user.get_all_permissions() == set()
    assert client.get(bl_only_url(bl_only)).status_code == 404
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_reauthenticate"))
    log_in(client, user)
    assert client.get(bl_only_url(bl_only)).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_code_without_a_request_keeps_the_roles_rights():
    """Tasks and commands act for a person loaded from the database."""
    user = moderator()
    assert user.has_perm("inputs.moderate_input")


def test_a_member_keeps_their_rights_without_a_second_factor(client, draft):
    member = member_of(draft.organisation)
    log_in(client, member)
    assert client.get(bl_only_url(draft)).status_code == 200


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.SITE_ADMIN])
def test_staff_cannot_deactivate_their_last_totp(client, role):
    user = _staff(role)
    log_in(client, user)
    # allauth asks for the password again before security changes.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "Du kan ikke slå totrinsbekræftelse fra" in response.content.decode()
    assert Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def test_others_may_deactivate_totp(client):
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory()
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    log_in(client, user)
    # allauth asks for the password again before security changes.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()


def _revoke(role, dotted):
    app_label, codename = dotted.split(".")
    Group.objects.get(name=role).permissions.remove(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


def test_a_permission_removed_from_the_moderators_group_removes_the_ability(
    client, bl_only
):
    log_in(client, moderator())
    _revoke(Role.MODERATOR, "inputs.moderate_input")
    assert client.get(bl_only_url(bl_only)).status_code == 404
    assert client.get(reverse("inputs_moderation:index")).status_code == 302
    search = client.get(reverse("archive:search"), {"q": "vaskekælderen"})
    assert search.context["result"].total == 0


def test_a_permission_removed_from_the_members_group_removes_the_ability(client, draft):
    member = member_of(draft.organisation)
    log_in(client, member)
    _revoke(Role.ORGANISATION_MEMBER, "inputs.view_input")
    assert client.get(bl_only_url(draft)).status_code == 404


def test_a_removed_approval_permission_closes_the_approval_pages(client):
    log_in(client, moderator())
    assert client.get(reverse("organisations:moderation")).status_code == 200
    _revoke(Role.MODERATOR, "organisations.approve_organisation")
    assert client.get(reverse("organisations:moderation")).status_code == 403


def test_partnership_sharing_follows_its_permission(client, organisation):
    from portal.organisations.models import Partnership
    from portal.organisations.services import partnership_membership_add

    partnership = Partnership.objects.get(slug="svaekkede-aeldre")
    shared = InputFactory(
        organisation=organisation,
        title="Delt med partnerskabet",
        visibility=Visibility.PARTNERSHIP,
    )
    move_to(shared, Status.ACCEPTED)
    user = UserFactory()
    partnership_membership_add(user=user, partnership=partnership)
    log_in(client, user)
    assert client.get(bl_only_url(shared)).status_code == 200
    _revoke(Role.PARTNERSHIP_MEMBER, "inputs.view_shared_input")
    assert client.get(bl_only_url(shared)).status_code == 404
