"""Wagtail's report of pages not published for a long time ("Sider ikke
opdateret længe"), at its own address, with two changes:

- a page published by no one (a command, a schedule) reads as published by
  "system", in the export as on the screen;
- a file name in the page's language in the export, which goes through our
  one spreadsheet writer, as all of Wagtail's do (cms/exports.py); its sheet
  is named as the report is on the screen (the title's Danish, in
  locale/da, fits a sheet's 31 characters)."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.utils.urlpatterns import decorate_urlpatterns


class AgingPagesReport(AgingPagesView):
    results_template_name = "cms/reports/aging_pages_results.html"

    # The columns' names on the screen (Wagtail's export says "Last published at").
    export_headings = {
        **AgingPagesView.export_headings,
        "last_published_at": gettext_lazy("Last published"),
    }

    def add_last_publisher_name_to_page(self, username_mapping, page):
        super().add_last_publisher_name_to_page(username_mapping, page)
        if not page.last_published_by_user:
            # As templates/wagtailadmin/shared/user_avatar.html names no one.
            page.last_published_by_user = gettext("system")

    def get_filename(self):
        # Wagtail's is "spreadsheet-export".
        return (
            f"{gettext('sider-ikke-opdateret-laenge')}-{timezone.localdate():%Y-%m-%d}"
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
