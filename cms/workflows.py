"""The approval workflow every summary goes through before publishing."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from portal.accounts.roles import Role

from .models import PartnershipPage

WORKFLOW_NAME = "Godkendelse af opsamlinger"
TASK_NAME = "BL-moderator godkender"


def summary_workflow_ensure() -> Workflow:
    """The workflow exists, with one task approved by the BL-moderator
    group, and applies to every partnership page (so to the summaries under
    them). Idempotent."""
    group, _created = Group.objects.get_or_create(name=Role.MODERATOR)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([group])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
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
