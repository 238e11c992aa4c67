"""Public statistics of the archive, overall and per partnership: charts
with their tables, and the same numbers as CSV."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.organisations.models import Partnership
from portal.spreadsheets import spreadsheet_response

from ..statistics import (
    MIN_PUBLIC_COUNT,
    dimension_label,
    nothing_shown,
    public_chart_rows,
    public_statistics,
)


def _partnership(slug):
    """The partnership of the page, of those the portal hosts."""
    return get_object_or_404(Partnership.objects.hosted(), slug=slug) if slug else None


def statistics_page(request, slug=None):
    partnership = _partnership(slug)
    stats = public_statistics(partnership=partnership)
    data = stats.as_dict()
    return render(
        request,
        "inputs/statistics.html",
        {
            "partnership": partnership,
            "partnerships": Partnership.objects.hosted().order_by("name"),
            "total": stats.total,
            "min_count": MIN_PUBLIC_COUNT,
            "refresh_minutes": settings.PUBLIC_STATISTICS_CACHE_SECONDS // 60,
            # Too few for a total: too few for any count (the lead says so).
            "charts": [
                {
                    "id": f"chart-{d['name']}",
                    "label": d["label"],
                    "withheld": nothing_shown(stats.dimensions[d["name"]]),
                    "rows": public_chart_rows(stats.dimensions[d["name"]]),
                    "bars": [
                        r
                        for r in public_chart_rows(stats.dimensions[d["name"]])
                        if r["percent"]
                    ],
                }
                for d in data["dimensions"]
                if stats.total is not None
            ],
        },
    )


def _filename(partnership) -> str:
    name = pgettext("file name", "statistik")
    return f"{name}-{partnership.slug}" if partnership else name


def statistics_csv(request, slug=None):
    """The page's numbers as CSV: one row per value, a suppressed count as
    the same words the page shows."""
    partnership = _partnership(slug)
    stats = public_statistics(partnership=partnership)
    hidden = _("vises ikke")
    rows = [[_("Opdelt efter"), _("Værdi"), _("Antal input")]]
    for name, counts in stats.dimensions.items():
        label = str(dimension_label(name))
        rows += [
            [label, c.label, hidden if c.count is None else c.count] for c in counts
        ]
    return spreadsheet_response(
        fmt="csv",
        rows=rows,
        filename=_filename(partnership),
        sheet_title=_("Statistik"),
    )
