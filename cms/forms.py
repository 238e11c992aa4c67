"""Editor forms for pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class SummaryPageForm(WagtailAdminPageForm):
    """A summary builds only on inputs its editor may curate
    (inputs_curatable_by): the field offers nothing else, and a posted id of
    any other input (a draft, say) is refused beside the field."""

    def __init__(self, *args, **kwargs):
        from inputs.selectors import inputs_curatable_by

        super().__init__(*args, **kwargs)
        field = self.fields["inputs"]
        field.queryset = inputs_curatable_by(user=self.for_user).order_by(
            "reference", "pk"
        )
        field.error_messages["invalid_choice"] = field.error_messages[
            "invalid_pk_value"
        ] = _("Vælg kun blandt de accepterede input på listen.")
