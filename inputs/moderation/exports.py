"""The filtered queue as CSV or XLSX: one row per input the user may see."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .selectors import latest_feedback


def export_columns() -> list[tuple[str, callable]]:
    def names(items):
        return "; ".join(sorted(str(i) for i in items))

    def answers(item):
        return "\n".join(f"{label}: {value}" for label, value in item.answer_items())

    def date(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    return [
        (_("Referencenummer"), lambda i, f: i.reference or ""),
        (_("Status"), lambda i, f: i.get_status_display()),
        (_("Titel"), lambda i, f: i.title),
        (_("Type"), lambda i, f: i.get_kind_display()),
        (_("Organisation"), lambda i, f: i.organisation.name),
        (_("Kommune"), lambda i, f: i.municipality.name),
        (_("Region"), lambda i, f: i.municipality.region.name),
        (_("Partnerskaber"), lambda i, f: names(i.partnerships.all())),
        (_("Indkaldelse"), lambda i, f: i.call.title if i.call_id else ""),
        (_("Temaer"), lambda i, f: names(i.themes.all())),
        (_("Målgrupper"), lambda i, f: names(i.target_groups.all())),
        (_("Udfordringen"), lambda i, f: i.challenge),
        (_("Løsningen"), lambda i, f: i.solution),
        (_("Svar på ekstra spørgsmål"), lambda i, f: answers(i)),
        (_("Afdeling"), lambda i, f: i.estate),
        (_("Antal beboere"), lambda i, f: i.residents_reached or ""),
        (_("Kører stadig"), lambda i, f: _("Ja") if i.ongoing else _("Nej")),
        (_("Kontaktperson"), lambda i, f: i.contact_name),
        (_("Kontakt e-mail"), lambda i, f: i.contact_email),
        (_("Kontakt telefon"), lambda i, f: i.contact_phone),
        (_("Samtykke"), lambda i, f: i.get_consent_display()),
        (_("Synlighed"), lambda i, f: i.get_visibility_display()),
        (
            _("Mulige personoplysninger"),
            lambda i, f: _("Ja") if i.personal_data_flagged else _("Nej"),
        ),
        (
            _("Ansvarlig moderator"),
            lambda i, f: i.assigned_to.email if i.assigned_to_id else "",
        ),
        (_("Indsendt"), lambda i, f: date(i.submitted_at)),
        (_("Feedback"), lambda i, f: f.get(i.pk, "")),
    ]


def export_rows(queryset) -> tuple[list[str], list[list]]:
    inputs = list(queryset)
    feedback = latest_feedback([i.pk for i in inputs])
    columns = export_columns()
    header = [label for label, _get in columns]
    return header, [[get(item, feedback) for _label, get in columns] for item in inputs]


def _filename(extension: str) -> str:
    return f"input-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(queryset) -> HttpResponse:
    header, rows = export_rows(queryset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    # A byte-order mark makes Excel read the file as UTF-8 (æ, ø, å).
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response


def xlsx_response(queryset) -> HttpResponse:
    header, rows = export_rows(queryset)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Input"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
