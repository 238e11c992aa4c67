from django.core.management.base import BaseCommand

from inputs.moderation.digest import moderator_digest_task


class Command(BaseCommand):
    help = (
        "E-mail the moderators yesterday's new submissions. Run daily from cron; "
        "a second run the same day sends nothing."
    )

    def handle(self, *args, **options):
        result = moderator_digest_task.enqueue()
        if not result.is_finished:
            self.stdout.write(f"Moderator digest enqueued ({result.id}).")
        elif result.return_value is None:
            self.stdout.write("Today's digest has already been sent.")
        else:
            self.stdout.write(f"Digest sent: {result.return_value} new inputs.")
