import pytest
from django.contrib.auth.models import Group

from portal.accounts.roles import ROLE_PERMISSIONS, Role


def _codenames(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLE_PERMISSIONS))
def test_each_role_group_has_exactly_its_permissions(role):
    assert _codenames(Group.objects.get(name=role)) == ROLE_PERMISSIONS[role]


@pytest.mark.django_db
def test_organisation_roles_cannot_reach_the_admin_or_moderate():
    for role in (
        Role.ORGANISATION_MEMBER,
        Role.ORGANISATION_ADMIN,
        Role.PARTNERSHIP_MEMBER,
    ):
        perms = ROLE_PERMISSIONS[role]
        assert "wagtailadmin.access_admin" not in perms
        assert "inputs.moderate_input" not in perms


@pytest.mark.django_db
def test_wagtail_sample_groups_are_removed():
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
