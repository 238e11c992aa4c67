"""Search results as CSV and XLSX: the same search, so only what the viewer
may see."""

import csv
import io

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from openpyxl import Workbook

MAX_ROWS = 5000


def export_rows(result):
    yield [
        _("Titel"),
        _("Type"),
        _("Reference"),
        _("Organisation"),
        _("Kommune"),
        _("Partnerskaber"),
        _("Dato"),
        _("Uddrag"),
    ]
    for hit in result.hits:
        yield [
            strip_tags(hit.title),
            hit.meta.get("kind") or _("Opsamling"),
            hit.meta.get("reference", ""),
            hit.organisation_name
            or (_("Anonymiseret") if hit.source == "input" else ""),
            hit.meta.get("municipality", ""),
            ", ".join(hit.meta.get("partnerships", [])),
            hit.published_at.date().isoformat() if hit.published_at else "",
            strip_tags(hit.excerpt),
        ]


def _safe_cell(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(result) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows(result):
        writer.writerow([_safe_cell(v) for v in row])
    # Excel opens a UTF-8 CSV with æøå only when it has a BOM.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(result) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Søgeresultater"))
    for row in export_rows(result):
        sheet.append([_safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
