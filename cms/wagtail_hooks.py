"""Admin hooks for summaries: "Publish" is neither offered nor accepted for
a summary to anyone cms.permissions does not let publish it; they submit it
to the approval workflow instead. Every page's editor takes a workflow
action once (cms.editing). And the list of sites (cms.site_admin)."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .editing import page_viewsets
from .models import SummaryPage
from .permissions import can_publish_summaries_directly
from .site_admin import site_viewset


def _creating_summary(request) -> bool:
    match = request.resolver_match
    return bool(
        match
        and match.url_name == "add"
        and match.kwargs.get("content_type_app_name") == "cms"
        and match.kwargs.get("content_type_model_name") == "summarypage"
    )


@hooks.register("construct_page_action_menu")
def hide_publish_for_new_summaries(menu_items, request, context):
    # The edit view asks the summary's own permission tester; the create view
    # asks the parent page's, so the new summary's rule is applied here.
    if (
        context.get("view") == "create"
        and _creating_summary(request)
        and not can_publish_summaries_directly(request.user)
    ):
        menu_items[:] = [i for i in menu_items if i.name != "action-publish"]


@hooks.register("before_create_page")
def refuse_publishing_a_new_summary(request, parent_page, page_class):
    if (
        issubclass(page_class, SummaryPage)
        and request.method == "POST"
        and request.POST.get("action-publish")
        and not can_publish_summaries_directly(request.user)
    ):
        raise PermissionDenied


@hooks.register("before_edit_page")
def refuse_publishing_a_summary(request, page):
    if (
        issubclass(page.specific_class, SummaryPage)
        and request.method == "POST"
        and request.POST.get("action-publish")
        and not page.permissions_for_user(request.user).can_publish()
    ):
        raise PermissionDenied


@hooks.register("register_admin_viewset")
def register_site_viewset():
    return site_viewset


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    return page_viewsets()
