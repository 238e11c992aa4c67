"""Wagtail's report of pages not published for a long time."""

import re

import pytest
from django.contrib.auth.models import Group

from portal.accounts.roles import Role
from tests.factories import log_in, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(client):
    user = moderator()
    user.groups.set([Group.objects.get(name=Role.SITE_ADMIN)])
    log_in(client, user)
    return user


def _published_by(page: str, title: str) -> str:
    """The report's "Sidst udgivet af" for the page titled `title`."""
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if title in r)
    return _text(re.findall(r"<td\b.*?</td>", row, re.S)[3])


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_page_published_by_no_one_reads_as_published_by_the_system(
    client, demo_site, site_admin
):
    # The demo's pages, like any a command or a schedule publishes, have a
    # publishing record without a user.
    privacy = demo_site.get_children().get(slug="privatliv").specific
    privacy.title = "Privatliv"
    privacy.save_revision(user=site_admin).publish(user=site_admin)

    page = client.get("/admin/reports/aging-pages/").content.decode()

    assert _published_by(page, "Partnerportalen") == "system"
    assert _published_by(page, "Privatliv") == site_admin.email


def test_a_revision_by_no_one_says_so_too(client, demo_site, site_admin):
    revision = demo_site.latest_revision
    page = client.get(
        f"/admin/pages/{demo_site.pk}/revisions/{revision.pk}/revert/"
    ).content.decode()

    message = re.search(r"(Du ser en tidligere version.*?)</div>", page, re.S)
    assert _text(message[1]).endswith(" af system"), message[1]
