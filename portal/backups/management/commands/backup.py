from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Skriv databasen, de offentlige medier og de private bilag (fra "
        "mapperne, eller fra S3-bøtterne når S3_BUCKET er sat) til ét "
        "arkiv (.tar.gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="Arkivets sti (standard: backups/partnerportalen-<tidspunkt>.tar.gz).",
        )

    def handle(self, *args, destination, **options):
        if destination is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            destination = Path("backups") / f"partnerportalen-{stamp}.tar.gz"
        try:
            path = backup_create(
                destination=Path(destination),
                progress=lambda step: self.stdout.write(f"Kopierer {step} …"),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(f"Sikkerhedskopi skrevet: {path} ({size:.1f} MB)")
        )
