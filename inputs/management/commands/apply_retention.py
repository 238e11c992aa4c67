import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from inputs.services.retention import calls_past_retention, retention_apply


class Command(BaseCommand):
    help = (
        "Anvend opbevaringsperioderne: for hver indkaldelse, hvis periode er "
        "udløbet, slet kontaktpersoner og bilag på dens input og slet input, der "
        "aldrig blev accepteret. Kør dagligt fra cron; en ny kørsel ændrer intet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Tæl, hvad der ville blive slettet, og ændr intet.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Ingen fremdriftslinje."
        )

    def handle(self, *args, dry_run: bool, no_progress: bool, **options):
        calls = calls_past_retention()
        prefix = "Prøvekørsel – ville have: " if dry_run else ""
        totals = [0, 0, 0]
        # tqdm redraws one line on stderr; the per-call lines go to stdout.
        bar = tqdm(
            retention_apply(calls=calls, dry_run=dry_run),
            total=len(calls),
            desc="Opbevaring",
            unit="indkaldelse",
            file=sys.stderr,
            disable=no_progress,
        )
        for result in bar:
            counts = (
                result.contacts_erased,
                result.attachments_deleted,
                result.inputs_deleted,
            )
            totals = [t + c for t, c in zip(totals, counts, strict=True)]
            self.stdout.write(
                f"{result.call.title} (id {result.call.pk}, udløb "
                f"{result.ended_at:%Y-%m-%d}): {prefix}"
                f"{counts[0]} kontaktpersoner slettet, {counts[1]} bilag slettet, "
                f"{counts[2]} input slettet."
            )
        summary = (
            f"{len(calls)} indkaldelser med udløbet opbevaringsperiode: "
            f"{totals[0]} kontaktpersoner, {totals[1]} bilag og {totals[2]} input "
            + ("ville blive slettet. Intet er ændret." if dry_run else "slettet.")
        )
        self.stdout.write(self.style.SUCCESS(summary))
