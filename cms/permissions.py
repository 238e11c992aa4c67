"""Who may do what with summaries in the admin."""

from wagtail.models import PagePermissionTester


def can_publish_summaries_directly(user) -> bool:
    return user.is_active and user.is_superuser


class SummaryPermissionTester(PagePermissionTester):
    """A summary is published only by its approval workflow (cms.workflows),
    which finishes with cms.workflows.publish_approved. Moderators and site
    administrators therefore never see or get "Publish" on a summary; they
    submit it. A superuser still may (they can change the workflow anyway, so
    refusing them would be theatre); Wagtail logs who published. Setting
    view restrictions follows can_publish in Wagtail, so it stays with the
    superuser too: a summary is public by definition (cms.citations)."""

    def can_publish(self):
        return can_publish_summaries_directly(self.user) and super().can_publish()
