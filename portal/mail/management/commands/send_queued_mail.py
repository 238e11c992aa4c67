from django.core.management.base import BaseCommand

from portal.mail.delivery import email_outbox_flush, email_outbox_retry_failed


class Command(BaseCommand):
    help = (
        "Deliver the queued e-mails whose attempt is due (the scheduler runs "
        "this every minute) and print how many wait and how many were given "
        "up. --retry-failed queues those given up anew."
    )

    def add_arguments(self, parser):
        parser.add_argument("--retry-failed", action="store_true")

    def handle(self, *args, retry_failed=False, **options):
        if retry_failed:
            count = email_outbox_retry_failed()
            self.stdout.write(f"{count} e-mails queued again.")
        result = email_outbox_flush()
        self.stdout.write(
            f"{result.sent} sent, {result.waiting} waiting, {result.failed} given up."
        )
