"""The one spreadsheet writer: every export (the archive search, the moderation
queue) writes its CSV and XLSX here, so every export has the guard against
formula injection.

Text that starts like a formula (= + - @, or a tab or carriage return that
some spreadsheets skip before one) would run as a formula when the file is
opened: a title such as `=HYPERLINK("http://…", "Klik")` becomes a live link.
- XLSX types such a cell as text and marks it with Excel's quote prefix, so it
  shows exactly as written and stays text even if someone edits the cell.
- CSV has no types: the cell gets a leading apostrophe, as Excel and
  LibreOffice themselves write text that would otherwise be a formula.
`csv_cell` and `xlsx_cell` are the two rules on their own, for exports that
write rows themselves (e.g. a Wagtail viewset's `custom_value_preprocess`).
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def looks_like_formula(value) -> bool:
    """Text a spreadsheet could read as a formula; leading white space is
    skipped (LibreOffice trims cells on import, and which white space a
    spreadsheet trims is not worth betting on)."""
    return isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS)
    )


def csv_cell(value):
    """The value as a CSV cell: formula-like text gets a leading apostrophe."""
    return "'" + value if looks_like_formula(value) else value


def xlsx_cell(sheet, value) -> WriteOnlyCell:
    """The value as a cell of a write-only sheet; text never becomes a formula."""
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        # openpyxl makes any text starting with "=" a formula.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """The rows (the header first) as a ;-separated UTF-8 CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    # Excel opens a UTF-8 CSV with æøå only when it has a BOM.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[Sequence], *, sheet_title: str) -> bytes:
    """The rows (the header first, kept in view) as one XLSX sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_response(
    *, fmt: str, rows: Iterable[Sequence], filename: str, sheet_title: str
) -> HttpResponse:
    """A download of the rows as CSV or XLSX (fmt); `filename` without the
    extension."""
    if fmt == XLSX:
        content = xlsx_bytes(rows, sheet_title=sheet_title)
    elif fmt == CSV:
        content = csv_bytes(rows)
    else:
        raise ValueError(f"unknown spreadsheet format {fmt!r}")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
