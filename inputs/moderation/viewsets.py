"""The moderation queue as a Wagtail ModelViewSet for Input.

Wagtail gives the listing (filters in its filter panel, search, sorting,
pagination, XLSX/CSV export), the inspect view and the history view; the
moderator's actions on one input are this viewset's own views (views.py),
and the bulk actions are Wagtail bulk actions (bulk_actions.py). Who may use
any of it is one rule, `can_moderate`, through the permission policy below:
inputs are never created, edited or deleted here."""

from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from portal import converters  # noqa: F401 - registers <id:...>
from portal.ops.ratelimit import rate_limit
from portal.spreadsheets import spreadsheet_response

from ..models import Input
from ..permissions import can_moderate
from . import views
from .exports import export_columns, export_rows
from .filters import InputQueueFilterSet
from .selectors import moderation_queue


class ModeratorPermissionPolicy(BasePermissionPolicy):
    """Moderators (with their second factor) may view and moderate inputs;
    nobody adds, edits or deletes them in the admin."""

    ACTIONS = frozenset({"view", "moderate"})

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class QueueView(generic.IndexView):
    template_name = "inputs/moderation/index.html"
    default_ordering = "-submitted_at"
    page_title = _("Moderation af input")
    export_filename = "input"

    def get_base_queryset(self):
        return moderation_queue(user=self.request.user)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="input"),
            self._get_title_column(
                "title", get_title_id=lambda input: f"input_{input.pk}_title"
            ),
            Column("reference", label=_("Reference"), sort_key="reference"),
            Column(
                "organisation", label=_("Organisation"), accessor="organisation.name"
            ),
            Column(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column(
                "assigned_to",
                label=_("Ansvarlig"),
                accessor="assigned_to.get_full_name",
            ),
            Column(
                "personal_data_flagged",
                label=_("Personoplysninger?"),
                accessor=lambda input: (
                    _("Måske") if input.personal_data_flagged else ""
                ),
            ),
            DateColumn("submitted_at", label=_("Indsendt"), sort_key="submitted_at"),
        ]

    @method_decorator(rate_limit("export", methods=("GET", "HEAD")))
    def _export(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self._export(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Through our one spreadsheet writer (its formula guard), not
        Wagtail's; the columns are `exports.export_columns`."""
        return spreadsheet_response(
            fmt=spreadsheet_format,
            rows=export_rows(queryset),
            filename=f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}",
            sheet_title="Input",
        )


class InputModerationViewSet(ModelViewSet):
    model = Input
    url_prefix = "input"
    url_namespace = "inputs_moderation"
    pk_path_converter = "id"
    icon = "tasks"
    menu_label = _("Moderation")
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = QueueView
    inspect_view_class = views.InspectView
    history_view_class = views.HistoryView
    filterset_class = InputQueueFilterSet
    search_fields = ["title", "challenge", "solution", "reference"]
    search_backend_name = None
    list_per_page = 50
    # Wagtail shows its export buttons when this is set; the rows themselves
    # come from exports.export_columns (QueueView.as_spreadsheet).
    list_export = [label for label, _get in export_columns()]
    export_filename = "input"
    exclude_form_fields = ["answers"]  # never used: no create or edit views

    def get_urlpatterns(self):
        """Only the listing, inspect and history of Wagtail's views (no add,
        edit, delete, copy or usage), plus the moderator's actions. The
        inspect view keeps the address e-mails and summaries link to."""
        kept = {"index", "index_results", "history", "history_results"}
        return [
            *(p for p in super().get_urlpatterns() if p.name in kept),
            path("<id:pk>/", self.inspect_view, name="inspect"),
            *(
                path(
                    route,
                    self.construct_view(view_class),
                    name=name,
                )
                for route, view_class, name in views.ACTIONS
            ),
        ]

    @property
    def url_finder_class(self):
        # An input's "edit" link anywhere in the admin (e.g. the summaries'
        # quotation chooser) leads to the inspect view: there is no edit view.
        return type(
            "InputAdminURLFinder",
            (super().url_finder_class,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in (
            "add_url_name",
            "edit_url_name",
            "delete_url_name",
            "usage_url_name",
        ):
            kwargs[name] = None
        return kwargs


input_moderation_viewset = InputModerationViewSet("inputs_moderation")
