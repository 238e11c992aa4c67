"""Search results as CSV and XLSX: the same search, so only what the viewer
may see."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .highlight import plain_text

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
            plain_text(hit.title),
            hit.meta.get("kind") or _("Opsamling"),
            hit.meta.get("reference", ""),
            hit.organisation_name
            or (_("Anonymiseret") if hit.source == "input" else ""),
            hit.meta.get("municipality", ""),
            ", ".join(hit.meta.get("partnerships", [])),
            timezone.localtime(hit.date).date().isoformat() if hit.date else "",
            plain_text(hit.excerpt),
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
