"""Counts of inputs for charts: by theme, target group, region, kind,
status, partnership, and submissions per week. Each is one grouped query."""

from datetime import timedelta

from django.db.models import Count, Max
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Input
from .models.inputs import Kind
from .states import Status

DIMENSIONS = {
    "theme": (_("Tema"), "themes__name"),
    "target_group": (_("Målgruppe"), "target_groups__name"),
    "region": (_("Region"), "municipality__region__name"),
    "kind": (_("Type"), "kind"),
    "status": (_("Status"), "status"),
    "partnership": (_("Partnerskab"), "partnerships__name"),
}
_LABELS = {"kind": dict(Kind.choices), "status": dict(Status.choices)}


def input_counts(*, inputs, dimension: str) -> list[tuple[str, int]]:
    """(label, number of inputs) for `dimension`, most first; inputs with no
    value (e.g. no theme) are left out."""
    field = DIMENSIONS[dimension][1]
    rows = (
        Input.objects.filter(pk__in=inputs.values("pk"))
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", field)
    )
    labels = _LABELS.get(dimension, {})
    return [(str(labels.get(r[field], r[field])), r["n"]) for r in rows]


def submissions_per_week(*, inputs, weeks: int = 12) -> list[tuple[str, int]]:
    """Submissions per ISO week for the `weeks` weeks up to the latest
    submission (or this week, if there is none), oldest first, weeks without
    submissions included as 0. Ending at the latest submission keeps the
    chart useful for a call that closed months ago."""
    latest = inputs.aggregate(latest=Max("submitted_at"))["latest"]
    last_day = timezone.localtime(latest).date() if latest else timezone.localdate()
    first_monday = last_day - timedelta(days=last_day.weekday(), weeks=weeks - 1)
    rows = (
        inputs.filter(submitted_at__date__gte=first_monday)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        week = row["week"]
        day = week.date() if hasattr(week, "date") else week
        counts[day] = counts.get(day, 0) + row["n"]
    result = []
    for offset in range(weeks):
        monday = first_monday + timedelta(weeks=offset)
        iso = monday.isocalendar()
        label = _("Uge %(week)s, %(year)s") % {"week": iso.week, "year": iso.year}
        result.append((label, counts.get(monday, 0)))
    return result


def chart_rows(counts: list[tuple[str, int]]) -> list[dict]:
    """Rows for the bar chart template: label, count and bar width in %."""
    top = max((n for _label, n in counts), default=0) or 1
    return [
        {"label": label, "count": n, "percent": round(100 * n / top, 1)}
        for label, n in counts
    ]
