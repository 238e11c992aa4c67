"""The moderation queue: a Wagtail ModelViewSet for Input with Wagtail's
listing (filters, search, sorting, export), inspect and history views, plus
the moderator's actions (views.py). Inputs are never added, edited or
deleted here; `can_moderate` is the one rule for all of it."""

from django.urls import path
from django.utils import timezone
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
from ..views.unsaved import keeping_text
from . import forms, views
from .exports import export_columns, export_rows
from .filters import InputQueueFilterSet
from .selectors import moderation_queue


class ModeratorPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ("view", "moderate") and can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OptionalColumn(Column):
    """A column that is often empty: its empty cells render as `<td></td>`,
    which the queue hides on a phone (admin_dashboard.css)."""

    cell_template_name = "inputs/moderation/optional_cell.html"


class QueueView(generic.IndexView):
    template_name = "inputs/moderation/index.html"
    default_ordering = "-submitted_at"
    page_title = _("Moderation af input")
    table_classname = "listing moderation-queue stacked-listing"  # admin_dashboard.css

    def get_base_queryset(self):
        return moderation_queue(user=self.request.user)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="input"),
            self._get_title_column(
                "title", get_title_id=lambda input: f"input_{input.pk}_title"
            ),
            Column(
                "reference",
                label=_("Reference"),
                sort_key="reference",
                accessor=lambda input: input.reference or "–",
                classname="w-whitespace-nowrap",
            ),
            Column(
                "organisation", label=_("Organisation"), accessor="organisation.name"
            ),
            self._get_custom_column("status"),
            OptionalColumn("assigned_to", label=_("Ansvarlig")),
            OptionalColumn(
                "personal_data_flagged",
                label=_("Personoplysninger?"),
                accessor=lambda input: (
                    _("Måske") if input.personal_data_flagged else ""
                ),
            ),
            DateColumn("submitted_at", label=_("Indsendt"), sort_key="submitted_at"),
        ]

    def get(self, request, *args, **kwargs):
        view = super().get
        if self.is_export:
            view = rate_limit("export", methods=("GET", "HEAD"))(view)
        return view(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Through our one spreadsheet writer (its formula guard)."""
        return spreadsheet_response(
            fmt=spreadsheet_format,
            rows=export_rows(queryset),
            filename=f"input-{timezone.localdate():%Y-%m-%d}",
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
    inspect_view_enabled = True
    index_view_class = QueueView
    inspect_view_class = views.InspectView
    inspect_view_fields = [
        *("reference", "status", "organisation", "kind", "partnerships", "call"),
        *("themes", "target_groups", "municipality", "estate", "residents_reached"),
        *("ongoing", "contact_name", "contact_email", "contact_phone", "consent"),
        *("visibility", "personal_data_flagged", "assigned_to", "submitted_at"),
    ]
    history_view_class = views.HistoryView
    filterset_class = InputQueueFilterSet
    search_fields = ["title", "challenge", "solution", "reference"]
    search_backend_name = None
    list_per_page = 50
    # Shows Wagtail's export buttons; QueueView.as_spreadsheet writes the rows.
    list_export = [label for label, _get in export_columns()]
    exclude_form_fields = ["answers"]  # never used: no create or edit views

    def get_urlpatterns(self):
        """Wagtail's listing and history; the inspect view at the input's own
        address (e-mails and summaries link to it) and the actions below it."""
        kept = {"index", "index_results", "history", "history_results"}
        return [
            *(p for p in super().get_urlpatterns() if p.name in kept),
            path("<id:pk>/", self.inspect_view, name="inspect"),
            *(
                path(f"<id:pk>/{route}", self.action_view(name), name=name)
                for name, (route, _form) in views.ACTIONS.items()
            ),
            path("<id:pk>/rediger/", self.action_view("redact"), name="redact"),
            path(
                "<id:pk>/versioner/<id:revision_pk>/",
                self.construct_view(views.CompareView),
                name="compare",
            ),
        ]

    def action_view(self, name):
        if name == "redact":
            view_class, form_class = views.RedactView, forms.RedactionForm
        else:
            view_class, form_class = views.ActionView, views.ACTIONS[name][1]
        fields = self.inspect_view_fields
        view = self.construct_view(view_class, action_name=name, fields=fields)
        # What the moderator typed survives an ended session or a stale token.
        return keeping_text(view, form_class=form_class)

    def get_url_name(self, view_name):
        # No edit view: an input's page in the admin (in the history's
        # breadcrumbs, the summaries' quotation chooser) is its inspect view.
        return super().get_url_name("inspect" if view_name == "edit" else view_name)


input_moderation_viewset = InputModerationViewSet("inputs_moderation")
