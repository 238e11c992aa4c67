"""Wagtail's list of sites (Indstillinger → Websteder) in the Danish admin."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from portal.accounts.roles import Role
from tests.factories import log_in, moderator

pytestmark = pytest.mark.django_db


def test_the_sites_list_has_danish_column_headers(client, demo_site):
    site_admin = moderator()
    site_admin.groups.set([Group.objects.get(name=Role.SITE_ADMIN)])
    log_in(client, site_admin)

    page = client.get("/admin/sites/").content.decode()

    thead = re.search(r"<thead>(.*?)</thead>", page, re.S)[1]
    headers = [
        re.sub(r"<[^>]+>|\s+", " ", th).strip()
        for th in re.findall(r"<th\b[^>]*>(.*?)</th>", thead, re.S)
    ]
    assert [h for h in headers if h] == [
        "Websted",
        "Port",
        "Webstedsnavn",
        "Rodside",
        "Standard?",
    ]


def test_the_settings_menu_links_to_it_for_site_administrators_only(client):
    site_admin = moderator()
    site_admin.groups.set([Group.objects.get(name=Role.SITE_ADMIN)])
    log_in(client, site_admin)
    assert '"url": "/admin/sites/"' in client.get("/admin/").content.decode()

    log_in(client, moderator())
    assert "/admin/sites/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("codenames", "shown"),
    [
        (["view_site"], False),
        (["view_site", "change_site"], True),
        (["add_site"], True),
        (["delete_site"], True),
    ],
)
def test_the_menu_links_to_it_only_for_those_who_may_change_a_site(
    client, codenames, shown
):
    """Viewing the list alone is no use (each row links to its edit form), so
    the menu follows wagtail.sites: add, change or delete."""
    group = Group.objects.create(name="Websteder")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
    )
    user = moderator()
    user.groups.add(group)
    log_in(client, user)
    assert client.get("/admin/sites/").status_code == 200
    assert ('"url": "/admin/sites/"' in client.get("/admin/").text) is shown
