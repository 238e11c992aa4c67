from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


def _submitters(task_state) -> set[int]:
    """Who put this version up for approval: the moderator who submitted
    (or resubmitted) it and whoever saved the version under review."""
    return {
        task_state.workflow_state.requested_by_id,
        task_state.revision.user_id,
    } - {None}


class SummaryApprovalTask(AbstractGroupApprovalTask):
    """Group approval with a second pair of eyes: a member of the groups
    approves, but never the one who submitted the summary or wrote the version
    under review. They may still request changes or cancel."""

    def is_own_submission(self, obj, user) -> bool:
        task_state = obj.current_workflow_task_state
        return task_state is not None and user.pk in _submitters(task_state)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.is_own_submission(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
            .exclude(revision__user=user)
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Approving is refused to the submitter whichever view asks, and it
        waits while the version quotes an input that is no longer public: the
        approver is sent to the editor, which says which quotes to remove."""
        from ..citations import withheld_quotes

        if action_name == "approve":
            if user.pk in _submitters(task_state):
                raise PermissionDenied
            page = task_state.workflow_state.content_object.specific
            if withheld_quotes(page.get_latest_revision_as_object().body):
                return reverse("wagtailadmin_pages:edit", args=[page.pk])
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Medlemmer af de valgte grupper godkender, men aldrig den, der sendte "
            "opsamlingen til godkendelse."
        )

    class Meta:
        verbose_name = _("godkendelse med fire øjne")
        verbose_name_plural = _("godkendelser med fire øjne")
