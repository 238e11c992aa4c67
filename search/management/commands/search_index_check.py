from django.core.management.base import BaseCommand

from search.services import archive_check


class Command(BaseCommand):
    help = (
        "Sammenlign arkivsøgningens indeks med databasen; med --repair "
        "indekseres det manglende og forældede, og det overskydende fjernes. "
        "Er indekset analyseret med en ældre udgave af koden, genopbygges det."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Ret forskellene i indekset."
        )

    def handle(self, *args, repair, **options):
        check = archive_check(repair=repair, progress=True)
        for label, keys in (
            ("Mangler i indekset", check.missing),
            ("Forældet i indekset", check.stale),
            ("Bør ikke være i indekset", check.extra),
            ("Analyseret med en ældre udgave af koden (stikprøve)", check.reanalysed),
        ):
            self.stdout.write(f"{label}: {len(keys)}")
            for key in keys[:20]:
                self.stdout.write(f"  {key}")
        if check.ok:
            self.stdout.write(self.style.SUCCESS("Indekset svarer til databasen."))
        elif repair and check.reanalysed:
            self.stdout.write(self.style.SUCCESS("Indekset er genopbygget."))
        elif repair:
            self.stdout.write(self.style.SUCCESS("Forskellene er rettet."))
        else:
            if check.reanalysed:
                self.stdout.write(
                    "Kør manage.py rebuild_search_index (eller --repair)."
                )
            # A non-zero exit, so a cron job or monitor notices.
            raise SystemExit(1)
