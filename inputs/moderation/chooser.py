"""A chooser for accepted inputs, used by the summaries' quotation block."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ..states import Status


class AcceptedInputChooserViewSet(ChooserViewSet):
    model = "inputs.Input"
    icon = "openquote"
    choose_one_text = _("Vælg et accepteret input")
    choose_another_text = _("Vælg et andet input")
    edit_item_text = _("Se input")
    per_page = 20

    def get_object_list(self):
        from ..models import Input

        return (
            Input.objects.filter(status=Status.ACCEPTED)
            .select_related("organisation")
            .order_by("-submitted_at")
        )


input_chooser_viewset = AcceptedInputChooserViewSet("input_chooser")
