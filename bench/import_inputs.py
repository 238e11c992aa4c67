"""Time `manage.py import_inputs` and what it does to the site's other writers.

Writes a CSV of N valid rows (default 10,000) for the demo organisations,
imports it on a throwaway test database of the configured kind, and
meanwhile, on a connection of its own, a second thread saves a small change
every 50 ms, as a member's "Indsend" or a login would. Prints the import's
time and time per row, and the other writer's longest wait and its failures
("database is locked" on SQLite). Then imports the same file again (nothing
new: every row is recognised) and times that too.

    .venv/bin/python bench/import_inputs.py              # SQLite, 10,000 rows
    .venv/bin/python bench/import_inputs.py -n 2000 --profile
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/import_inputs.py

--profile runs the first import under cProfile and prints the 25 functions
with the most cumulative time.
"""

import argparse
import cProfile
import csv
import io
import pstats
import statistics
import tempfile
import threading
import time
from pathlib import Path

from common import backend_name, test_database

ROW = {
    "organisation_cvr": "93170601",
    "partnerships": "svaekkede-aeldre",
    "kind": "both",
    "challenge": "Ældre beboere spiser alene, og mange har ikke talt med nogen i ugevis.",
    "solution": "Fællesspisning hver torsdag i selskabslokalet med frivillige.",
    "themes": "ensomhed; faellesskaber-og-foreningsliv",
    "target_groups": "aeldre",
    "keywords": "fællesskab, frivillige",
    "municipality": "101",
    "estate": "Tingbjerg",
    "residents_reached": "40",
    "ongoing": "ja",
    "contact_name": "Mette Nielsen",
    "consent": "named",
}


def write_file(path: Path, n: int) -> None:
    columns = [*ROW, "title", "submitted_at"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, delimiter=";")
        writer.writeheader()
        for i in range(n):
            day = 1 + i % 28
            writer.writerow(
                {
                    **ROW,
                    "title": f"Fællesspisning nr. {i + 1}",
                    "submitted_at": f"2020-08-{day:02d}",
                }
            )


class OtherWriter(threading.Thread):
    """Saves one small change every 50 ms on a connection of its own."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.waits: list[float] = []
        self.failures = 0

    def run(self):
        from django.db import OperationalError, connection, transaction

        from portal.organisations.models import Organisation

        organisation = Organisation.objects.order_by("pk").first()
        while not self.stop.is_set():
            start = time.perf_counter()
            try:
                with transaction.atomic():
                    Organisation.objects.filter(pk=organisation.pk).update(
                        name=organisation.name
                    )
            except OperationalError:
                self.failures += 1
            self.waits.append(time.perf_counter() - start)
            time.sleep(0.05)
        connection.close()


def timed_import(path: Path, *, profile: bool = False) -> float:
    from django.core.management import call_command

    quiet = io.StringIO()
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    call_command("import_inputs", str(path), stdout=quiet, stderr=quiet)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="rows in the file")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    with test_database(), tempfile.TemporaryDirectory() as tmp:
        from inputs.models import Input
        from portal.organisations.demo import seed_organisations

        seed_organisations()
        path = Path(tmp) / "import.csv"
        write_file(path, args.n)

        writer = OtherWriter()
        writer.start()
        seconds = timed_import(path, profile=args.profile)
        writer.stop.set()
        writer.join()
        saved = Input.objects.count()
        again = timed_import(path)
        if Input.objects.count() != saved or saved != args.n:
            raise SystemExit(f"{saved} inputs saved of {args.n} rows, then more")

        print(f"backend: {backend_name()}, rows: {args.n}")
        print(f"import: {seconds:.1f} s, {1000 * seconds / args.n:.1f} ms per row")
        print(f"same file again (nothing new): {again:.1f} s")
        waits = sorted(writer.waits)
        print(
            f"other writer: {len(waits)} saves, {writer.failures} failed, "
            f"wait p50 {1000 * statistics.median(waits):.0f} ms, "
            f"max {1000 * waits[-1]:.0f} ms"
        )


if __name__ == "__main__":
    main()
