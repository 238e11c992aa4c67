from django.core.management.base import BaseCommand

from search.digests import saved_searches_send_digests


class Command(BaseCommand):
    help = (
        "Send e-mails med nye resultater for gemte søgninger, der er forfaldne "
        "(dagligt/ugentligt). Kør fx hver time fra cron."
    )

    def handle(self, *args, **options):
        sent = saved_searches_send_digests()
        self.stdout.write(f"Sendte {sent} e-mails.")
