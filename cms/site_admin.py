"""Wagtail's list of sites with column headers in the admin's language.
Wagtail leaves three of its columns to label themselves from the field name
("Site name", "Root page"), which gettext never sees; the fields' verbose
names are translated. This viewset takes the place of wagtail.sites (not
installed), which offers no way to swap its viewset. Registered from
wagtail_hooks.py."""

from functools import cached_property

from django.utils.text import capfirst
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Site
from wagtail.sites import views


def _labelled(column):
    if type(column) is not Column:  # the title and flag columns have labels
        return column
    field = Site._meta.get_field(column.name)
    return Column(
        column.name, label=capfirst(field.verbose_name), sort_key=column.sort_key
    )


class SiteIndexView(views.IndexView):
    table_classname = "listing stacked-listing"  # a block per row on a phone
    columns = [_labelled(column) for column in views.IndexView.columns]


class SiteViewSet(views.SiteViewSet):
    index_view_class = SiteIndexView
    # Wagtail's own menu item from the viewset, where wagtail.sites put it.
    add_to_settings_menu = True
    menu_name = "sites"
    menu_order = 602
    # Who may act on a site. Viewing the list alone is no use (each row
    # links to its edit form), so the menu item, like wagtail.sites' own,
    # asks for one of these; the viewset's default would accept "view" too.
    menu_actions = ("add", "change", "delete")

    @cached_property
    def menu_item_class(self):
        policy, actions = self.permission_policy, self.menu_actions

        class SitesMenuItem(MenuItem):
            def is_shown(self, request):
                return policy.user_has_any_permission(request.user, actions)

        return SitesMenuItem


site_viewset = SiteViewSet("wagtailsites", url_prefix="sites")
