"""The page editor: Wagtail's, with its workflow actions taken once. Every
page type goes through the approval workflow, so each gets this editor.

Wagtail's edit view checks that the posted workflow action is still open
when the request arrives, then saves the form and acts on the task. A second
request for the same action in between (a double click on "Godkend og
Publicér", a second moderator, or the editor's autosave, which posts the
whole form with the hidden inputs the action's button added) found the
workflow finished by the time it acted, and answered 500 after saving its
copy of the form (`current_workflow_task` is None in
`perform_workflow_action`)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


class PageEditView(EditView):
    def post(self, request, *args, **kwargs):
        if self.expects_json_response and request.POST.get("action-workflow-action"):
            # An autosave after the click: the click's own request takes the
            # action. "invalid_revision" is the code on which the autosave
            # stops and shows the message.
            return self.json_error_response(
                "invalid_revision",
                _("Gemmes ikke automatisk, mens godkendelsen sendes."),
            )
        return super().post(request, *args, **kwargs)

    def perform_workflow_action(self):
        with transaction.atomic():
            # One workflow action at a time on the page; the next one asks
            # again once the first is done.
            Page.objects.select_for_update().filter(pk=self.page.pk).first()
            if not self.workflow_action_is_valid():
                messages.warning(
                    self.request,
                    _("Godkendelsen er allerede afgjort; handlingen er ikke udført."),
                )
                return redirect(self.get_edit_url())
            return super().perform_workflow_action()


class PageTypeViewSet(PageViewSet):
    edit_view_class = PageEditView
    # Only the editor changes: the explorer keeps Wagtail's listing.
    parent_models = ()


def page_viewsets() -> list[PageTypeViewSet]:
    """One for each of the site's page types."""
    from inputs.models import CallPage

    from .models import HomePage, PartnershipPage, StandardPage, SummaryPage

    return [
        PageTypeViewSet(model._meta.model_name, model=model)
        for model in (HomePage, PartnershipPage, StandardPage, SummaryPage, CallPage)
    ]
