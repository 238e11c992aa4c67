"""The archive export keeps formula-like text as text, in CSV and XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# No quotes: the export's title is highlighted HTML, whose &quot; is another
# matter.
FORMULAS = ["=HYPERLINK(A1)", "+1+1", "-2+3", "@SUM(1)", "\t=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_like_text_is_exported_as_text(client, archived, formula):
    archived(title=f"{formula} madklub", organisation=OrganisationFactory(name=formula))
    response = client.get(reverse("archive:export_csv"), {"q": "madklub"})
    text = response.content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["Titel"] == f"'{formula} madklub"
    assert row["Organisation"] == "'" + formula
    response = client.get(reverse("archive:export_xlsx"), {"q": "madklub"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    title, organisation = sheet["A2"], sheet["D2"]
    assert [c.value for c in sheet[1]][:4] == [
        "Titel",
        "Type",
        "Reference",
        "Organisation",
    ]
    assert (title.value, title.data_type, title.quotePrefix) == (
        f"{formula} madklub",
        "s",
        True,
    )
    assert (organisation.value, organisation.data_type) == (formula, "s")
    assert organisation.quotePrefix


@pytest.mark.parametrize(
    ("language", "name"), [("da", "arkivsoegning"), ("en", "archive-search")]
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_file_is_named_in_the_readers_language(
    client, archived, language, name, fmt
):
    archived(title="Madklub i kælderen")
    client.cookies["django_language"] = language
    response = client.get(reverse(f"archive:export_{fmt}"), {"q": "madklub"})
    assert response["Content-Disposition"] == f'attachment; filename="{name}.{fmt}"'
