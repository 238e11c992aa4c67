"""The approval workflow every summary goes through before publishing.

Imported by settings (WAGTAIL_FINISH_WORKFLOW_ACTION) before the apps are
ready, so models are imported inside the functions."""

WORKFLOW_NAME = "Godkendelse af opsamlinger"
TASK_NAME = "BL-moderator godkender"


def summary_workflow_ensure():
    """The workflow exists, with one four-eyes task (SummaryApprovalTask)
    approved by the BL-moderator group, and applies to every partnership page
    (so to the summaries under them). A task of another type with the same
    name, from before the four-eyes rule, is taken out of the workflow.
    Idempotent."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from portal.accounts.roles import Role

    from .models import PartnershipPage, SummaryApprovalTask

    group, _created = Group.objects.get_or_create(name=Role.MODERATOR)
    task = SummaryApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SummaryApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([group])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    # Workflow is a ClusterableModel: its related manager would only hold
    # the task in memory, so the link is saved directly.
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for page in PartnershipPage.objects.all():
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
    return workflow


def publish_approved(workflow_state, user=None):
    """Finishes an approved workflow by publishing the latest revision.

    Wagtail's default asks the approver's page permissions again; a moderator
    may not publish a summary directly (cms.permissions), so here the approval
    is the permission: the task already decided who may approve. The
    approver is still recorded as the publisher."""
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )
