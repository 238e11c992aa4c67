from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .moderation import urls as moderation_urls
from .moderation.chooser import input_chooser_viewset
from .moderation.dashboard import ModerationDashboardPanel
from .permissions import can_moderate


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("input/", include(moderation_urls, namespace="inputs_moderation"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        _("Moderation"),
        reverse("inputs_moderation:queue"),
        icon_name="tasks",
        order=150,
    )


@hooks.register("register_admin_viewset")
def register_input_chooser():
    return input_chooser_viewset


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
