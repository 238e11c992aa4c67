import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inputs.importing import RowError, inputs_import, iter_with_progress, read_rows
from inputs.models import CallPage


class Command(BaseCommand):
    help = (
        "Import inputs received by e-mail from a CSV, XLSX or JSON file "
        "(columns in README.md). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every row, report, and save nothing.",
        )
        parser.add_argument(
            "--call", help="Slug of the call for rows without a 'call' column."
        )

    def handle(self, *args, file: Path, dry_run: bool, call: str | None, **options):
        if not file.exists():
            raise CommandError(f"Filen findes ikke: {file}")
        default_call = None
        if call:
            default_call = CallPage.objects.filter(slug=call).first()
            if default_call is None:
                raise CommandError(f"Ingen indkaldelse har slug »{call}«.")
        try:
            rows = read_rows(file)
        except (RowError, ValueError, OSError) as error:
            raise CommandError(f"Filen kan ikke læses: {error}") from error
        result = inputs_import(
            # tqdm redraws one line; Django's OutputWrapper would add newlines.
            rows=iter_with_progress(rows, sys.stderr),
            call=default_call,
            dry_run=dry_run,
        )
        for number, reason in result.errors:
            self.stderr.write(f"Række {number}: {reason}")
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} af {result.rows} rækker har fejl. "
                "Intet er importeret."
            )
        if dry_run:
            self.stdout.write(
                f"Prøvekørsel: alle {result.rows} rækker er i orden. Intet er gemt."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Importeret: {result.created} nye input"
                + (f", {result.skipped} fandtes allerede" if result.skipped else "")
                + "."
            )
        )
