"""The one spreadsheet writer's guard, cell by cell."""

import io

import pytest
from openpyxl import load_workbook

from portal.spreadsheets import csv_bytes, csv_cell, spreadsheet_response, xlsx_bytes


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\r=1", "'\r=1"),
        # Any white space before, not only spaces (attacker check).
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("\n@SUM(A1)", "'\n@SUM(A1)"),
        (" \t+1", "' \t+1"),
        ("Ensomme ældre", "Ensomme ældre"),
        ("a = b", "a = b"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_xlsx_keeps_text_text_and_numbers_numbers():
    content = xlsx_bytes(
        [["Titel", "Antal"], ["=1+1", 12], ["Madklub", -3]], sheet_title="T"
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert [(c.value, c.data_type, c.quotePrefix) for c in sheet[2]] == [
        ("=1+1", "s", True),
        (12, "n", False),
    ]
    assert [(c.value, c.data_type, c.quotePrefix) for c in sheet[3]] == [
        ("Madklub", "s", False),
        (-3, "n", False),
    ]
    assert sheet.freeze_panes == "A2"


def test_csv_has_a_bom_and_semicolons():
    assert csv_bytes([["Titel", "By"], ["Æblehaven", "Århus"]]).decode("utf-8") == (
        "\ufeffTitel;By\r\nÆblehaven;Århus\r\n"
    )


def test_response_names_the_file_and_refuses_other_formats():
    response = spreadsheet_response(
        fmt="csv", rows=[["a"]], filename="udtraek", sheet_title="T"
    )
    assert response["Content-Disposition"] == 'attachment; filename="udtraek.csv"'
    with pytest.raises(ValueError):
        spreadsheet_response(fmt="pdf", rows=[], filename="x", sheet_title="T")
