"""Summaries are published only through the four-eyes approval workflow."""

import importlib

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Task,
    TaskState,
    Workflow,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import PartnershipPage, SummaryApprovalTask, SummaryPage
from cms.workflows import TASK_NAME, WORKFLOW_NAME, summary_workflow_ensure
from inputs.models.inputs import Visibility
from inputs.services.moderation import input_set_visibility
from portal.accounts.roles import Role
from tests.cms.test_summaries import _accepted
from tests.factories import log_in, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def elderly_page(demo_site):
    summary_workflow_ensure()
    return PartnershipPage.objects.get(partnership__slug="svaekkede-aeldre")


@pytest.fixture
def submitter(db):
    return moderator()


@pytest.fixture
def reviewer(db):
    return moderator()


def _draft(parent, user, body=()):
    page = SummaryPage(
        title="Til godkendelse",
        slug="til-godkendelse",
        introduction="Intro.",
        body=list(body),
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return page


def _submitted(parent, user, body=()):
    page = _draft(parent, user, body)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page


def _form(page, **extra):
    return (
        nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "introduction": page.introduction,
                "body": streamfield([]),
                "sources": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        | extra
    )


APPROVE = 'data-workflow-action-name="approve"'
# Wagtail answers a refused admin request by sending the user to the dashboard.
REFUSED = "/admin/"


def _action_url(page, action):
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk]
    )


def _approve_url(page):
    return _action_url(page, "approve")


def test_submitter_is_not_offered_approve_but_a_second_moderator_is(
    client, submitter, reviewer, elderly_page
):
    page = _submitted(elderly_page, submitter)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    log_in(client, submitter)
    html = client.get(edit_url).content.decode()
    assert 'data-workflow-action-name="reject"' in html  # may request changes
    assert APPROVE not in html
    client.logout()
    log_in(client, reviewer)
    assert APPROVE in client.get(edit_url).content.decode()


def test_submitter_cannot_approve_by_posting(client, submitter, elderly_page):
    page = _submitted(elderly_page, submitter)
    log_in(client, submitter)
    response = client.post(_approve_url(page))
    assert (response.status_code, response["Location"]) == (302, REFUSED)
    # Nor through the editor's workflow action.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _form(
            page, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
        ),
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    # And the task itself refuses, whichever view calls it.
    with pytest.raises(PermissionDenied):
        page.current_workflow_task.on_action(
            page.current_workflow_task_state, submitter, "approve"
        )


def test_second_moderator_approves_and_publishes(
    client, submitter, reviewer, elderly_page
):
    page = _submitted(elderly_page, submitter)
    log_in(client, reviewer)
    response = client.post(_approve_url(page))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    published = PageLogEntry.objects.get(page=page, action="wagtail.publish")
    assert published.user == reviewer
    assert client.get(page.url).status_code == 200


def test_dashboard_does_not_ask_the_submitter_to_review(
    submitter, reviewer, elderly_page
):
    page = _submitted(elderly_page, submitter)
    task = SummaryApprovalTask.objects.get(name=TASK_NAME)
    assert not task.get_task_states_user_can_moderate(submitter).exists()
    reviewable = task.get_task_states_user_can_moderate(reviewer)
    assert [s.pk for s in reviewable] == [page.current_workflow_task_state.pk]


def test_moderator_cannot_publish_a_summary_directly(client, submitter, elderly_page):
    page = _draft(elderly_page, submitter)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    log_in(client, submitter)
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    response = client.post(edit_url, _form(page, **{"action-publish": "1"}))
    assert (response.status_code, response["Location"]) == (302, REFUSED)
    page.refresh_from_db()
    assert not page.live

    add_url = reverse(
        "wagtailadmin_pages:add", args=["cms", "summarypage", elderly_page.pk]
    )
    assert 'name="action-publish"' not in client.get(add_url).content.decode()
    new = SummaryPage(title="Ny", slug="ny", introduction="Intro.")
    response = client.post(add_url, _form(new, **{"action-publish": "1"}))
    assert (response.status_code, response["Location"]) == (302, REFUSED)
    assert not SummaryPage.objects.filter(slug="ny").exists()
    # Other pages are still published directly.
    standard_add = reverse(
        "wagtailadmin_pages:add", args=["cms", "standardpage", elderly_page.pk]
    )
    assert 'name="action-publish"' in client.get(standard_add).content.decode()


