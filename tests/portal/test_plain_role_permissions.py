"""Staff rights never count without the second factor, whatever group grants
them; and the plain roles' permissions are fixed in code (roles.py), so the
group editor does not change them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal.accounts.roles import ROLE_PERMISSIONS, Role, requires_two_factor
from tests.factories import (
    OrganisationFactory,
    log_in,
    member_of,
    moderator,
)
from tests.portal.test_second_factor import make_bl_only

pytestmark = pytest.mark.django_db


def _grant(role, codename):
    Group.objects.get(name=role).permissions.add(
        Permission.objects.get(codename=codename)
    )


@pytest.mark.parametrize("role", [Role.ORGANISATION_MEMBER, Role.ORGANISATION_ADMIN])
def test_a_staff_permission_on_a_plain_role_gives_nothing_without_the_code(
    client, role
):
    bl_only = make_bl_only(OrganisationFactory(name="Boligselskabet Hemmelig"))
    member = member_of(
        OrganisationFactory(),
        role="admin" if role == Role.ORGANISATION_ADMIN else "member",
    )
    _grant(role, "moderate_input")
    log_in(client, member)  # a password, no TOTP
    response = client.get(reverse("inputs:detail", args=[bl_only.pk]))
    assert response.status_code == 404
    assert not response.wsgi_request.user.has_perm("inputs.moderate_input")
    assert response.wsgi_request.user.has_perm("inputs.view_input")
    export = client.get(reverse("archive:export_csv"), {"q": "vaskekælderen"})
    assert "Kun til BL" not in export.content.decode()
    # Holding a staff right, however granted, means needing the second factor.
    assert requires_two_factor(member)


def test_plain_permissions_from_any_group_need_no_second_factor():
    member = member_of(OrganisationFactory())
    extra = Group.objects.create(name="Ekstra")
    extra.permissions.add(Permission.objects.get(codename="view_input"))
    member.groups.add(extra)
    assert not requires_two_factor(member)


@pytest.fixture
def site_admin_client(client):
    admin = moderator()
    admin.groups.set([Group.objects.get(name=Role.SITE_ADMIN)])
    log_in(client, admin)
    return client


@pytest.mark.parametrize("role", [Role.ORGANISATION_MEMBER, Role.PARTNERSHIP_MEMBER])
def test_the_group_editor_does_not_change_a_plain_role(site_admin_client, role):
    group = Group.objects.get(name=role)
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    page = site_admin_client.get(url)
    assert page.status_code == 200
    assert "fastlagt i Partnerportalens kode" in page.content.decode()
    moderate = Permission.objects.get(codename="moderate_input")
    response = site_admin_client.post(
        url, {"name": "Alle", "permissions": [moderate.pk]}, follow=True
    )
    assert "kan ikke ændres" in response.content.decode()
    group.refresh_from_db()
    assert group.name == role
    codenames = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
    }
    assert codenames == ROLE_PERMISSIONS[role]


def test_the_group_editor_still_edits_other_groups(site_admin_client):
    group = Group.objects.create(name="Redaktører")
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    page = site_admin_client.get(url)
    assert "fastlagt i Partnerportalens kode" not in page.content.decode()


@pytest.mark.parametrize("role", [Role.ORGANISATION_MEMBER, Role.PARTNERSHIP_MEMBER])
def test_a_plain_role_cannot_be_deleted(site_admin_client, role):
    group = Group.objects.get(name=role)
    url = reverse("wagtailusers_groups:delete", args=[group.pk])
    page = site_admin_client.get(url, follow=True)
    assert "kan ikke slettes" in page.content.decode()
    response = site_admin_client.post(url, follow=True)
    assert "kan ikke slettes" in response.content.decode()
    assert Group.objects.filter(pk=group.pk).exists()


def test_other_groups_can_still_be_deleted(site_admin_client):
    group = Group.objects.create(name="Redaktører")
    url = reverse("wagtailusers_groups:delete", args=[group.pk])
    assert "kan ikke slettes" not in site_admin_client.get(url).content.decode()
    site_admin_client.post(url)
    assert not Group.objects.filter(pk=group.pk).exists()
