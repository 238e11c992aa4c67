import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inputs.states import Status
from tests.factories import log_in, theme

pytestmark = pytest.mark.django_db
QUEUE = reverse("inputs_moderation:index")


def _csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_holds_exactly_the_filtered_rows(mod_client, make_input):
    wanted = make_input(
        status="in_review",
        themes=[theme("ensomhed")],
        answers={
            "frivillige": {
                "label": "Hvor mange frivillige?",
                "value": "12",
                "order": 0,
            },
            "timer": {"label": "Timer om ugen", "value": "3", "order": 1},
        },
    )
    make_input(status="in_review")  # other theme: filtered out
    make_input(status="draft", themes=[theme("ensomhed")])  # drafts never
    mod_client.post(
        reverse("inputs_moderation:transition", args=[wanted.pk]),
        {"transition": "request_changes", "note": "Tilføj antal beboere"},
    )
    response = mod_client.get(QUEUE, {"export": "csv", "theme": theme("ensomhed").pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert [r["Referencenummer"] for r in rows] == [wanted.reference]
    row = rows[0]
    assert row["Status"] == "Ændringer ønsket"
    assert row["Temaer"] == "Ensomhed"
    assert row["Feedback"] == "Tilføj antal beboere"
    assert row["Samtykke"] == "Ja, med organisationens navn"
    answers = row["Svar på ekstra spørgsmål"]
    assert answers == "Hvor mange frivillige? 12\nTimer om ugen: 3"
    assert row["Udfordringen"] == wanted.challenge


def test_xlsx_matches_queue(mod_client, make_input):
    accepted = make_input(status="accepted")
    make_input(status="in_review")
    response = mod_client.get(QUEUE, {"export": "xlsx", "status": Status.ACCEPTED})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Referencenummer"
    assert [r[0] for r in rows[1:]] == [accepted.reference]


def test_export_refused_to_non_moderators(client, make_input, author):
    make_input()
    log_in(client, author)
    response = client.get(QUEUE, {"export": "csv"})
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")


def test_unknown_format_is_the_queue_not_a_file(mod_client):
    response = mod_client.get(QUEUE, {"export": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


# Each way a cell can start a formula; the organisation name carries one too.
FORMULAS = ['=HYPERLINK("http://x.example","Klik")', "+1+1", "-2+3", "@SUM(1)", "\t=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_like_text_is_exported_as_text(
    mod_client, make_input, organisation, formula
):
    organisation.name = formula
    organisation.save()
    make_input(title=formula, challenge=formula)
    row = _csv(mod_client.get(QUEUE, {"export": "csv"}))[0]
    for column in ("Titel", "Udfordringen", "Organisation"):
        assert row[column] == "'" + formula
    response = mod_client.get(QUEUE, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    for column in ("Titel", "Udfordringen", "Organisation"):
        cell = sheet.cell(row=2, column=header.index(column) + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (formula, "s", True)
