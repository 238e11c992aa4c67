from django.core.management.base import BaseCommand

from inputs.pending_uploads import pending_expired_delete


class Command(BaseCommand):
    help = (
        "Slet filer fra inputformularer, der aldrig blev gemt, når ingen "
        "session længere kan bruge dem (ældre end SESSION_COOKIE_AGE)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{pending_expired_delete()} forladte filer slettet.")
