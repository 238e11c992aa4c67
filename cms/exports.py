"""Every export of Wagtail's admin (its reports: site history, aging and
locked pages, workflows; a viewset's listing) writes through our one
spreadsheet writer (portal/spreadsheets.py): its formula guard, a BOM and
`;`, local times, and the request's language. Wagtail's own writer guards
no CSV cell, and the site history exports names people gave themselves at
sign-up ("=HYPERLINK(...)" became a live formula). Wagtail offers no
setting for its writer, and builds each report's view in its own URLconf,
so the writer is replaced once, on the mixin they all share (CmsConfig)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal.spreadsheets import XLSX, spreadsheet_response


def _cell(view, field, value, spreadsheet_format):
    """A cell as Wagtail's view prepares it, but a time in local time (its
    XLSX cells were UTC, its CSV ones Python's repr with microseconds)."""
    if isinstance(value, datetime.datetime) and field not in (
        view.custom_field_preprocess
    ):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        local = local.replace(tzinfo=None)
        return local if spreadsheet_format == XLSX else f"{local:%Y-%m-%d %H:%M}"
    return view.preprocess_field_value(field, value, spreadsheet_format)


def as_spreadsheet(view, queryset, spreadsheet_format):
    header = [view.get_heading(queryset, field) for field in view.list_export]
    rows = (
        [
            _cell(view, field, value, spreadsheet_format)
            for field, value in view.to_row_dict(item).items()
        ]
        for item in queryset
    )
    title = getattr(view, "sheet_title", None) or getattr(view, "page_title", "")
    return spreadsheet_response(
        fmt=spreadsheet_format,
        rows=[header, *rows],
        filename=view.get_filename(),
        sheet_title=str(title) or gettext("Eksport"),
    )


def use_our_writer() -> None:
    SpreadsheetExportMixin.as_spreadsheet = as_spreadsheet
