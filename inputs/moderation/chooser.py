"""A chooser for accepted inputs, used by the summaries' quotation block.

Every view of it (the listing, the search results and the "chosen" lookups
that return an input's title) reads the same queryset: the accepted inputs
the requesting user may see. Never a draft, never another's BL-only input."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ..selectors import inputs_visible_to
from ..states import Status


def inputs_to_quote(*, user):
    """Accepted inputs `user` may see, newest first."""
    return (
        inputs_visible_to(user=user)
        .filter(status=Status.ACCEPTED)
        .select_related("organisation")
        .order_by("-submitted_at")
    )


class VisibleInputsMixin:
    def get_object_list(self):
        return inputs_to_quote(user=self.request.user)


class ChooseView(VisibleInputsMixin, chooser_views.ChooseView):
    pass


class ChooseResultsView(VisibleInputsMixin, chooser_views.ChooseResultsView):
    pass


class ChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        try:
            return inputs_to_quote(user=self.request.user).get(pk=int(pk))
        except (ValueError, ValidationError) as error:
            raise Http404 from error


class ChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        ids = [int(pk) for pk in pks if pk.isdigit() and len(pk) < 19]
        return inputs_to_quote(user=self.request.user).filter(pk__in=ids)


class AcceptedInputChooserViewSet(ChooserViewSet):
    model = "inputs.Input"
    icon = "openquote"
    choose_one_text = _("Vælg et accepteret input")
    choose_another_text = _("Vælg et andet input")
    edit_item_text = _("Se input")
    per_page = 20
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


input_chooser_viewset = AcceptedInputChooserViewSet("input_chooser")
