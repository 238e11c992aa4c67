from django.core.management.base import BaseCommand

from search.services import archive_check


class Command(BaseCommand):
    help = (
        "Sammenlign arkivsøgningens indeks med databasen; med --repair "
        "indekseres det manglende og forældede, og det overskydende fjernes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Ret forskellene i indekset."
        )

    def handle(self, *args, repair, **options):
        check = archive_check(repair=repair)
        for label, keys in (
            ("Mangler i indekset", check.missing),
            ("Forældet i indekset", check.stale),
            ("Bør ikke være i indekset", check.extra),
        ):
            self.stdout.write(f"{label}: {len(keys)}")
            for key in keys[:20]:
                self.stdout.write(f"  {key}")
        if check.ok:
            self.stdout.write(self.style.SUCCESS("Indekset svarer til databasen."))
        elif repair:
            self.stdout.write(self.style.SUCCESS("Forskellene er rettet."))
        else:
            # A non-zero exit, so a cron job or monitor notices.
            raise SystemExit(1)
