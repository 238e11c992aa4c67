from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Input
from .moderation.bulk_actions import BULK_ACTION_CLASSES
from .moderation.chooser import input_chooser_viewset
from .moderation.dashboard import ModerationDashboardPanel
from .moderation.viewsets import ModeratorPermissionPolicy, input_moderation_viewset
from .permissions import can_moderate

register_permission_policy(Input, ModeratorPermissionPolicy(Input))


@hooks.register("register_admin_viewset")
def register_moderation_viewset():
    return input_moderation_viewset


@hooks.register("register_admin_viewset")
def register_input_chooser():
    return input_chooser_viewset


for bulk_action_class in BULK_ACTION_CLASSES:
    hooks.register("register_bulk_action", bulk_action_class)


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if can_moderate(request.user):
        panels.insert(0, ModerationDashboardPanel(request.user))


@hooks.register("insert_global_admin_css")
def dashboard_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/admin_dashboard.css")
    )


# Themes and target groups (with their English names) in the admin menu.
from . import vocabulary_admin  # noqa: E402, F401
