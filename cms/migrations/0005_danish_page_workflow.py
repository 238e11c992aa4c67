from django.db import migrations

# Wagtail's migration 0048 makes a workflow and a task named after its sample
# group "Moderators", which portal.accounts.roles deletes: the task then had
# no group (only superusers could approve) and an English name. Renamed only
# while they still have Wagtail's name, so a name chosen in the admin stays.
OLD_NAME = "Moderators approval"
WORKFLOW_NAME = "Godkendelse af sider"
TASK_NAME = "BL-moderator godkender siden"
MODERATOR_GROUP = "BL-moderator"  # portal.accounts.roles.Role.MODERATOR


def danish_page_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=OLD_NAME).update(name=WORKFLOW_NAME)
    tasks = list(GroupApprovalTask.objects.filter(name=OLD_NAME))
    if not tasks:
        return
    group, _created = Group.objects.get_or_create(name=MODERATOR_GROUP)
    for task in tasks:
        task.name = TASK_NAME
        task.save(update_fields=["name"])
        task.groups.set([group])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("cms", "0004_summary_approval_task"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(danish_page_workflow, migrations.RunPython.noop),
    ]
