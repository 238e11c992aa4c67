"""Wagtail's report of pages not published for a long time ("Gamle sider"),
at its own address, with two changes:

- a page published by no one (a command, a schedule) reads as published by
  "system", in the export as on the screen;
- the export goes through our one spreadsheet writer (portal/spreadsheets.py):
  written while the request's language is active (Wagtail streams its CSV
  after the request has let go of it), with the formula guard, local times
  and a file name in the page's language."""

import datetime

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from portal.spreadsheets import spreadsheet_response


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class AgingPagesReport(AgingPagesView):
    # The columns' names on the screen (Wagtail's export says "Last published at").
    export_headings = {
        **AgingPagesView.export_headings,
        "last_published_at": gettext_lazy("Last published"),
    }
    custom_value_preprocess = {
        **AgingPagesView.custom_value_preprocess,
        datetime.datetime: {
            AgingPagesView.FORMAT_CSV: lambda value: f"{_local(value):%Y-%m-%d %H:%M}",
            AgingPagesView.FORMAT_XLSX: _local,
        },
    }

    def add_last_publisher_name_to_page(self, username_mapping, page):
        super().add_last_publisher_name_to_page(username_mapping, page)
        if not page.last_published_by_user:
            # As templates/wagtailadmin/shared/user_avatar.html names no one.
            page.last_published_by_user = gettext("system")

    def get_filename(self):
        # Wagtail's is "spreadsheet-export"; the report's own name is too long
        # for a sheet's 31 characters and has an æ.
        return (
            f"{gettext('sider-ikke-opdateret-laenge')}-{timezone.localdate():%Y-%m-%d}"
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        header = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, spreadsheet_format)
                for field, value in self.to_row_dict(page).items()
            ]
            for page in queryset
        )
        return spreadsheet_response(
            fmt=spreadsheet_format,
            rows=[header, *rows],
            filename=self.get_filename(),
            sheet_title=gettext("Sider ikke opdateret længe"),
        )


# Included before Wagtail's admin URLs (portal/urls.py), at the address of
# Wagtail's own, so its menu item and its names (wagtailadmin_reports:
# aging_pages, …_results) lead here. Guarded as Wagtail guards its own.
urlpatterns = decorate_urlpatterns(
    [
        path("", AgingPagesReport.as_view()),
        path("results/", AgingPagesReport.as_view(results_only=True)),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
