from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Erstat databasen og medierne (mapperne, eller objekterne under "
        "media/ og private/ i S3-bøtterne) med en sikkerhedskopi fra "
        "`manage.py backup`. Stop web og worker først."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Arkivet (.tar.gz).")
        parser.add_argument(
            "--yes", action="store_true", help="Spørg ikke, før data overskrives."
        )

    def handle(self, *args, source, yes, **options):
        if (
            not yes
            and input(
                "Alt i databasen og medierne (mapper eller S3-bøtter) erstattes. "
                "Skriv 'ja' for at fortsætte: "
            )
            .strip()
            .lower()
            != "ja"
        ):
            raise CommandError("Afbrudt; intet er ændret.")
        try:
            manifest = backup_restore(
                source=Path(source),
                progress=lambda step: self.stdout.write(f"Gendanner {step} …"),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Gendannet fra kopien af {manifest.created_at}.")
        )
