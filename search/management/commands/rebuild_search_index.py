import time

from django.core.management.base import BaseCommand

from search.services import archive_rebuild


class Command(BaseCommand):
    help = "Byg arkivsøgningens indeks forfra (alle input og opsamlinger)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--no-progress", action="store_true", help="Ingen fremdriftslinje."
        )

    def handle(self, *args, batch_size, no_progress, **options):
        started = time.perf_counter()
        count = archive_rebuild(batch_size=batch_size, progress=not no_progress)
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Indekserede {count} dokumenter på {seconds:.1f} s.")
        )
