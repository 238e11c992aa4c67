"""Shared set-up for the benchmarks: Django with the test settings on a
throwaway test database (SQLite, or PostgreSQL when DATABASE_URL says so),
and fast bulk creation of realistic inputs."""

import os
import random
import sys
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


@contextmanager
def kept_database():
    """The database DATABASE_URL names, migrated and kept afterwards: a
    generated corpus is reused by the next run (bench --reuse)."""
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    yield connection


@contextmanager
def test_database():
    """A fresh, migrated test database, destroyed afterwards."""
    import django
    from django.db import connection

    # No setup_test_environment(): its instrumented template rendering
    # would be timed too, and a server does not do that.
    django.setup()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def backend_name() -> str:
    from django.conf import settings
    from django.db import connection

    return "elasticsearch" if settings.ELASTICSEARCH_URL else connection.vendor


def _cvr(n: int) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2)
    base = 2_000_000 + n * 13
    while True:
        digits = f"{base:07d}"
        check = (11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11) % 11  # noqa: B905
        if check < 10:
            return digits + str(check)
        base += 1


def make_organisations(count: int, rng: random.Random):
    from portal.organisations.models import Municipality, Organisation

    municipalities = list(Municipality.objects.all())
    kinds = [k for k, _ in Organisation.Kind.choices]
    prefixes = [
        "Boligforeningen",
        "Boligselskabet",
        "Afdeling",
        "Andelsboligforeningen",
    ]
    Organisation.objects.bulk_create(
        Organisation(
            name=f"{rng.choice(prefixes)} {rng.choice(['Lyset', 'Bo-Vest', 'Domea', 'Hjem', 'Nord', 'Syd', 'Fjorden'])} {n}",
            cvr=_cvr(n),
            kind=rng.choice(kinds),
            municipality=rng.choice(municipalities),
            status=Organisation.Status.APPROVED,
        )
        for n in range(count)
    )
    return list(Organisation.objects.select_related("municipality"))


def bulk_inputs(specs, rng: random.Random, batch_size: int = 5000) -> list[int]:
    """Create inputs from dicts (title, challenge, solution, topic, place,
    organisation, status, visibility, consent) with their partnerships,
    themes and target groups, in bulk. Returns the new ids in order."""
    from topics import TOPICS

    from inputs.models import Input, TargetGroup, Theme
    from portal.organisations.models import Municipality, Partnership

    themes = {t.slug: t.pk for t in Theme.objects.all()}
    groups = {t.slug: t.pk for t in TargetGroup.objects.all()}
    partnerships = {p.slug: p.pk for p in Partnership.objects.all()}
    by_name = {m.name: m for m in Municipality.objects.all()}
    start = datetime(2020, 3, 15, tzinfo=UTC)
    ids = []
    specs = list(specs)
    for offset in range(0, len(specs), batch_size):
        batch = specs[offset : offset + batch_size]
        objs = []
        for n, spec in enumerate(batch, start=offset):
            org = spec["organisation"]
            objs.append(
                Input(
                    reference=f"IN-{n + 1:07d}",
                    organisation=org,
                    kind=rng.choice(["challenge", "solution", "both"]),
                    title=spec["title"],
                    challenge=spec["challenge"],
                    solution=spec["solution"],
                    municipality=by_name.get(spec.get("place"), org.municipality),
                    estate=spec.get("estate", ""),
                    consent=spec.get("consent", "named"),
                    status=spec.get("status", "accepted"),
                    visibility=spec.get("visibility", "public"),
                    submitted_at=start
                    + timedelta(minutes=rng.randrange(0, 60 * 24 * 280)),
                )
            )
        created = Input.objects.bulk_create(objs)
        through_p = Input.partnerships.through
        through_t = Input.themes.through
        through_g = Input.target_groups.through
        rows_p, rows_t, rows_g = [], [], []
        for obj, spec in zip(created, batch, strict=True):
            topic = TOPICS[spec["topic"]]
            rows_p.append(
                through_p(
                    input_id=obj.pk, partnership_id=partnerships[topic["partnership"]]
                )
            )
            rows_t.append(through_t(input_id=obj.pk, theme_id=themes[topic["theme"]]))
            rows_g.append(
                through_g(input_id=obj.pk, targetgroup_id=groups[topic["group"]])
            )
        through_p.objects.bulk_create(rows_p)
        through_t.objects.bulk_create(rows_t)
        through_g.objects.bulk_create(rows_g)
        ids += [o.pk for o in created]
    return ids
