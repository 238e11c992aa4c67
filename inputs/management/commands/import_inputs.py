import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inputs.importing import FileError, inputs_import, read_rows, with_progress
from inputs.models import CallPage


class Command(BaseCommand):
    help = (
        "Import inputs received by e-mail from a CSV, XLSX or JSON file "
        "(columns in README.md). Every row is checked before any is saved."
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
        except FileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError("Filen kan ikke importeres. Intet er gemt.") from error
        result = inputs_import(
            rows=rows,
            call=default_call,
            dry_run=dry_run,
            # tqdm redraws one line; Django's OutputWrapper would add newlines.
            progress=with_progress(sys.stderr),
        )
        for number, reason in result.errors:
            self.stderr.write(f"Række {number}: {reason}")
        if result.interrupted:
            raise CommandError(
                f"Importen stoppede ved række {result.errors[0][0]}; "
                f"{result.created} nye input blev gemt inden. Ret fejlen og kør "
                "importen igen: de gemte rækker genkendes og gemmes ikke to gange."
            )
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} af {result.rows} rækker har fejl. "
                "Intet er importeret."
            )
        if dry_run:
            self.stdout.write(
                f"Prøvekørsel: alle {result.rows} rækker er i orden"
                + (f" ({result.skipped} fandtes allerede)" if result.skipped else "")
                + ". Intet er gemt."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Importeret: {result.created} nye input"
                + (f", {result.skipped} fandtes allerede" if result.skipped else "")
                + "."
            )
        )
