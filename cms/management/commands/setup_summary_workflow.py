from django.core.management.base import BaseCommand

from cms.workflows import WORKFLOW_NAME, summary_workflow_ensure


class Command(BaseCommand):
    help = (
        "Create the summaries' approval workflow (approved by BL-moderator) and "
        "assign it to every partnership page. Idempotent; run after adding a "
        "partnership page."
    )

    def handle(self, *args, **options):
        summary_workflow_ensure()
        self.stdout.write(
            f"Workflow '{WORKFLOW_NAME}' is assigned to the partnership pages."
        )