def test_superuser_may_still_publish_directly(client, elderly_page):
    admin = moderator(is_superuser=True)
    page = _draft(elderly_page, admin)
    log_in(client, admin)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert 'name="action-publish"' in client.get(edit_url).content.decode()
    client.post(edit_url, _form(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert page.live


def test_approval_waits_while_a_quote_is_no_longer_public(
    client, submitter, reviewer, elderly_page
):
    item = _accepted(reviewer, title="Telefonkæde")
    page = _submitted(
        elderly_page, submitter, [("quote", {"input": item, "excerpt": "Citat"})]
    )
    input_set_visibility(input=item, visibility=Visibility.BL_ONLY, user=reviewer)
    log_in(client, reviewer)
    response = client.post(_approve_url(page))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    assert not page.live
    html = client.get(response["Location"]).content.decode()
    assert f"Opsamlingen citerer {item.reference}" in html


def test_setup_replaces_the_old_group_approval_task(demo_site):
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    old = GroupApprovalTask.objects.create(name=TASK_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=old, sort_order=0)
    assert summary_workflow_ensure() == workflow
    tasks = [t.specific for t in workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], SummaryApprovalTask)
    assert summary_workflow_ensure() == workflow
    assert SummaryApprovalTask.objects.count() == 1


def test_wagtails_default_workflow_is_danish_and_approved_by_moderators():
    # Made by Wagtail's migrations; renamed by cms 0005.
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    workflow = Workflow.objects.get(name="Godkendelse af sider")
    task = workflow.tasks.get().specific
    assert task.name == "BL-moderator godkender siden"
    assert [g.name for g in task.groups.all()] == [Role.MODERATOR]


def test_the_rename_leaves_a_workflow_named_in_the_admin_alone():
    from django.apps import apps

    migration = importlib.import_module("cms.migrations.0005_danish_page_workflow")
    own = Workflow.objects.create(name="Vores egen godkendelse")
    old = Workflow.objects.create(name="Moderators approval")
    migration.danish_page_workflow(apps, None)
    own.refresh_from_db()
    old.refresh_from_db()
    assert (own.name, old.name) == ("Vores egen godkendelse", "Godkendelse af sider")


def _approve_in_editor(client, page, **headers):
    """The editor's "Godkend og Publicér": the whole form, with the hidden
    inputs Wagtail's workflow-action.js adds to it when the button is
    clicked."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _form(
            page,
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
        **headers,
    )


def test_a_second_approval_racing_the_first_is_told_it_was_decided(
    client, submitter, reviewer, elderly_page, monkeypatch
):
    """A double click, or two moderators at once: the second request found
    the action open when it arrived, but the first approved and published
    before it acted. It answered 500 (Wagtail's perform_workflow_action
    calls on_action on a current_workflow_task that is now None). Here the
    first request runs to its end exactly inside that window."""
    from django.test import Client
    from wagtail.admin.views.pages.edit import EditView

    page = _submitted(elderly_page, submitter)
    log_in(client, reviewer)
    first = Client()
    log_in(first, reviewer)
    checked = EditView.workflow_action_is_valid
    answers = []

    def valid_then_the_first_request_finishes(view):
        valid = checked(view)
        monkeypatch.undo()  # once: the first request runs Wagtail's own check
        answers.append(_approve_in_editor(first, page))
        return valid

    monkeypatch.setattr(
        EditView, "workflow_action_is_valid", valid_then_the_first_request_finishes
    )
    response = _approve_in_editor(client, page)
    assert answers[0].status_code == 302
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert (response.status_code, response["Location"]) == (302, edit_url)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    html = client.get(edit_url).content.decode()
    assert "Godkendelsen er allerede afgjort" in html


def test_the_autosave_never_takes_the_workflow_action(
    client, submitter, reviewer, elderly_page
):
    """Wagtail's autosave posts the whole form, so after a click on "Godkend
    og Publicér" it carried the action's hidden inputs: a second approval
    racing the click's own request."""
    page = _submitted(elderly_page, submitter)
    log_in(client, reviewer)
    response = _approve_in_editor(client, page, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    # The click's own request still approves.
    assert _approve_in_editor(client, page).status_code == 302
    page.refresh_from_db()
    assert page.live


def test_every_page_type_has_the_editor_that_acts_once():
    # Every page type goes through the approval workflow, so each is open to
    # the same race; a new page type must be added to cms.editing.
    from wagtail.admin.viewsets.pages import page_viewset_registry
    from wagtail.models import get_page_models

    from cms.editing import PageEditView

    ours = [m for m in get_page_models() if m._meta.app_label in ("cms", "inputs")]
    assert len(ours) == 5
    for model in ours:
        assert page_viewset_registry.get_by_type(model).edit_view_class is PageEditView
