"""Wagtail's report of pages not published for a long time, on the screen
and exported."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

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


def _csv(client) -> tuple[str, list[list[str]]]:
    response = client.get("/admin/reports/aging-pages/?export=csv")
    text = b"".join(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens æøå only with it
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    return response["Content-Disposition"], rows


def _row(rows: list[list[str]], title: str) -> list[str]:
    return next(row for row in rows if row[0] == title)


def test_the_export_reads_in_danish_with_each_publisher(client, demo_site, site_admin):
    privacy = demo_site.get_children().get(slug="privatliv").specific
    privacy.title = "=Privatliv"
    privacy.save_revision(user=site_admin).publish(user=site_admin)

    disposition, rows = _csv(client)

    assert re.fullmatch(
        r'attachment; filename="sider-ikke-opdateret-laenge-\d{4}-\d\d-\d\d\.csv"',
        disposition,
    )
    assert rows[0] == ["Titel", "Status", "Sidst udgivet", "Sidst udgivet af", "Type"]
    # The demo's 07:00 UTC in Copenhagen's summer time.
    assert _row(rows, "Partnerportalen") == [
        "Partnerportalen",
        "offentliggjort",
        "2020-06-22 09:00",
        "system",
        "Forside",
    ]
    # A title that starts like a formula stays text.
    assert _row(rows, "'=Privatliv")[3:] == [site_admin.email, "Standardside"]


def test_the_export_reads_in_english(client, demo_site, site_admin):
    client.cookies["django_language"] = "en"

    disposition, rows = _csv(client)

    assert 'filename="aging-pages-' in disposition
    assert rows[0] == [
        "Title",
        "Status",
        "Last published",
        "Last published by",
        "Type",
    ]
    assert _row(rows, "Partnerportalen")[1:] == [
        "live",
        "2020-06-22 09:00",
        "system",
        "Home page",
    ]


def test_the_xlsx_export_has_the_same_rows_and_real_dates(
    client, demo_site, site_admin
):
    response = client.get("/admin/reports/aging-pages/?export=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Sider ikke opdateret længe"
    assert rows[0] == ("Titel", "Status", "Sidst udgivet", "Sidst udgivet af", "Type")
    home = next(row for row in rows if row[0] == "Partnerportalen")
    assert home[1:] == (
        "offentliggjort",
        datetime.datetime(2020, 6, 22, 9, 0),
        "system",
        "Forside",
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_sheet_is_named_as_the_report_is_on_the_screen(
    client, demo_site, site_admin, language
):
    client.cookies["django_language"] = language
    page = client.get("/admin/reports/aging-pages/").content.decode()
    heading = _text(re.search(r"<h1\b.*?</h1>", page, re.S)[0])

    response = client.get("/admin/reports/aging-pages/?export=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response))).active
    assert sheet.title == heading
    assert f"<title>{heading} " in page
