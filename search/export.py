"""Search results as CSV and XLSX: the same search, so only what the viewer
may see. The rows are written by the one spreadsheet writer
(portal.spreadsheets), which keeps formula-like text as text."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.organisations.models import Partnership

from .highlight import plain_text

MAX_ROWS = 5000


def export_rows(result):
    # The index holds the partnerships' Danish names; the sheet is in the
    # reader's language, as the page is.
    names = {p.name: p.display_name for p in Partnership.objects.all()}
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
            ", ".join(names.get(n, n) for n in hit.meta.get("partnerships", [])),
            timezone.localtime(hit.date).date().isoformat() if hit.date else "",
            plain_text(hit.excerpt),
        ]
