from django.core.management.base import BaseCommand

from search.synonyms import synonyms_load_starter


class Command(BaseCommand):
    help = (
        "Tilføj startlistens synonymgrupper (search/data/synonyms.txt), som "
        "databasen ikke har; moderatorernes egne grupper ændres ikke."
    )

    def handle(self, *args, **options):
        added = synonyms_load_starter()
        self.stdout.write(self.style.SUCCESS(f"{added} synonymgrupper tilføjet."))
