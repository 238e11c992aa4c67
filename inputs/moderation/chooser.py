"""A chooser for accepted inputs, used by the summaries' quotation block.

Every view of it (the listing, the search results and the "chosen" lookups
that return an input's title) reads the same queryset: the accepted inputs
the requesting user may see. Never a draft, never another's BL-only input."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from ..selectors import inputs_curatable_by


class InputSearchForm(BaseFilterForm):
    """Finds an input by its reference or a word of its title (inputs are
    not in Wagtail's search index)."""

    q = forms.CharField(
        label=_("Søg"),
        widget=forms.TextInput(attrs={"placeholder": _("Reference eller titel")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(
                Q(reference__icontains=query) | Q(title__icontains=query)
            )
        return objects


class VisibleInputsMixin:
    filter_form_class = InputSearchForm

    def get_object_list(self):
        """Accepted inputs the user may see, newest first."""
        return (
            inputs_curatable_by(user=self.request.user)
            .select_related("organisation")
            .order_by("-submitted_at")
        )

    def get_object(self, pk):
        return self.get_objects([pk]).get()

    def get_objects(self, pks):
        ids = [int(pk) for pk in pks if pk.isdigit() and len(pk) < 19]
        return self.get_object_list().filter(pk__in=ids)


def _visible(view_class):
    return type(view_class.__name__, (VisibleInputsMixin, view_class), {})


class InputChooserWidget(BaseChooser):
    """A form that knows its user sets `queryset` (inputs_curatable_by): the
    widget then names only those, so an id posted by hand for another input
    (a draft) is refused without its title shown back."""

    queryset = None

    def get_instance(self, value):
        if self.queryset is None or isinstance(value, self.model_class):
            return super().get_instance(value)
        if not str(value or "").isdigit():
            return None
        return self.queryset.filter(pk=value).first()


class AcceptedInputChooserViewSet(ChooserViewSet):
    model = "inputs.Input"
    base_widget_class = InputChooserWidget
    icon = "openquote"
    choose_one_text = _("Vælg et accepteret input")
    choose_another_text = _("Vælg et andet input")
    edit_item_text = _("Se input")
    per_page = 20
    choose_view_class = _visible(chooser_views.ChooseView)
    choose_results_view_class = _visible(chooser_views.ChooseResultsView)
    chosen_view_class = _visible(chooser_views.ChosenView)
    chosen_multiple_view_class = _visible(chooser_views.ChosenMultipleView)


input_chooser_viewset = AcceptedInputChooserViewSet("input_chooser")
