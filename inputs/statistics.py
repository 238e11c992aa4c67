"""Counts of inputs for charts: by theme, target group, region, kind,
status, partnership, and submissions per week. Each is one grouped query."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.language import in_active_language

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
# The names that have an English form beside the Danish one grouped by.
_ENGLISH_FIELDS = {
    "theme": "themes__name_en",
    "target_group": "target_groups__name_en",
    "partnership": "partnerships__name_en",
}


def _grouped(inputs, dimension: str, **counts) -> list[tuple[str, dict]]:
    """(label in the active language, row with `counts`) per value of
    `dimension`, largest n first, equal n in the order of the stored value
    (the same in every language); inputs with no value (no theme) left out."""
    field = DIMENSIONS[dimension][1]
    english = _ENGLISH_FIELDS.get(dimension)
    rows = (
        Input.objects.filter(pk__in=inputs.values("pk"))
        .exclude(**{f"{field}__isnull": True})
        .values(field, *([english] if english else []))
        .annotate(**counts)
        .order_by("-n", field)
    )
    labels = _LABELS.get(dimension, {})
    if english:
        return [(in_active_language(r[field], r[english]), r) for r in rows]
    return [(str(labels.get(r[field], r[field])), r) for r in rows]


def input_counts(*, inputs, dimension: str) -> list[tuple[str, int]]:
    """(label, number of inputs) for `dimension`, most first; inputs with no
    value (e.g. no theme) are left out."""
    rows = _grouped(inputs, dimension, n=Count("pk", distinct=True))
    return _by_count([(label, r["n"]) for label, r in rows])


def _by_count(rows: list[tuple]) -> list[tuple]:
    """Rows of (label, n, …) largest n first, equal n by the label shown."""
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def submissions_per_week(*, inputs, weeks: int = 12) -> list[tuple[str, int]]:
    """Submissions per ISO week for the `weeks` most recent weeks that had
    any, oldest first, each labelled with its week and year. Weeks without
    submissions are left out: after a quiet year a range of calendar weeks
    would be all empty and hide the history a moderator looks for."""
    rows = (
        inputs.exclude(submitted_at__isnull=True)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("-week")[:weeks]
    )
    result = []
    for row in reversed(rows):
        week = row["week"]
        iso = (week.date() if hasattr(week, "date") else week).isocalendar()
        label = _("Uge %(week)s, %(year)s") % {"week": iso.week, "year": iso.year}
        result.append((label, row["n"]))
    return result


def chart_rows(counts: list[tuple[str, int]]) -> list[dict]:
    """Rows for the bar chart template: label, count and bar width in %."""
    top = max((n for _label, n in counts), default=0) or 1
    return [
        {"label": label, "count": n, "percent": round(100 * n / top, 1)}
        for label, n in counts
    ]


# Public statistics: a count below this, of inputs or of the organisations
# behind them, could single out an organisation, and is not shown.
MIN_PUBLIC_COUNT = 3
PUBLIC_DIMENSIONS = ("theme", "target_group", "region", "kind", "month")


@dataclass(frozen=True)
class PublicCount:
    label: str
    count: int | None  # None: suppressed


@dataclass(frozen=True)
class PublicStatistics:
    partnership: object
    total: int | None
    dimensions: dict[str, list[PublicCount]]

    def as_dict(self) -> dict:
        return {
            "partnership": self.partnership.slug if self.partnership else None,
            "total": self.total,
            "dimensions": [
                {
                    "name": name,
                    "label": str(dimension_label(name)),
                    "counts": [c.__dict__ for c in counts],
                }
                for name, counts in self.dimensions.items()
            ],
        }


def dimension_label(name: str) -> str:
    return _("Måned") if name == "month" else DIMENSIONS[name][0]


def _suppressed(
    rows: list[tuple[str, int, int]], *, by_count: bool
) -> list[PublicCount]:
    """rows: (label, inputs, organisations). A cell is hidden when either
    count is below MIN_PUBLIC_COUNT; when exactly one is, the next smallest
    goes too, or the total minus the others would tell it. Of equal next
    smallest, the first in `rows` goes: rows must come in an order that is
    the same in every language, or the Danish and the English page would
    each hide another and together tell both. With `by_count`, the shown
    cells come in _by_count()'s order, then the hidden ones by label: in
    their place by size they would tell which is larger."""
    hidden = {
        i for i, (_l, n, orgs) in enumerate(rows) if min(n, orgs) < MIN_PUBLIC_COUNT
    }
    if len(hidden) == 1 and len(rows) > 1:
        shown = [i for i in range(len(rows)) if i not in hidden]
        hidden.add(min(shown, key=lambda i: rows[i][1]))
    counts = [
        PublicCount(label=label, count=None if i in hidden else n)
        for i, (label, n, _orgs) in enumerate(rows)
    ]
    if by_count:
        return sorted(counts, key=lambda c: (c.count is None, -(c.count or 0), c.label))
    return counts


def _public_rows(inputs, dimension: str) -> list[tuple[str, int, int]]:
    if dimension == "month":
        rows = (
            inputs.annotate(month=TruncMonth("accepted_at"))
            .exclude(month__isnull=True)
            .values("month")
            .annotate(
                n=Count("pk", distinct=True), orgs=Count("organisation", distinct=True)
            )
            .order_by("month")
        )
        return [(_month_label(r["month"]), r["n"], r["orgs"]) for r in rows]
    rows = _grouped(
        inputs,
        dimension,
        n=Count("pk", distinct=True),
        orgs=Count("organisation", distinct=True),
    )
    return [(label, r["n"], r["orgs"]) for label, r in rows]


def nothing_shown(counts: list[PublicCount]) -> bool:
    """Every count is hidden: a table of them would tell a reader nothing
    but "vises ikke", so the page says why in one sentence instead. (No counts
    at all is another thing: no inputs yet.)"""
    return bool(counts) and all(c.count is None for c in counts)


def public_chart_rows(counts: list[PublicCount]) -> list[dict]:
    """Rows for the bar chart template of suppressed counts: a hidden count
    reads "vises ikke" and has no bar (percent 0)."""
    top = max((c.count or 0 for c in counts), default=0) or 1
    hidden = _("vises ikke")
    return [
        {
            "label": c.label,
            "count": hidden if c.count is None else c.count,
            "percent": 0 if c.count is None else round(100 * c.count / top, 1),
        }
        for c in counts
    ]


def _public_inputs():
    from django.contrib.auth.models import AnonymousUser

    from .selectors import inputs_visible_to

    return inputs_visible_to(user=AnonymousUser())


def public_input_counts(*, ids, dimension: str) -> list[PublicCount]:
    """Counts of the inputs with these `ids` that anyone may see (inputs_visible_to an
    anonymous visitor), by `dimension`, under the same small-count rule as
    public_statistics(). The same for every viewer: what a public page, its
    PDF or a feed shows says nothing of inputs that are not public, and
    nothing that /statistik/ would not show."""
    public = _public_inputs().filter(pk__in=ids)
    return _suppressed(_public_rows(public, dimension), by_count=dimension != "month")


def _month_label(value) -> str:
    day = value.date() if hasattr(value, "date") else value
    return date_format(day, "F Y")


def public_statistics(*, partnership=None) -> PublicStatistics:
    """Counts of the inputs anyone may read (inputs_visible_to an anonymous
    visitor), optionally of one partnership, by theme, target group, region,
    kind and month of acceptance, with small counts suppressed.

    Kept in the shared cache: at 100,000 inputs the six grouped counts take
    seconds, and the page, its CSV and the API all ask for them. After
    PUBLIC_STATISTICS_CACHE_SECONDS one request counts again while the others
    are answered with the previous counts, so they do not all count at once."""
    key = "public-statistics:{}:{}".format(
        partnership.pk if partnership else "all", get_language()
    )
    fresh_for = settings.PUBLIC_STATISTICS_CACHE_SECONDS
    kept = cache.get(key)
    if kept is not None:
        counted_at, stats = kept
        if time.time() - counted_at < fresh_for or not cache.add(
            f"{key}:counting", True, timeout=60
        ):
            return stats
    stats = _public_statistics(partnership)
    if fresh_for > 0:
        cache.set(key, (time.time(), stats), timeout=fresh_for + 3600)
    cache.delete(f"{key}:counting")
    return stats


def _public_statistics(partnership) -> PublicStatistics:
    inputs = _public_inputs()
    if partnership is not None:
        inputs = inputs.filter(partnerships=partnership)
    totals = inputs.aggregate(
        n=Count("pk", distinct=True), orgs=Count("organisation", distinct=True)
    )
    total = (
        totals["n"] if min(totals["n"], totals["orgs"]) >= MIN_PUBLIC_COUNT else None
    )
    return PublicStatistics(
        partnership=partnership,
        total=total,
        dimensions={
            d: _suppressed(_public_rows(inputs, d), by_count=d != "month")
            for d in PUBLIC_DIMENSIONS
        },
    )
